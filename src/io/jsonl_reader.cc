#include <simdjson.h>

#include "readers.h"

namespace dyad::io_internal {
namespace {

// Index of `key` in `candidates`, or -1.
int Rank(const std::vector<std::string>& candidates, std::string_view key) {
  for (size_t i = 0; i < candidates.size(); ++i)
    if (candidates[i] == key) return static_cast<int>(i);
  return -1;
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

class JsonlReader final : public Reader {
 public:
  JsonlReader(std::unique_ptr<LineSource> in, const ReaderOptions& o)
      : in_(std::move(in)), fields_(o.json) {}

  std::optional<ReadRecord> Next() override {
    while (in_->GetLine(line_)) {
      size_t p = line_.find_first_not_of(" \t");
      if (p == std::string::npos) continue;  // blank lines separate nothing
      return Parse();
    }
    return std::nullopt;
  }

 private:
  struct Slot {
    const std::vector<std::string>* names;
    std::string* out;
    int rank = 1 << 30;
  };

  ReadRecord Parse() {
    ReadRecord rec;
    Document& doc = rec.doc;
    doc.meta.origin = in_->Where();
    size_t repaired = 0;
    if (!simdjson::validate_utf8(line_.data(), line_.size())) repaired = RepairUtf8(line_);
    const size_t len = line_.size();
    line_.reserve(len + simdjson::SIMDJSON_PADDING);
    std::string date, text_value, dateline;
    bool has_text = false;
    Slot slots[] = {{&fields_.id, &doc.meta.id},       {&fields_.date, &date},
                    {&fields_.source, &doc.meta.source}, {&fields_.url, &doc.meta.url},
                    {&fields_.title, &doc.meta.title}, {&fields_.dateline, &dateline}};
    int text_rank = 1 << 30;
    std::string text_type_error;

    auto fail = [&](const std::string& what) {
      rec.status = DataError(in_->Where() + ": " + what);
      return rec;
    };
    // The DOM parser dispatches at run time to the best kernel for this CPU.
    simdjson::dom::element json;
    auto err = parser_.parse(line_.data(), len, /*realloc_if_needed=*/false).get(json);
    if (err) return fail(std::string("malformed JSON (") + simdjson::error_message(err) + ")");
    simdjson::dom::object obj;
    if (json.get_object().get(obj)) return fail("malformed JSON (a line must be one object)");
    for (auto [key, value] : obj) {
      const simdjson::dom::element_type type = value.type();
      int tr = Rank(fields_.text, key);
      if (tr >= 0 && tr < text_rank) {
        if (type == simdjson::dom::element_type::STRING) {
          text_value.assign(value.get_string().value_unsafe());
          text_rank = tr;
          has_text = true;
        } else if (type != simdjson::dom::element_type::NULL_VALUE) {
          text_type_error = "field \"" + std::string(key) + "\" is not a string";
        }
        continue;
      }
      for (Slot& slot : slots) {
        int r = Rank(*slot.names, key);
        if (r < 0 || r >= slot.rank) continue;
        if (type == simdjson::dom::element_type::STRING) {
          slot.out->assign(value.get_string().value_unsafe());
          slot.rank = r;
        } else if (type == simdjson::dom::element_type::INT64 ||
                   type == simdjson::dom::element_type::UINT64 ||
                   type == simdjson::dom::element_type::DOUBLE ||
                   type == simdjson::dom::element_type::BOOL) {
          *slot.out = simdjson::minify(value);
          slot.rank = r;
        }
        break;
      }
    }
    if (doc.meta.id.empty()) doc.meta.id = in_->name() + ":" + std::to_string(in_->line_no());
    if (!has_text) {
      rec.status = DataError(in_->Where() + " (" + doc.meta.id + "): " +
                             (text_type_error.empty() ? "no text field (looked for " + Join(fields_.text) + ")"
                                                      : text_type_error));
      return rec;
    }
    doc.text = std::move(text_value);
    if (repaired) doc.warnings.push_back(std::to_string(repaired) + " invalid UTF-8 sequence(s) in the line replaced by U+FFFD");
    SetMetadataDate(doc, date);
    if (!dateline.empty()) doc.meta.dateline = dateline;
    return rec;
  }

  std::unique_ptr<LineSource> in_;
  JsonFields fields_;
  std::string line_;
  simdjson::dom::parser parser_;
};

}  // namespace

std::unique_ptr<Reader> NewJsonlReader(std::unique_ptr<LineSource> in, const ReaderOptions& o) {
  return std::make_unique<JsonlReader>(std::move(in), o);
}

}  // namespace dyad::io_internal
