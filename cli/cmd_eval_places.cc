// dyad eval places: event-location span P/R/F1 (--gold, the "Geolocating Political Events in
// Text" JSON Lines) and country accuracy (--countries, `ISO2 | place | sentence` lines).
#include <fmt/format.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "common.h"
#include "dyad/actors/actor_coder.h"
#include "dyad/dict/readers.h"
#include "dyad/eval/places_eval.h"
#include "dyad/parse/parser.h"
#include "dyad/tag/tagger.h"
#include "dyad/text/segmenter.h"
#include "place_stage.h"
#include "verbs.h"

namespace dyad::cli {

VerbRun SetupEvalPlaces(CLI::App& app) {
  struct Flags {
    std::string gold, countries, gazetteer;
    ModelFlags models;
    bool misses = false;
    PlaceCoderOptions options;
    double span_floor = 0, country_floor = 0;
  };
  auto f = std::make_shared<Flags>();
  app.add_option("--gold", f->gold,
                 "event-location JSON Lines (text, spans with VERB and LOCATION)");
  app.add_option("--countries", f->countries, "`ISO2 | place | sentence` lines (country accuracy)");
  app.add_option("--gazetteer", f->gazetteer, "gazetteer index (default: the build's)");
  app.add_flag("--misses", f->misses, "list the misses");
  app.add_option("--max-distance", f->options.max_clause_distance,
                 "largest tree distance from the verb to its place phrase")
      ->capture_default_str();
  app.add_option("--non-locative-penalty", f->options.non_locative_penalty,
                 "extra distance of a place named without a locative preposition")
      ->capture_default_str();
  app.add_option("--span-floor", f->span_floor, "exit 2 when the span F1 is below this");
  app.add_option("--country-floor", f->country_floor,
                 "exit 2 when the country accuracy is below this");
  AddModelFlags(app, f->models, Analysis::kParse);
  return [f]() -> int {
    bool below = false;
    if (f->gold.empty() && f->countries.empty())
      return Fail(InvalidArgumentError("eval places: give --gold and/or --countries"));
    auto start = std::chrono::steady_clock::now();
    auto coder = MakePlaceCoder(f->gazetteer, f->options);
    if (!coder.ok()) return Fail(coder.status());
    double load = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::vector<std::shared_ptr<const Stage>> stages;
    auto seg = Segmenter::Load({});
    if (!seg.ok()) return Fail(seg.status());
    stages.push_back(*seg);
    if (Status st = AddAnalysisStages(f->models, Analysis::kParse, stages); !st.ok())
      return Fail(st);
    auto dict = LoadDefaultDictionaries();
    if (!dict.ok()) return Fail(dict.status());
    auto actors = ActorCoder::Load({.dictionary = *dict});
    if (!actors.ok()) return Fail(actors.status());
    stages.push_back(*actors);
    auto r2 = [](double v) { return std::round(v * 100) / 100; };
    const Gazetteer& g = (*coder)->gazetteer();
    fmt::print("gazetteer: {} entries, {} names, {:.1f} MB, loaded in {:.3f} s\n", g.size(),
               g.name_count(), g.file_size() / 1e6, load);
    nlohmann::json j = {{"gazetteer_entries", g.size()},
                        {"gazetteer_load_seconds", r2(load * 100) / 100}};
    if (!f->gold.empty()) {
      auto s = EvaluatePlaceSpans(f->gold, stages, **coder);
      if (!s.ok()) return Fail(s.status());
      if (f->misses)
        for (const std::string& m : s->misses) fmt::print("  miss {}\n", m);
      fmt::print("{} records ({} skipped) from {}\n", s->records, s->skipped, f->gold);
      for (auto [name, sc] : {std::pair{"exact", &s->exact}, std::pair{"overlap", &s->overlap}})
        fmt::print(
            "span {:<8} gold {:>6}  predicted {:>6}  correct {:>6}  P {:6.2f}  R {:6.2f}  F1 "
            "{:6.2f}\n",
            name, sc->gold, sc->predicted, sc->correct, sc->Precision(), sc->Recall(), sc->F1());
      for (const auto& [source, sc] : s->by_source)
        fmt::print(
            "  source {:<14} gold {:>5}  predicted {:>5}  correct {:>5}  P {:6.2f}  R {:6.2f}  F1 "
            "{:6.2f}\n",
            source, sc.gold, sc.predicted, sc.correct, sc.Precision(), sc.Recall(), sc.F1());
      if (auto it = s->by_source.find("RELABEL"); it != s->by_source.end()) {
        j["relabel_precision"] = r2(it->second.Precision());
        j["relabel_recall"] = r2(it->second.Recall());
        j["relabel_f1"] = r2(it->second.F1());
      }
      j["span_precision"] = r2(s->exact.Precision());
      j["span_recall"] = r2(s->exact.Recall());
      j["span_f1"] = r2(s->exact.F1());
      j["overlap_f1"] = r2(s->overlap.F1());
      below |= s->exact.F1() < f->span_floor;
    }
    if (!f->countries.empty()) {
      auto s = EvaluatePlaceCountries(f->countries, stages, **coder);
      if (!s.ok()) return Fail(s.status());
      if (f->misses)
        for (const std::string& m : s->misses) fmt::print("  miss {}\n", m);
      fmt::print("country accuracy {:6.2f} ({} of {}; {} places not found) from {}\n",
                 s->Accuracy(), s->correct, s->sentences, s->no_mention, f->countries);
      j["country_accuracy"] = r2(s->Accuracy());
      j["country_sentences"] = s->sentences;
      below |= s->Accuracy() < f->country_floor;
    }
    fmt::print("{}\n", j.dump());
    return below ? kExitData : kExitOk;
  };
}

}  // namespace dyad::cli
