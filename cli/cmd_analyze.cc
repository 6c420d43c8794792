// dyad segment | tag | parse | ner: the text and trained stages over any input (sentence JSONL,
// CoNLL-U or entity JSONL out).
#include <fmt/format.h>

#include <memory>

#include "common.h"
#include "verbs.h"

namespace dyad::cli {
namespace {

VerbRun SetupAnalysis(CLI::App& app, Analysis depth, const char* verb, const char* default_format) {
  struct Flags {
    InputFlags in;
    ModelFlags models;
    std::string format;
    std::string output = "-";
  };
  auto f = std::make_shared<Flags>();
  f->format = default_format;
  AddInputFlags(app, f->in);
  AddModelFlags(app, f->models, depth);
  app.add_option("--format,-f", f->format, "output: conllu, jsonl (a line per sentence), entities, text")
      ->capture_default_str();
  app.add_option("--output,-o", f->output, "output file; - for standard output")->capture_default_str();
  return [f, depth, verb]() -> int {
    StatusOr<ReaderOptions> ro = MakeReaderOptions(f->in);
    if (!ro.ok()) return Fail(ro.status());
    auto stages = MakeTextStages(f->in);
    if (!stages.ok()) return Fail(stages.status());
    if (Status s = AddAnalysisStages(f->models, depth, *stages); !s.ok()) return Fail(s);
    auto writer = NewWriter(f->format);
    if (!writer.ok()) return Fail(writer.status());
    auto reader = OpenReader(f->in.path, *ro);
    if (!reader.ok()) return Fail(reader.status());
    auto out = OpenOutput(f->output);
    if (!out.ok()) return Fail(out.status());
    Pipeline pipeline(*stages, PipelineOptions{.threads = f->in.threads});
    PipelineOutput po;
    po.max_messages = MessageLimit(f->in);
    po.writer = writer->get();
    po.out = out->get();
    RunStats stats = pipeline.Run(**reader, po);
    out->reset();
    fmt::print(stderr, "dyad {}: {}; {} sentences, {} tokens in {:.2f} s\n", verb, stats.Summary(),
               stats.sentences, stats.tokens, stats.seconds);
    return stats.failed > 0 ? kExitData : kExitOk;
  };
}

}  // namespace

VerbRun SetupSegment(CLI::App& app) {
  return SetupAnalysis(app, Analysis::kNone, "segment", "jsonl");
}
VerbRun SetupTag(CLI::App& app) { return SetupAnalysis(app, Analysis::kTag, "tag", "conllu"); }
VerbRun SetupParse(CLI::App& app) { return SetupAnalysis(app, Analysis::kParse, "parse", "conllu"); }
VerbRun SetupNer(CLI::App& app) { return SetupAnalysis(app, Analysis::kNer, "ner", "entities"); }

}  // namespace dyad::cli
