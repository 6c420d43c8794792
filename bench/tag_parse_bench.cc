// Benchmarks for the tagger and the parser, the two stages that dominate `dyad code`.
// Run: build/bench/dyad_bench --benchmark_filter='Tagger|Parser'
// Input: the first 2,000 stories of ../shared/data/bench/news50k.jsonl, segmented (and, for the
// parser, tagged) once with models/ before timing. Counters give sentences/s and tokens/s.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "dyad/io/reader.h"
#include "dyad/parse/parser.h"
#include "dyad/tag/tagger.h"
#include "dyad/text/dateliner.h"
#include "dyad/text/segmenter.h"

namespace {

std::string Shared(const std::string& rel) {
  const char* env = std::getenv("DYAD_SHARED");
  return std::string(env ? env : DYAD_SHARED_DIR) + "/" + rel;
}

std::shared_ptr<const dyad::Tagger> LoadTagger() {
  static const auto tagger = [] {
    auto t = dyad::Tagger::Load(std::string(DYAD_MODELS_DIR) + "/tagger.dyad");
    return t.ok() ? *t : nullptr;
  }();
  return tagger;
}

std::shared_ptr<const dyad::Parser> LoadParser() {
  static const auto parser = [] {
    auto p = dyad::Parser::Load(std::string(DYAD_MODELS_DIR) + "/parser.dyad");
    return p.ok() ? *p : nullptr;
  }();
  return parser;
}

// Segmented stories, tagged when `tag` is set.
std::vector<dyad::Document> Stories(bool tag) {
  std::vector<dyad::Document> out;
  auto reader = dyad::OpenReader(Shared("data/bench/news50k.jsonl"), {});
  auto tagger = LoadTagger();
  if (!reader.ok() || tagger == nullptr) return out;
  std::vector<std::shared_ptr<const dyad::Stage>> stages = {dyad::Dateliner::Load({}).value(),
                                                            dyad::Segmenter::Load({}).value()};
  if (tag) stages.push_back(tagger);
  std::vector<std::unique_ptr<dyad::Stage::Workspace>> ws;
  for (const auto& s : stages) ws.push_back(s->NewWorkspace());
  while (out.size() < 2000) {
    auto rec = (*reader)->Next();
    if (!rec) break;
    if (!rec->status.ok()) continue;
    bool ok = true;
    for (size_t i = 0; i < stages.size() && ok; ++i) ok = stages[i]->Process(rec->doc, *ws[i]).ok();
    if (ok) out.push_back(std::move(rec->doc));
  }
  return out;
}

void SetCounters(benchmark::State& state, const std::vector<dyad::Document>& docs) {
  size_t sentences = 0, tokens = 0;
  for (const dyad::Document& d : docs) {
    sentences += d.sentences.size();
    tokens += d.tokens.size();
  }
  const auto iterations = static_cast<double>(state.iterations());
  state.counters["sentences/s"] =
      benchmark::Counter(iterations * static_cast<double>(sentences), benchmark::Counter::kIsRate);
  state.counters["tokens/s"] =
      benchmark::Counter(iterations * static_cast<double>(tokens), benchmark::Counter::kIsRate);
}

void BM_Tagger(benchmark::State& state) {
  auto docs = Stories(/*tag=*/false);
  auto tagger = LoadTagger();
  if (docs.empty() || tagger == nullptr) {
    state.SkipWithError("../shared data or models not present");
    return;
  }
  auto ws = tagger->NewWorkspace();
  for (auto _ : state) {
    for (dyad::Document& d : docs) benchmark::DoNotOptimize(tagger->Process(d, *ws));
  }
  SetCounters(state, docs);
}
BENCHMARK(BM_Tagger)->Unit(benchmark::kMillisecond);

void BM_Parser(benchmark::State& state) {
  auto docs = Stories(/*tag=*/true);
  auto parser = LoadParser();
  if (docs.empty() || parser == nullptr) {
    state.SkipWithError("../shared data or models not present");
    return;
  }
  auto ws = parser->NewWorkspace();
  for (auto _ : state) {
    for (dyad::Document& d : docs) benchmark::DoNotOptimize(parser->Process(d, *ws));
  }
  SetCounters(state, docs);
}
BENCHMARK(BM_Parser)->Unit(benchmark::kMillisecond);

}  // namespace
