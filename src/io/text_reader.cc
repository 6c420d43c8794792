#include <cctype>

#include "readers.h"

namespace dyad::io_internal {
namespace {

// A date written into a file name: "afp-2013-04-30-kerry" or "20130430_story".
std::string DateInName(std::string_view name) {
  for (size_t i = 0; i + 8 <= name.size(); ++i) {
    if (i > 0 && std::isdigit(static_cast<unsigned char>(name[i - 1]))) continue;
    auto digits = [&](size_t at, size_t n) {
      if (at + n > name.size()) return false;
      for (size_t k = at; k < at + n; ++k)
        if (!std::isdigit(static_cast<unsigned char>(name[k]))) return false;
      return true;
    };
    if (digits(i, 4) && i + 10 <= name.size() && (name[i + 4] == '-' || name[i + 4] == '_') &&
        digits(i + 5, 2) && name[i + 7] == name[i + 4] && digits(i + 8, 2) &&
        (i + 10 == name.size() || !std::isdigit(static_cast<unsigned char>(name[i + 10])))) {
      return std::string(name.substr(i, 10));
    }
    if (digits(i, 8) && (i + 8 == name.size() || !std::isdigit(static_cast<unsigned char>(name[i + 8]))) &&
        (name[i] == '1' || name[i] == '2')) {
      return std::string(name.substr(i, 8));
    }
  }
  return "";
}

class TextReader final : public Reader {
 public:
  TextReader(std::unique_ptr<LineSource> in, std::string id, const ReaderOptions& o)
      : in_(std::move(in)), id_(std::move(id)), max_bytes_(o.max_document_bytes) {}

  std::optional<ReadRecord> Next() override {
    if (done_) return std::nullopt;
    done_ = true;
    ReadRecord rec;
    rec.doc.meta.id = id_;
    rec.doc.meta.origin = in_->name();
    // Past the size bound keep counting but stop storing; CheckingReader reports it.
    size_t total = in_->ReadRest(rec.doc.text, max_bytes_ + 1);
    if (total > rec.doc.text.size()) rec.doc.text.resize(max_bytes_ + 1);
    if (std::string d = DateInName(id_); !d.empty()) SetMetadataDate(rec.doc, d);
    return rec;
  }

 private:
  std::unique_ptr<LineSource> in_;
  std::string id_;
  size_t max_bytes_;
  bool done_ = false;
};

}  // namespace

std::unique_ptr<Reader> NewTextReader(std::unique_ptr<LineSource> in, std::string id,
                                      const ReaderOptions& o) {
  return std::make_unique<TextReader>(std::move(in), std::move(id), o);
}

}  // namespace dyad::io_internal
