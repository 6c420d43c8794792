#include "dyad/io/conllu.h"
#include "readers.h"

namespace dyad::io_internal {
namespace {

// CoNLL-U as pipeline input: one document per "# newdoc", its raw text rebuilt from the
// "# text" lines (see conllu.h). Gold annotation is not carried into the Document.
class ConlluReader final : public Reader {
 public:
  ConlluReader(std::unique_ptr<LineSource> in, const ReaderOptions&)
      : in_(std::move(in)),
        docs_([this](std::string& line) { return in_->GetLine(line); }, in_->name()) {}

  std::optional<ReadRecord> Next() override {
    std::optional<ConlluDocument> cd = docs_.Next();
    if (!cd) return std::nullopt;
    ReadRecord rec;
    rec.doc.meta.origin = in_->name() + ":" + std::to_string(cd->line);
    rec.doc.meta.id = cd->id.empty() ? rec.doc.meta.origin : cd->id;
    rec.doc.text = std::move(cd->text);
    rec.doc.warnings = std::move(cd->warnings);
    return rec;
  }

 private:
  std::unique_ptr<LineSource> in_;
  ConlluDocumentReader docs_;
};

}  // namespace

std::unique_ptr<Reader> NewConlluReader(std::unique_ptr<LineSource> in, const ReaderOptions& o) {
  return std::make_unique<ConlluReader>(std::move(in), o);
}

}  // namespace dyad::io_internal
