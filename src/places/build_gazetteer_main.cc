// dyad_gazetteer_build: the build-time tool that compiles the registry packages into the
// gazetteer index (src/places/CMakeLists.txt runs it; see gazetteer_builder.h).
//
//   dyad_gazetteer_build --cities C --countries-dir D --fips F [--country-names N]
//                        [--lexicon L] [--min-population 1000] --out gazetteer.dyad
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "gazetteer_builder.h"

int main(int argc, char** argv) {
  dyad::GazetteerSources s;
  std::string out;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string_view flag = argv[i];
    std::string value = argv[i + 1];
    if (flag == "--cities")
      s.cities = value;
    else if (flag == "--countries-dir")
      s.countries_dir = value;
    else if (flag == "--fips")
      s.fips = value;
    else if (flag == "--country-names")
      s.country_names = value;
    else if (flag == "--lexicon")
      s.lexicon = value;
    else if (flag == "--min-population")
      s.min_population = std::strtoul(value.c_str(), nullptr, 10);
    else if (flag == "--out")
      out = value;
    else {
      std::fprintf(stderr, "dyad_gazetteer_build: unknown flag %s\n", argv[i]);
      return 1;
    }
  }
  if (argc % 2 == 0 || s.cities.empty() || s.countries_dir.empty() || s.fips.empty() ||
      out.empty()) {
    std::fprintf(stderr,
                 "usage: dyad_gazetteer_build --cities C --countries-dir D --fips F "
                 "[--country-names N] [--lexicon L] [--min-population N] --out F\n");
    return 1;
  }
  auto stats = dyad::BuildGazetteer(s, out);
  if (!stats.ok()) {
    std::fprintf(stderr, "dyad_gazetteer_build: %s\n", stats.status().message().c_str());
    return 2;
  }
  std::fprintf(stderr,
               "dyad_gazetteer_build: %s: %zu countries, %zu divisions, %zu places, %zu names, "
               "%zu lexicon words\n",
               out.c_str(), stats->countries, stats->adm1, stats->cities, stats->names,
               stats->lexicon);
  return 0;
}
