#include <cctype>

#include "readers.h"

namespace dyad::io_internal {
namespace {

// "950101  DEMO-01" -> date text, id. TABARI writes YYMMDD; YYYYMMDD also occurs. A digit run
// of another length still starts a record (its date is then reported as unreadable).
bool ParseHeader(std::string_view line, std::string* date, std::string* id) {
  size_t n = 0;
  while (n < line.size() && std::isdigit(static_cast<unsigned char>(line[n]))) ++n;
  if (n < 6 || n > 9 || n >= line.size() || (line[n] != ' ' && line[n] != '\t')) return false;
  size_t b = line.find_first_not_of(" \t", n);
  if (b == std::string_view::npos) return false;
  size_t e = line.find_first_of(" \t", b);
  *date = std::string(line.substr(0, n));
  *id = std::string(line.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b));
  return true;
}

bool Blank(std::string_view s) { return s.find_first_not_of(" \t") == std::string_view::npos; }

// TABARI .text records: a "YYMMDD id" line, the text, a blank line. "/* ... */" comments
// (which in validation files hold the expected events) are kept as meta.extra "comment";
// lines starting with '#' between records are file comments.
class TabariReader final : public Reader {
 public:
  TabariReader(std::unique_ptr<LineSource> in, const ReaderOptions&) : in_(std::move(in)) {}

  std::optional<ReadRecord> Next() override {
    std::string date, id;
    while (in_->GetLine(line_)) {
      if (Blank(line_) || line_[0] == '#') continue;
      if (ParseHeader(line_, &date, &id)) return ReadBody(date, id);
      ReadRecord rec;
      rec.doc.meta.origin = in_->Where();
      rec.status = DataError(in_->Where() + ": expected a \"YYMMDD id\" record header, found \"" +
                             line_.substr(0, 60) + "\"; skipping to the next blank line");
      while (in_->GetLine(line_) && !Blank(line_)) {
      }
      return rec;
    }
    return std::nullopt;
  }

 private:
  ReadRecord ReadBody(const std::string& date, const std::string& id) {
    ReadRecord rec;
    Document& doc = rec.doc;
    doc.meta.origin = in_->Where();
    doc.meta.id = id;
    std::string comment;
    bool in_comment = false;
    while (in_->GetLine(line_)) {
      if (!in_comment && Blank(line_)) break;
      std::string_view rest = line_;
      while (!rest.empty()) {
        if (in_comment) {
          size_t end = rest.find("*/");
          comment.append(rest.substr(0, end));
          if (end == std::string_view::npos) {
            comment += '\n';
            rest = {};
          } else {
            in_comment = false;
            rest.remove_prefix(end + 2);
          }
        } else {
          size_t start = rest.find("/*");
          doc.text.append(rest.substr(0, start));
          if (start == std::string_view::npos) {
            doc.text += '\n';
            rest = {};
          } else {
            in_comment = true;
            rest.remove_prefix(start + 2);
          }
        }
      }
    }
    if (in_comment) doc.warnings.push_back("comment \"/*\" not closed before the end of input");
    while (!doc.text.empty() && (doc.text.back() == '\n' || doc.text.back() == ' ')) doc.text.pop_back();
    if (!comment.empty()) doc.meta.extra.emplace_back("comment", comment);
    SetMetadataDate(doc, date);
    return rec;
  }

  std::unique_ptr<LineSource> in_;
  std::string line_;
};

}  // namespace

std::unique_ptr<Reader> NewTabariReader(std::unique_ptr<LineSource> in, const ReaderOptions& o) {
  return std::make_unique<TabariReader>(std::move(in), o);
}

}  // namespace dyad::io_internal
