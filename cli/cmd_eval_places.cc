// dyad eval places: event-location span P/R/F1 (--gold, the "Geolocating Political Events in
// Text" JSON Lines) and country accuracy (--countries, `ISO2 | place | sentence` lines).
#include <fmt/format.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <tuple>

#include "common.h"
#include "dyad/eval/places_eval.h"
#include "place_stage.h"
#include "verbs.h"

namespace dyad::cli {

VerbRun SetupEvalPlaces(CLI::App& app) {
  struct Flags {
    std::string gold, countries, gazetteer, model = DefaultModelPath("places.dyad");
    ModelFlags models;
    bool misses = false;
    PlaceCoderOptions options;
    double span_floor = 0, country_floor = 0;
  };
  auto f = std::make_shared<Flags>();
  app.footer(
      "Spans (--gold): each record names one event verb and the LOCATION spans that say where "
      "its event happened (none when the text does not say). dyad picks at most one place "
      "phrase for the verb. exact: P = picked phrases equal to an annotated span / records with "
      "a pick, R = the same / records with an annotated location; overlap: the pick shares a "
      "byte with an annotated span; token: the paper's per-token measure (tokens of the pick "
      "inside annotated spans / tokens picked, / annotated tokens). Scores are printed for the "
      "held-out records (every RELABEL record and 1 in 5 of the others by a hash of _id, never "
      "used by `dyad train places`) and for all records.");
  app.add_option("--gold", f->gold,
                 "event-location JSON Lines (text, spans with VERB and LOCATION)");
  app.add_option("--countries", f->countries, "`ISO2 | place | sentence` lines (country accuracy)");
  app.add_option("--gazetteer", f->gazetteer, "gazetteer index (default: the build's)");
  app.add_option("--places-model", f->model,
                 "place model of `dyad train places` (\"\" = the rules alone)")
      ->capture_default_str();
  app.add_flag("--misses", f->misses, "list the misses");
  app.add_option("--max-distance", f->options.max_clause_distance,
                 "largest tree distance from the verb to its place phrase")
      ->capture_default_str();
  app.add_option("--non-locative-penalty", f->options.non_locative_penalty,
                 "extra distance of a place named without a locative preposition")
      ->capture_default_str();
  app.add_option("--span-floor", f->span_floor,
                 "exit 2 when the exact span F1 of the held-out records is below this");
  app.add_option("--country-floor", f->country_floor,
                 "exit 2 when the country accuracy is below this");
  AddModelFlags(app, f->models, Analysis::kParse);
  return [f]() -> int {
    bool below = false;
    if (f->gold.empty() && f->countries.empty())
      return Fail(InvalidArgumentError("eval places: give --gold and/or --countries"));
    auto start = std::chrono::steady_clock::now();
    f->options.model = f->model;
    auto coder = MakePlaceCoder(f->gazetteer, f->options, /*default_model=*/false);
    if (!coder.ok()) return Fail(coder.status());
    double load = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    auto made = MakePlaceAnalysisStages(f->models);
    if (!made.ok()) return Fail(made.status());
    const std::vector<std::shared_ptr<const Stage>>& stages = *made;
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
      fmt::print("{} records ({} skipped) from {}; event place by the {}\n", s->records, s->skipped,
                 f->gold, (*coder)->has_model() ? "place model " + f->model : std::string("rules"));
      for (auto [title, set, key] :
           {std::tuple{"held-out records (never trained on: RELABEL and 1 in 5 by _id)",
                       &s->held_out, ""},
            std::tuple{"all records (for comparison; the model was trained on 80 % of the others)",
                       &s->all, "all_"}}) {
        fmt::print("{}: {}\n", title, set->records);
        for (auto [name, sc] :
             {std::pair{"exact", &set->exact}, std::pair{"overlap", &set->overlap},
              std::pair{"token", &set->token}})
          fmt::print(
              "  span {:<8} gold {:>6}  predicted {:>6}  correct {:>6}  P {:6.2f}  R {:6.2f}  F1 "
              "{:6.2f}\n",
              name, sc->gold, sc->predicted, sc->correct, sc->Precision(), sc->Recall(), sc->F1());
        for (const auto& [source, sc] : set->by_source)
          fmt::print(
              "    source {:<14} gold {:>5}  predicted {:>5}  correct {:>5}  P {:6.2f}  R {:6.2f}  "
              "F1 {:6.2f}\n",
              source, sc.gold, sc.predicted, sc.correct, sc.Precision(), sc.Recall(), sc.F1());
        std::string k(key);
        if (auto it = set->by_source.find("RELABEL"); it != set->by_source.end()) {
          j[k + "relabel_precision"] = r2(it->second.Precision());
          j[k + "relabel_recall"] = r2(it->second.Recall());
          j[k + "relabel_f1"] = r2(it->second.F1());
        }
        j[k + "span_precision"] = r2(set->exact.Precision());
        j[k + "span_recall"] = r2(set->exact.Recall());
        j[k + "span_f1"] = r2(set->exact.F1());
        j[k + "overlap_f1"] = r2(set->overlap.F1());
        j[k + "token_f1"] = r2(set->token.F1());
      }
      below |= s->held_out.exact.F1() < f->span_floor;
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
