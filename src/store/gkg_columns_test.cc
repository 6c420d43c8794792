// EncodeGkg against the nlohmann::json arrays it replaced (the reference below), on views with
// quotes, control characters, non-ASCII names, unknown and integral coordinates and empty lists;
// and DecodeGkg reading the columns back.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "store_rows.h"

namespace dyad::store_internal {
namespace {

std::string Dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

GkgColumns ReferenceEncode(const GkgRecord& g) {
  GkgColumns c;
  for (auto [list, out] :
       {std::pair{&g.persons, &c.persons}, {&g.organizations, &c.organizations}}) {
    nlohmann::json j = nlohmann::json::array();
    for (const GkgName& n : *list) j.push_back({n.name, n.count, n.first});
    *out = Dump(j);
  }
  nlohmann::json loc = nlohmann::json::array();
  for (const GkgLocation& l : g.locations) {
    const GeoPlace& p = l.place;
    nlohmann::json o = {{"geo_type", p.geo_type}, {"name", p.name},
                        {"iso2", p.country_iso2}, {"fips", p.country_fips},
                        {"adm1", p.adm1},         {"feature_id", p.feature_id},
                        {"how", p.how},           {"begin", p.evidence.begin},
                        {"end", p.evidence.end},  {"count", l.count}};
    o["lat"] = std::isfinite(p.lat) ? nlohmann::json(p.lat) : nlohmann::json();
    o["lon"] = std::isfinite(p.lon) ? nlohmann::json(p.lon) : nlohmann::json();
    loc.push_back(std::move(o));
  }
  c.locations = Dump(loc);
  nlohmann::json counts = nlohmann::json::array();
  for (const GkgCount& n : g.counts)
    counts.push_back({n.type, n.number, n.object, n.evidence.begin, n.evidence.end});
  c.counts = Dump(counts);
  c.themes = Dump(nlohmann::json(g.themes));
  return c;
}

GeoPlace Place(std::string name, double lat, double lon) {
  GeoPlace p;
  p.geo_type = 4;
  p.name = std::move(name);
  p.country_iso2 = "SY";
  p.country_fips = "SY";
  p.adm1 = "SY09";
  p.lat = lat;
  p.lon = lon;
  p.feature_id = "170063";
  p.how = "clause: \"in Aleppo\"";
  p.evidence = {12, 18};
  return p;
}

TEST(GkgColumnsTest, SameBytesAsTheNlohmannArrays) {
  std::vector<GkgRecord> views(3);
  GkgRecord& g = views[1];
  g.persons = {{"John Kerry", 3, 0}, {"Sergei \"the fox\" Lavrov", 1, 4294967295u}};
  g.organizations = {{"Médecins Sans Frontières", 2, 77}, {"tab\there\\back\nline\x01", 1, 9}};
  g.locations = {{Place("Aleppo, Aleppo, Syria", 36.20124, 37.16117), 2},
                 {Place("Unknown", NAN, NAN), 1},
                 {Place("Integral", 36.0, -0.0), 1},
                 {Place("Tiny", 1e-05, -123456789.125), 1},
                 {Place("Ελλάδα", -33.8688, 151.2093), 5}};
  g.counts = {{"KILL", 3, "people", {5, 30}},
              {"ARREST", -1, "", {0, 0}},
              {"WOUND", 9007199254740993, "soldiers", {1, 2}}};
  g.themes = {"HUMAN_RIGHTS", "ETHNIC"};
  views[2].themes = {"PEACE"};
  for (const GkgRecord& v : views) {
    const GkgColumns got = EncodeGkg(v), want = ReferenceEncode(v);
    EXPECT_EQ(got.persons, want.persons);
    EXPECT_EQ(got.organizations, want.organizations);
    EXPECT_EQ(got.locations, want.locations);
    EXPECT_EQ(got.counts, want.counts);
    EXPECT_EQ(got.themes, want.themes);
    auto back = DecodeGkg(got);
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(back->persons.size(), v.persons.size());
    EXPECT_EQ(back->locations.size(), v.locations.size());
    EXPECT_EQ(back->themes, v.themes);
  }
  EXPECT_EQ(EncodeGkg(views[0]).locations, "[]");
}

}  // namespace
}  // namespace dyad::store_internal
