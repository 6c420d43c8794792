// Benchmark for event coding given the parse: actors + events per sentence with the Phoenix
// dictionaries (CAMEO.2.0 verbs). Run: build/bench/dyad_bench --benchmark_filter=Events
// Input: the first 500 stories of ../shared/data/bench/news50k.jsonl, segmented, tagged and
// parsed once with models/ before timing.
#include <benchmark/benchmark.h>

#include <cstdlib>

#include "dyad/actors/actor_coder.h"
#include "dyad/dict/readers.h"
#include "dyad/events/event_coder.h"
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

const std::vector<dyad::Document>& ParsedStories() {
  static const std::vector<dyad::Document> docs = [] {
    std::vector<dyad::Document> out;
    auto reader = dyad::OpenReader(Shared("data/bench/news50k.jsonl"), {});
    auto tagger = dyad::Tagger::Load(std::string(DYAD_MODELS_DIR) + "/tagger.dyad");
    auto parser = dyad::Parser::Load(std::string(DYAD_MODELS_DIR) + "/parser.dyad");
    if (!reader.ok() || !tagger.ok() || !parser.ok()) return out;
    std::vector<std::shared_ptr<const dyad::Stage>> stages = {
        dyad::Dateliner::Load({}).value(), dyad::Segmenter::Load({}).value(), *tagger, *parser};
    std::vector<std::unique_ptr<dyad::Stage::Workspace>> ws;
    for (const auto& s : stages) ws.push_back(s->NewWorkspace());
    while (out.size() < 500) {
      auto rec = (*reader)->Next();
      if (!rec) break;
      if (!rec->status.ok()) continue;
      bool ok = true;
      for (size_t i = 0; i < stages.size() && ok; ++i)
        ok = stages[i]->Process(rec->doc, *ws[i]).ok();
      if (ok) out.push_back(std::move(rec->doc));
    }
    return out;
  }();
  return docs;
}

void BM_EventsPhoenix(benchmark::State& state) {
  auto docs = ParsedStories();
  auto dict = dyad::LoadDictionaries(Shared("data/petrarch2/config/PETR_config.ini"));
  auto verbs = dyad::LoadVerbDictionaries(Shared("data/petrarch2/config/PETR_config.ini"));
  if (docs.empty() || !dict.ok() || !verbs.ok()) {
    state.SkipWithError("../shared data or models not present");
    return;
  }
  auto actors = dyad::ActorCoder::Load({.dictionary = *dict}).value();
  auto events = dyad::EventCoder::Load({.verbs = *verbs, .dictionary = *dict}).value();
  auto aws = actors->NewWorkspace();
  auto ews = events->NewWorkspace();
  size_t sentences = 0, n_events = 0;
  for (const dyad::Document& d : docs) sentences += d.sentences.size();
  for (auto _ : state) {
    for (dyad::Document& d : docs) {
      benchmark::DoNotOptimize(actors->Process(d, *aws));
      benchmark::DoNotOptimize(events->Process(d, *ews));
      n_events += d.events.size();
    }
  }
  const double total = static_cast<double>(state.iterations() * sentences);
  state.counters["sentences/s"] = benchmark::Counter(total, benchmark::Counter::kIsRate);
  state.counters["events/sentence"] = static_cast<double>(n_events) / total;
}
BENCHMARK(BM_EventsPhoenix)->Unit(benchmark::kMillisecond);

}  // namespace
