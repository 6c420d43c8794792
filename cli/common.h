// Flags and set-up shared by the verbs that read documents.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "dyad/core/stage.h"
#include "dyad/io/reader.h"
#include "dyad/pipeline/pipeline.h"

namespace dyad::cli {

struct InputFlags {
  std::string path = "-";
  std::string format = "auto";
  std::string date;                      // --date YYYY-MM-DD
  size_t max_doc_bytes = 16u << 20;      // records over this are rejected (memory bound)
  size_t max_document_bytes = 2u << 20;  // text past this is cut, with a warning
  uint32_t max_sentence_tokens = 250;    // longer sentences are cut into pieces, with a warning
  std::string text_field, id_field, date_field;  // override the JSON Lines candidates
  std::string line_breaks = "auto";
  int threads = 0;
  size_t max_messages = 50;  // errors (and warnings) shown per run; the rest are counted; 0 = all
};

// The pipeline output settings every coding verb shares: how many messages to show.
size_t MessageLimit(const InputFlags& flags);

void AddInputFlags(CLI::App& app, InputFlags& flags);

// Trained models, defaulting to models/ in the source tree (or $DYAD_MODELS).
struct ModelFlags {
  std::string tagger, parser, ner;
};
enum class Analysis { kNone, kTag, kParse, kNer, kAll };
// Registers --tagger/--parser/--ner as far as `depth` needs them.
void AddModelFlags(CLI::App& app, ModelFlags& flags, Analysis depth);
// Appends the trained stages `depth` needs after the text stages: kTag = tagger;
// kParse = tagger + parser; kNer = tagger + NER; kAll = tagger + parser + NER.
Status AddAnalysisStages(const ModelFlags& flags, Analysis depth,
                         std::vector<std::shared_ptr<const Stage>>& stages);
StatusOr<ReaderOptions> MakeReaderOptions(const InputFlags& flags);
// The text stages every verb starts with: dateline/date resolution, then segmentation.
StatusOr<std::vector<std::shared_ptr<const Stage>>> MakeTextStages(const InputFlags& flags);
// models/<name> next to the binary's source tree, or $DYAD_MODELS/<name> when that is set.
std::string DefaultModelPath(const std::string& name);
// The --output file ("-" = standard output), closed when the handle goes.
struct CloseOutput {
  void operator()(std::FILE* f) const {
    if (f != nullptr && f != stdout) std::fclose(f);
  }
};
using OutputFile = std::unique_ptr<std::FILE, CloseOutput>;
StatusOr<OutputFile> OpenOutput(const std::string& path);

// Prints "dyad: <message>" to stderr and returns the exit code for the status.
int Fail(const Status& status);

}  // namespace dyad::cli
