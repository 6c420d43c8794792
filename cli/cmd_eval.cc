// dyad eval: scores against gold data; the last stdout line is a JSON object.
#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "common.h"
#include "dyad/eval/segment_eval.h"
#include "dyad/text/segmenter.h"
#include "verbs.h"

namespace dyad::cli {

VerbRun SetupEval(CLI::App& app) {
  struct Flags {
    std::string gold;
    std::string line_breaks = "auto";
  };
  auto f = std::make_shared<Flags>();
  app.require_subcommand(1);
  CLI::App* seg = app.add_subcommand("segment", "token and sentence F1 on a CoNLL-U file's raw text");
  seg->add_option("--gold", f->gold, "gold CoNLL-U file (raw text is rebuilt from # text lines)")->required();
  CLI::App* actors = app.add_subcommand("actors", "share of the Phoenix dictionaries' actor mentions dyad codes alike");
  VerbRun run_actors = SetupEvalActors(*actors);
  return [f, seg, actors, run_actors]() -> int {
    if (actors->parsed()) return run_actors();
    if (!seg->parsed()) return kExitUsage;
    std::ifstream in(f->gold, std::ios::binary);
    if (!in) return Fail(NotFoundError(f->gold + ": cannot open"));
    ConlluDocumentReader gold(in, f->gold);
    auto segmenter = Segmenter::Load(SegmenterOptions{});
    if (!segmenter.ok()) return Fail(segmenter.status());
    StatusOr<SegmentScores> s = EvaluateSegmentation(gold, {*segmenter});
    if (!s.ok()) return Fail(s.status());
    for (size_t i = 0; i < s->warnings.size() && i < 20; ++i) fmt::print(stderr, "dyad: warning: {}\n", s->warnings[i]);
    auto row = [](const char* name, const SpanScore& sc) {
      fmt::print("{:<10} gold {:>7}  predicted {:>7}  correct {:>7}  P {:6.2f}  R {:6.2f}  F1 {:6.2f}\n", name,
                 sc.gold, sc.predicted, sc.correct, sc.Precision(), sc.Recall(), sc.F1());
    };
    fmt::print("{} documents from {}\n", s->documents, f->gold);
    row("tokens", s->token);
    row("words", s->word);
    row("sentences", s->sentence);
    auto r2 = [](double v) { return std::round(v * 100) / 100; };
    nlohmann::json j = {{"token_f1", r2(s->token.F1())},
                        {"sentence_f1", r2(s->sentence.F1())},
                        {"word_f1", r2(s->word.F1())},
                        {"token_precision", r2(s->token.Precision())},
                        {"token_recall", r2(s->token.Recall())},
                        {"sentence_precision", r2(s->sentence.Precision())},
                        {"sentence_recall", r2(s->sentence.Recall())}};
    fmt::print("{}\n", j.dump());
    return kExitOk;
  };
}

}  // namespace dyad::cli
