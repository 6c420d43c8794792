// dyad segment: sentences and tokens out of any input format.
#include <fmt/format.h>

#include <memory>

#include "common.h"
#include "verbs.h"

namespace dyad::cli {

VerbRun SetupSegment(CLI::App& app) {
  struct Flags {
    InputFlags in;
    std::string format = "jsonl";
    std::string output = "-";
  };
  auto f = std::make_shared<Flags>();
  AddInputFlags(app, f->in);
  app.add_option("--format,-f", f->format, "output: jsonl (a line per sentence), conllu, text")
      ->capture_default_str();
  app.add_option("--output,-o", f->output, "output file; - for standard output")->capture_default_str();
  return [f]() -> int {
    StatusOr<ReaderOptions> ro = MakeReaderOptions(f->in);
    if (!ro.ok()) return Fail(ro.status());
    auto stages = MakeTextStages(f->in);
    if (!stages.ok()) return Fail(stages.status());
    auto writer = NewWriter(f->format);
    if (!writer.ok()) return Fail(writer.status());
    auto reader = OpenReader(f->in.path, *ro);
    if (!reader.ok()) return Fail(reader.status());
    std::FILE* out = stdout;
    if (f->output != "-") {
      out = std::fopen(f->output.c_str(), "wb");
      if (!out) return Fail(NotFoundError(f->output + ": cannot open for writing"));
    }
    Pipeline pipeline(*stages, PipelineOptions{.threads = f->in.threads});
    PipelineOutput po;
    po.writer = writer->get();
    po.out = out;
    RunStats stats = pipeline.Run(**reader, po);
    if (out != stdout) std::fclose(out);
    fmt::print(stderr, "dyad segment: {}; {} sentences, {} tokens in {:.2f} s\n", stats.Summary(),
               stats.sentences, stats.tokens, stats.seconds);
    return stats.failed > 0 ? kExitData : kExitOk;
  };
}

}  // namespace dyad::cli
