#include "dyad/export/gkg.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace dyad {
namespace {

std::vector<std::string> Columns(const std::string& line) {
  std::vector<std::string> out(1);
  for (char c : line.substr(0, line.size() - 1)) {
    if (c == '\t')
      out.emplace_back();
    else
      out.back() += c;
  }
  return out;
}

// "Three people were killed in Aleppo, Lavrov said."
Document Story() {
  Document doc;
  doc.text = "Three people were killed in Aleppo, Lavrov said.";
  doc.meta.id = "afp-9";
  doc.meta.date = {2013, 4, 30};
  doc.meta.source = "AFP";
  doc.meta.url = "http://example.org/9";
  doc.meta.title = "Aleppo; clashes";
  doc.entities = {{.span = {28, 34}, .type = EntityType::kLoc},
                  {.span = {36, 42}, .type = EntityType::kPer}};
  return doc;
}

GkgRecord StoryGkg() {
  GkgRecord g;
  g.persons = {{.name = "Lavrov", .count = 1, .first = 36}};
  g.locations = {{.place = {.geo_type = 4,
                            .name = "Aleppo, Aleppo, Syria",
                            .country_iso2 = "SY",
                            .country_fips = "SY",
                            .adm1 = "SY09",
                            .lat = 36.20124,
                            .lon = 37.16117,
                            .feature_id = "170063",
                            .evidence = {28, 34}},
                  .count = 1}};
  g.counts = {{.type = "KILL", .number = 3, .object = "people", .evidence = {0, 24}}};
  g.themes = {"SECURITY"};
  g.tone = {.tone = -10, .positive = 0, .negative = 10, .words = 10};
  return g;
}

TEST(GdeltGkg, TwentySevenColumnsEvenWhenEmpty) {
  std::string line;
  AppendGdeltGkgRow(Story(), StoryGkg(), {}, line);
  ASSERT_EQ(line.back(), '\n');
  EXPECT_EQ(line.find('\n'), line.size() - 1);
  EXPECT_EQ(Columns(line).size(), kGdeltGkgColumns);
  line.clear();
  AppendGdeltGkgRow(Document{}, GkgRecord{}, {}, line);
  EXPECT_EQ(Columns(line).size(), kGdeltGkgColumns);
}

TEST(GdeltGkg, GoldenRow) {
  std::string line;
  AppendGdeltGkgRow(Story(), StoryGkg(), {}, line);
  std::vector<std::string> want = {
      "20130430000000-afp-9",                                      // GKGRECORDID
      "20130430000000",                                            // V2.1DATE
      "1",                                                         // V2SOURCECOLLECTIONIDENTIFIER
      "AFP",                                                       // V2SOURCECOMMONNAME
      "http://example.org/9",                                      // V2DOCUMENTIDENTIFIER
      "KILL#3#people#0######",                                      // V1COUNTS
      "KILL#3#people#0#######0",                                    // V2.1COUNTS
      "SECURITY",                                                  // V1THEMES
      "SECURITY,0",                                                // V2ENHANCEDTHEMES
      "4#Aleppo, Aleppo, Syria#SY#SY09#36.20124#37.16117#170063",  // V1LOCATIONS
      "4#Aleppo, Aleppo, Syria#SY#SY09##36.20124#37.16117#170063#28",  // V2ENHANCEDLOCATIONS
      "Lavrov",                                                        // V1PERSONS
      "Lavrov,36",                                                     // V2ENHANCEDPERSONS
      "",                                                              // V1ORGANIZATIONS
      "",                                                              // V2ENHANCEDORGANIZATIONS
      "-10,0,10,10,0,0,10",                                            // V1.5TONE
      "",                                                              // V2.1ENHANCEDDATES
      "wc:10",                                                         // V2GCAM
      "",
      "",
      "",
      "",
      "",                                           // images, videos, quotations
      "Aleppo,28;Lavrov,36",                        // V2.1ALLNAMES
      "3,people,0",                                 // V2.1AMOUNTS
      "",                                           // V2.1TRANSLATIONINFO
      "<PAGE_TITLE>Aleppo; clashes</PAGE_TITLE>"};  // V2EXTRASXML
  EXPECT_EQ(Columns(line), want) << line;
  // A count block has the codebook's ten '#'-separated fields (V2.1: eleven, the offset last).
  std::vector<std::string> c5 = Columns(line);
  EXPECT_EQ(std::count(c5[5].begin(), c5[5].end(), '#'), 9);
  EXPECT_EQ(std::count(c5[6].begin(), c5[6].end(), '#'), 10);
  // An explicit DATEADDED wins; a citation-only document is type 2 named by its id.
  Document doc = Story();
  doc.meta.url.clear();
  line.clear();
  AppendGdeltGkgRow(doc, StoryGkg(), {.date_added = "20200101120000"}, line);
  std::vector<std::string> c = Columns(line);
  EXPECT_EQ(c[0], "20200101120000-afp-9");
  EXPECT_EQ(c[2], "2");
  EXPECT_EQ(c[4], "afp-9");
}

}  // namespace
}  // namespace dyad
