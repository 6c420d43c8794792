#include "common.h"

#include <fmt/format.h>

#include <cstdlib>

#include "dyad/ner/entity_recognizer.h"
#include "dyad/parse/parser.h"
#include "dyad/tag/tagger.h"
#include "dyad/text/dateliner.h"
#include "dyad/text/segmenter.h"
#include "verbs.h"

namespace dyad::cli {

void AddInputFlags(CLI::App& app, InputFlags& f) {
  app.add_option("input", f.path, "input file or directory; - for standard input")
      ->capture_default_str();
  app.add_option("--input-format", f.format, "auto, text, jsonl, tabari, petrarch, conllu")
      ->capture_default_str();
  app.add_option("--date", f.date, "publication date (YYYY-MM-DD) for records that carry none");
  app.add_option("--max-doc-bytes", f.max_doc_bytes, "larger documents are rejected with an error")
      ->capture_default_str();
  app.add_option("--max-document-bytes", f.max_document_bytes,
                 "a document's text past this many bytes is cut (at a space) and not analysed; "
                 "recorded as a warning; 0 = no cut")
      ->capture_default_str();
  app.add_option("--max-sentence-tokens", f.max_sentence_tokens,
                 "longer sentences are cut into pieces of this many tokens (at least 2), each "
                 "analysed as a sentence; recorded as a warning")
      ->capture_default_str();
  app.add_option("--text-field", f.text_field,
                 "JSON Lines: field(s) holding the text, comma-separated");
  app.add_option("--id-field", f.id_field, "JSON Lines: field(s) holding the record id");
  app.add_option("--date-field", f.date_field, "JSON Lines: field(s) holding the date");
  app.add_option(
         "--line-breaks", f.line_breaks,
         "how a single line break is read: auto, paragraph (every line break ends a paragraph), "
         "space (only blank or indented lines do)")
      ->capture_default_str();
  app.add_option("--threads,-j", f.threads, "worker threads (0 = all cores)")
      ->capture_default_str();
  app.add_option("--max-messages", f.max_messages,
                 "errors and warnings shown, each kind; the rest are counted (0 = show all)")
      ->capture_default_str();
}

size_t MessageLimit(const InputFlags& flags) {
  return flags.max_messages == 0 ? SIZE_MAX : flags.max_messages;
}

namespace {
std::vector<std::string> SplitCommas(const std::string& s) {
  std::vector<std::string> out;
  size_t b = 0;
  while (b <= s.size()) {
    size_t c = s.find(',', b);
    std::string part = s.substr(b, c == std::string::npos ? std::string::npos : c - b);
    if (!part.empty()) out.push_back(part);
    if (c == std::string::npos) break;
    b = c + 1;
  }
  return out;
}
}  // namespace

StatusOr<ReaderOptions> MakeReaderOptions(const InputFlags& f) {
  ReaderOptions o;
  DYAD_ASSIGN_OR_RETURN(o.format, ParseInputFormat(f.format));
  o.max_document_bytes = f.max_doc_bytes;
  o.truncate_document_bytes = f.max_document_bytes;
  if (!f.text_field.empty()) o.json.text = SplitCommas(f.text_field);
  if (!f.id_field.empty()) o.json.id = SplitCommas(f.id_field);
  if (!f.date_field.empty()) o.json.date = SplitCommas(f.date_field);
  return o;
}

StatusOr<std::vector<std::shared_ptr<const Stage>>> MakeTextStages(const InputFlags& f) {
  DatelinerOptions dopt;
  if (!f.date.empty()) {
    StatusOr<Date> d = ParseDate(f.date);
    if (!d.ok()) return InvalidArgumentError("--date: " + d.status().message());
    dopt.default_date = *d;
  }
  SegmenterOptions sopt;
  if (f.max_sentence_tokens < 2)
    return InvalidArgumentError("--max-sentence-tokens must be at least 2");
  sopt.max_sentence_tokens = f.max_sentence_tokens;
  if (f.line_breaks == "auto")
    sopt.line_breaks = SegmenterOptions::LineBreaks::kAuto;
  else if (f.line_breaks == "paragraph")
    sopt.line_breaks = SegmenterOptions::LineBreaks::kParagraph;
  else if (f.line_breaks == "space")
    sopt.line_breaks = SegmenterOptions::LineBreaks::kSpace;
  else
    return InvalidArgumentError("--line-breaks must be auto, paragraph or space");
  std::vector<std::shared_ptr<const Stage>> stages;
  DYAD_ASSIGN_OR_RETURN(auto dateliner, Dateliner::Load(dopt));
  DYAD_ASSIGN_OR_RETURN(auto segmenter, Segmenter::Load(sopt));
  stages.push_back(dateliner);
  stages.push_back(segmenter);
  return stages;
}

int Fail(const Status& status) {
  fmt::print(stderr, "dyad: {}\n", status.message());
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
      return kExitUsage;
    case StatusCode::kInternal:
      return kExitInternal;
    default:
      return kExitData;
  }
}

}  // namespace dyad::cli

namespace dyad::cli {

void AddModelFlags(CLI::App& app, ModelFlags& flags, Analysis depth) {
  if (depth == Analysis::kNone) return;
  flags.tagger = DefaultModelPath("tagger.dyad");
  flags.parser = DefaultModelPath("parser.dyad");
  flags.ner = DefaultModelPath("ner.dyad");
  app.add_option("--tagger", flags.tagger, "tagger model")->capture_default_str();
  if (depth == Analysis::kParse || depth == Analysis::kAll) {
    app.add_option("--parser", flags.parser, "parser model")->capture_default_str();
  }
  if (depth == Analysis::kNer || depth == Analysis::kAll) {
    app.add_option("--ner", flags.ner, "NER model")->capture_default_str();
  }
}

Status AddAnalysisStages(const ModelFlags& flags, Analysis depth,
                         std::vector<std::shared_ptr<const Stage>>& stages) {
  if (depth == Analysis::kNone) return Status::Ok();
  DYAD_ASSIGN_OR_RETURN(auto tagger, Tagger::Load(flags.tagger));
  stages.push_back(tagger);
  if (depth == Analysis::kParse || depth == Analysis::kAll) {
    DYAD_ASSIGN_OR_RETURN(auto parser, Parser::Load(flags.parser));
    stages.push_back(parser);
  }
  if (depth == Analysis::kNer || depth == Analysis::kAll) {
    DYAD_ASSIGN_OR_RETURN(auto ner, EntityRecognizer::Load(flags.ner));
    stages.push_back(ner);
  }
  return Status::Ok();
}

StatusOr<OutputFile> OpenOutput(const std::string& path) {
  if (path == "-") return OutputFile(stdout);
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return NotFoundError(path + ": cannot open for writing");
  return OutputFile(f);
}

std::string DefaultModelPath(const std::string& name) {
  if (const char* dir = std::getenv("DYAD_MODELS"); dir != nullptr && *dir != '\0') {
    return std::string(dir) + "/" + name;
  }
  return std::string(DYAD_MODELS_DIR) + "/" + name;
}

}  // namespace dyad::cli
