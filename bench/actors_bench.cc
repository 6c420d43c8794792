// Benchmarks for dictionary loading, phrase matching and actor coding.
// Run: build/bench/dyad_bench --benchmark_filter='Phoenix|Actors|Match'
// Input: the first 2,000 stories of ../shared/data/bench/news50k.jsonl (DYAD_SHARED overrides),
// segmented once; the Phoenix dictionaries of ../shared/data/petrarch2 through PETR_config.ini.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cstdlib>

#include "dyad/actors/actor_coder.h"
#include "dyad/dict/readers.h"
#include "dyad/io/reader.h"
#include "dyad/text/dateliner.h"
#include "dyad/text/segmenter.h"

namespace {

std::string SharedPath(const std::string& rel) {
  const char* env = std::getenv("DYAD_SHARED");
  return std::string(env ? env : DYAD_SHARED_DIR) + "/" + rel;
}

const std::vector<dyad::Document>& Stories() {
  static const std::vector<dyad::Document> docs = [] {
    std::vector<dyad::Document> out;
    auto reader = dyad::OpenReader(SharedPath("data/bench/news50k.jsonl"), {});
    if (!reader.ok()) return out;
    auto dateliner = dyad::Dateliner::Load({}).value();
    auto segmenter = dyad::Segmenter::Load({}).value();
    auto dws = dateliner->NewWorkspace();
    auto sws = segmenter->NewWorkspace();
    while (out.size() < 2000) {
      auto rec = (*reader)->Next();
      if (!rec) break;
      if (!rec->status.ok()) continue;
      if (!dateliner->Process(rec->doc, *dws).ok() || !segmenter->Process(rec->doc, *sws).ok())
        continue;
      out.push_back(std::move(rec->doc));
    }
    return out;
  }();
  return docs;
}

size_t SentenceCount(const std::vector<dyad::Document>& docs) {
  size_t n = 0;
  for (const dyad::Document& d : docs) n += d.sentences.size();
  return n;
}

const std::string kPhoenix = "data/petrarch2/config/PETR_config.ini";

std::shared_ptr<const dyad::Dictionary> Phoenix() {
  static const std::shared_ptr<const dyad::Dictionary> dict = [] {
    auto d = dyad::LoadDictionaries(SharedPath(kPhoenix));
    return d.ok() ? *d : nullptr;
  }();
  return dict;
}

double PeakRssMb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024.0;
}

void BM_LoadPhoenix(benchmark::State& state) {
  const std::string path = SharedPath(kPhoenix);
  size_t bytes = 0;
  for (auto _ : state) {
    auto dict = dyad::LoadDictionaries(path);
    if (!dict.ok()) {
      state.SkipWithError(dict.status().message().c_str());
      return;
    }
    bytes = (*dict)->MemoryBytes();
  }
  state.counters["dict_mb"] = bytes / 1e6;
  state.counters["peak_rss_mb"] = PeakRssMb();
}
BENCHMARK(BM_LoadPhoenix)->Unit(benchmark::kMillisecond);

void BM_LoadDefaults(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(dyad::LoadDefaultDictionaries());
}
BENCHMARK(BM_LoadDefaults)->Unit(benchmark::kMillisecond);

void BM_MatchPhoenix(benchmark::State& state) {
  auto dict = Phoenix();
  const auto& docs = Stories();
  if (!dict || docs.empty()) {
    state.SkipWithError("../shared data not present");
    return;
  }
  auto ws = dict->NewWorkspace();
  size_t matches = 0;
  for (auto _ : state) {
    for (const dyad::Document& d : docs) {
      for (const dyad::Sentence& s : d.sentences) {
        matches += dict->Match(d, s.first_token, s.end_token, dyad::DictLayer::kActors, *ws).size();
      }
    }
  }
  const double sentences = static_cast<double>(state.iterations() * SentenceCount(docs));
  state.counters["sentences/s"] = benchmark::Counter(sentences, benchmark::Counter::kIsRate);
  state.counters["ns/sentence"] = benchmark::Counter(
      sentences * 1e-9, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  benchmark::DoNotOptimize(matches);
}
BENCHMARK(BM_MatchPhoenix)->Unit(benchmark::kMillisecond);

void CodeActors(benchmark::State& state, std::shared_ptr<const dyad::Dictionary> dict) {
  auto docs = Stories();
  if (!dict || docs.empty()) {
    state.SkipWithError("../shared data not present");
    return;
  }
  auto coder = dyad::ActorCoder::Load({.dictionary = dict}).value();
  auto ws = coder->NewWorkspace();
  size_t mentions = 0;
  for (auto _ : state) {
    for (dyad::Document& d : docs) {
      benchmark::DoNotOptimize(coder->Process(d, *ws));
      mentions += d.actors.size();
    }
  }
  const double sentences = static_cast<double>(state.iterations() * SentenceCount(docs));
  state.counters["sentences/s"] = benchmark::Counter(sentences, benchmark::Counter::kIsRate);
  state.counters["ns/sentence"] = benchmark::Counter(
      sentences * 1e-9, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.counters["mentions/sentence"] = static_cast<double>(mentions) / sentences;
}

void BM_ActorsPhoenix(benchmark::State& state) { CodeActors(state, Phoenix()); }
BENCHMARK(BM_ActorsPhoenix)->Unit(benchmark::kMillisecond);

void BM_ActorsDefaults(benchmark::State& state) {
  CodeActors(state, dyad::LoadDefaultDictionaries().value());
}
BENCHMARK(BM_ActorsDefaults)->Unit(benchmark::kMillisecond);

}  // namespace
