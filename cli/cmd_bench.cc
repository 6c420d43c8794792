// dyad bench: runs the configured pipeline over a corpus and prints one JSON line.
#include <fmt/format.h>
#include <sys/resource.h>

#include <nlohmann/json.hpp>

#include "bench_pathological.h"
#include "common.h"
#include "event_stages.h"
#include "dyad/actors/actor_coder.h"
#include "dyad/dict/readers.h"
#include "dyad/events/event_coder.h"
#include "dyad/events/verb_dictionary.h"
#include "place_stage.h"
#include "verbs.h"

namespace dyad::cli {

VerbRun SetupBench(CLI::App& app) {
  struct Flags {
    InputFlags in;
    int repeat = 1;
    ModelFlags models;
    std::string stages = "all";
    std::string dictionaries;
    bool pathological = false;
    double scale = 1.0;
    std::string only_case;
  };
  auto f = std::make_shared<Flags>();
  AddInputFlags(app, f->in);
  app.add_option("--repeat", f->repeat, "runs; the median run is reported")->capture_default_str();
  AddModelFlags(app, f->models, Analysis::kAll);
  app.add_option("--stages", f->stages, "how far to run: segment, tag, parse, ner, actors, all, places (= dyad code's "
                 "pipeline: tag, parse, actors, events, places)")
      ->capture_default_str();
  app.add_option("--dictionaries", f->dictionaries, "actor dictionaries (default: dyad's own)");
  app.add_flag("--pathological", f->pathological,
               "instead of a corpus: inputs built to be slow (long sentence, nested brackets and "
               "quotes, one repeated word, no whitespace, coordinated actors, 100,000 synonyms) at "
               "four doubling sizes through every stage; JSON lines with the growth exponent");
  app.add_option("--scale", f->scale, "--pathological: multiplies the sizes")->capture_default_str();
  app.add_option("--case", f->only_case, "--pathological: run only this case");
  return [f]() -> int {
    StatusOr<ReaderOptions> ro = MakeReaderOptions(f->in);
    if (!ro.ok()) return Fail(ro.status());
    auto stages = MakeTextStages(f->in);
    if (!stages.ok()) return Fail(stages.status());
    if (f->pathological) {
      ro->format = InputFormat::kText;
      if (Status st = AddAnalysisStages(f->models, Analysis::kAll, *stages); !st.ok()) return Fail(st);
      auto dicts = LoadEventDictionaries(f->dictionaries, "bench");
      if (!dicts.ok()) return Fail(dicts.status());
      auto coding = MakeCodingStages(*dicts, {.one_a_story = false});
      if (!coding.ok()) return Fail(coding.status());
      stages->push_back(coding->actors);
      stages->push_back(coding->events);
      return RunPathologicalBench(*stages, *ro, f->scale, f->only_case, std::max(3, f->repeat));
    }
    Analysis depth = f->stages == "segment" ? Analysis::kNone
                     : f->stages == "tag"   ? Analysis::kTag
                     : f->stages == "parse" ? Analysis::kParse
                     : f->stages == "ner"   ? Analysis::kNer
                     : f->stages == "all"   ? Analysis::kAll
                     : f->stages == "actors" ? Analysis::kParse
                     : f->stages == "places" ? Analysis::kParse
                                            : static_cast<Analysis>(-1);
    if (depth == static_cast<Analysis>(-1)) return Fail(InvalidArgumentError("--stages: segment, tag, parse, ner, actors, all or places"));
    if (Status st = AddAnalysisStages(f->models, depth, *stages); !st.ok()) return Fail(st);
    if (f->stages == "actors" || f->stages == "all" || f->stages == "places") {
      auto dict = f->dictionaries.empty() ? LoadDefaultDictionaries() : LoadDictionaries(f->dictionaries);
      if (!dict.ok()) return Fail(dict.status());
      auto coder = ActorCoder::Load({.dictionary = *dict});
      if (!coder.ok()) return Fail(coder.status());
      stages->push_back(*coder);
      if (f->stages == "places") {
        auto verbs = f->dictionaries.empty() ? LoadDefaultVerbDictionaries()
                                             : LoadVerbDictionaries(f->dictionaries);
        if (!verbs.ok()) return Fail(verbs.status());
        auto events = EventCoder::Load({.verbs = *verbs, .dictionary = *dict});
        if (!events.ok()) return Fail(events.status());
        stages->push_back(*events);
        auto places = MakePlaceCoder("");
        if (!places.ok()) return Fail(places.status());
        stages->push_back(*places);
      }
    }
    Pipeline pipeline(*stages, PipelineOptions{.threads = f->in.threads});
    std::vector<RunStats> runs;
    for (int r = 0; r < std::max(1, f->repeat); ++r) {
      auto reader = OpenReader(f->in.path, *ro);
      if (!reader.ok()) return Fail(reader.status());
      PipelineOutput po;
      po.diagnostics = nullptr;  // counted, not printed: bench measures
      runs.push_back(pipeline.Run(**reader, po));
    }
    std::sort(runs.begin(), runs.end(), [](const RunStats& a, const RunStats& b) { return a.seconds < b.seconds; });
    const RunStats& s = runs[runs.size() / 2];
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    auto r3 = [](double v) { return std::round(v * 1000) / 1000; };
    double all_stages = 0;
    for (const auto& [name, sec] : s.stage_seconds) all_stages += sec;
    nlohmann::json stage_seconds = nlohmann::json::object();
    stage_seconds["read"] = r3(s.read_seconds);
    nlohmann::json stage_rate = nlohmann::json::object();
    for (const auto& [name, sec] : s.stage_seconds) {
      stage_seconds[name] = r3(sec);
      if (sec > 0) stage_rate[name] = std::round(s.tokens / sec);
    }
    nlohmann::json j = {{"input", f->in.path},
                        {"docs", s.ok},
                        {"failed", s.failed},
                        {"sentences", s.sentences},
                        {"tokens", s.tokens},
                        {"seconds", r3(s.seconds)},
                        {"sentences_per_sec", std::round(s.sentences / s.seconds)},
                        {"tokens_per_sec", std::round(s.tokens / s.seconds)},
                        {"mb_per_sec", r3(s.bytes / 1e6 / s.seconds)},
                        {"peak_rss_mb", r3(ru.ru_maxrss / 1024.0)},
                        {"threads", s.threads},
                        {"runs", runs.size()},
                        {"stage_seconds", stage_seconds},
                        {"stage_tokens_per_sec", stage_rate}};
    for (const auto& [name, sec] : s.stage_seconds)
      if (name == "places" && all_stages > 0) j["places_share"] = r3(sec / all_stages);
    fmt::print("{}\n", j.dump());
    return kExitOk;
  };
}

}  // namespace dyad::cli
