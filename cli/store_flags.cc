#include "store_flags.h"

#include <fmt/format.h>

#include <filesystem>
#include <tuple>

#include "place_stage.h"

namespace dyad::cli {

void AddFilterFlags(CLI::App& app, FilterFlags& f) {
  app.add_option("--db", f.db, "the event store")->capture_default_str();
  app.add_option("--from", f.from, "first event date (YYYY-MM-DD)");
  app.add_option("--to", f.to, "last event date (YYYY-MM-DD), inclusive");
  app.add_option("--source", f.source, "source actor code prefix (USA matches USAGOV)");
  app.add_option("--target", f.target, "target actor code prefix");
  app.add_option("--country", f.country, "three-letter country on either side (RUS)");
  app.add_option("--dyad", f.dyad, "A,B: actor prefixes on the two sides, either direction");
  app.add_option("--code", f.code, "CAMEO event code prefix (19 matches 190..196)");
  app.add_option("--root", f.root, "two-digit CAMEO root code");
  app.add_option("--quad", f.quad, "QuadClass 1..4")->check(CLI::Range(0, 4));
  app.add_option("--text", f.text,
                 "full-text query over title and text (SQLite: FTS5 syntax; PostgreSQL: "
                 "websearch_to_tsquery syntax)");
  app.add_option("--dedup", f.dedup, "none, story (one a story) or day (one a day)")
      ->check(CLI::IsMember({"none", "story", "day"}))
      ->capture_default_str();
}

StatusOr<EventFilter> MakeEventFilter(const FilterFlags& f) {
  EventFilter filter;
  for (auto [flag, text, date] :
       {std::tuple{"--from", &f.from, &filter.from}, std::tuple{"--to", &f.to, &filter.to}}) {
    if (text->empty()) continue;
    StatusOr<Date> d = ParseDate(*text);
    if (!d.ok()) return InvalidArgumentError(std::string(flag) + ": " + d.status().message());
    *date = *d;
  }
  filter.source = f.source;
  filter.target = f.target;
  filter.country = f.country;
  if (!f.dyad.empty()) {
    size_t comma = f.dyad.find(',');
    if (comma == std::string::npos || comma == 0 || comma + 1 == f.dyad.size())
      return InvalidArgumentError("--dyad \"" + f.dyad + "\": expected A,B (USA,RUS)");
    filter.dyad_a = f.dyad.substr(0, comma);
    filter.dyad_b = f.dyad.substr(comma + 1);
  }
  filter.code = f.code;
  filter.root = f.root;
  filter.quad_class = f.quad;
  filter.text = f.text;
  DYAD_ASSIGN_OR_RETURN(filter.dedup, ParseDedup(f.dedup));
  return filter;
}

std::string CodingSetting(const std::string& dictionaries, bool all_events, bool require_dyad,
                          const std::string& gazetteer) {
  std::error_code ec;
  std::string dicts = "(defaults)";
  if (!dictionaries.empty()) {
    std::filesystem::path p = std::filesystem::weakly_canonical(dictionaries, ec);
    dicts = ec ? dictionaries : p.string();
  }
  std::string gaz = "none", model = "none";
  if (auto coder = MakePlaceCoder(gazetteer); coder.ok()) {
    gaz = fmt::format("{:016x}", (*coder)->gazetteer().fingerprint());
    if ((*coder)->has_model()) model = fmt::format("{:016x}", (*coder)->model_fingerprint());
  }
  return "dictionaries=" + dicts + "; all_events=" + (all_events ? "1" : "0") +
         "; require_dyad=" + (require_dyad ? "1" : "0") + "; gazetteer=" + gaz +
         "; places_model=" + model;
}

namespace {

// The "gazetteer=<fingerprint>" field of a coding setting (CodingSetting), "" when absent.
std::string_view GazetteerField(std::string_view setting) {
  const size_t p = setting.find("gazetteer=");
  if (p == std::string_view::npos) return {};
  std::string_view v = setting.substr(p + 10);
  return v.substr(0, v.find(';'));
}

}  // namespace

// Both coding settings name the same gazetteer (not "none").
bool SameGazetteer(std::string_view stored, std::string_view now) {
  std::string_view a = GazetteerField(stored);
  return !a.empty() && a != "none" && a == GazetteerField(now);
}

}  // namespace dyad::cli
