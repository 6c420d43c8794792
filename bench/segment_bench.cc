// Micro-benchmarks for the segmentation hot loop. Run: build/bench/dyad_bench
// Input: the first 2,000 sentences of ../shared/data/bench/news50k.jsonl (DYAD_SHARED
// overrides), else a built-in wire paragraph.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>

#include "dyad/io/reader.h"
#include "dyad/text/dateliner.h"
#include "dyad/text/segmenter.h"

namespace {

std::string Corpus() {
  const char* env = std::getenv("DYAD_SHARED");
  std::string path = std::string(env ? env : DYAD_SHARED_DIR) + "/data/bench/news50k.jsonl";
  std::string text;
  auto reader = dyad::OpenReader(path, {});
  if (reader.ok()) {
    for (int i = 0; i < 2000; ++i) {
      auto rec = (*reader)->Next();
      if (!rec) break;
      if (rec->status.ok()) text += rec->doc.text + "\n\n";
    }
  }
  if (text.empty()) {
    for (int i = 0; i < 500; ++i) {
      text += "MOSCOW, April 30 (AFP) - U.S. Secretary of State John Kerry said Tuesday he'd visit "
              "Russia next week, with a host of issues including the war in Syria clouding ties. "
              "\"It's overdue,\" he said of the $1.2-billion, 3.5% deal.\n\n";
    }
  }
  return text;
}

void BM_Segment(benchmark::State& state) {
  static const std::string corpus = Corpus();
  auto seg = dyad::Segmenter::Load({}).value();
  auto ws = seg->NewWorkspace();
  dyad::Document doc;
  doc.text = corpus;
  size_t tokens = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(seg->Process(doc, *ws));
    tokens += doc.tokens.size();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.size()));
  state.counters["tokens/s"] = benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Segment);

void BM_Dateline(benchmark::State& state) {
  const std::string heads[] = {"MOSCOW, April 30 (AFP) - Russia said", "WASHINGTON (Reuters) - U.S.",
                               "US Secretary of State John Kerry said Tuesday - that"};
  for (auto _ : state) {
    for (const std::string& h : heads) benchmark::DoNotOptimize(dyad::ParseDateline(h));
  }
}
BENCHMARK(BM_Dateline);

void BM_RepairUtf8Valid(benchmark::State& state) {
  static const std::string corpus = Corpus();
  for (auto _ : state) {
    std::string copy = corpus;
    benchmark::DoNotOptimize(dyad::RepairUtf8(copy));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.size()));
}
BENCHMARK(BM_RepairUtf8Valid);

}  // namespace
