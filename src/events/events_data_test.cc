// The verb readers on the peers' real dictionaries in ../shared (label "data").
#include <gtest/gtest.h>

#include "dyad/events/verb_dictionary.h"
#include "tests/shared_data.h"

namespace dyad {
namespace {

using shared_data::SharedPath;

TEST(VerbDataTest, PetrarchCameo20) {
  const std::string path = SharedPath("data/petrarch2/dictionaries/CAMEO.2.0.txt");
  DYAD_REQUIRE_SHARED(path);
  auto d = LoadVerbDictionaries(path);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_GT((*d)->entry_count(), 1500u);
  EXPECT_GT((*d)->pattern_count(), 4500u);
  EXPECT_GE((*d)->transformations().size(), 5u);
  EXPECT_LT((*d)->warnings().size(), 10u);
  ASSERT_FALSE((*d)->Lookup("attacked", "attack").empty());
  ASSERT_FALSE((*d)->Lookup("visited", "visit").empty());
}

TEST(VerbDataTest, PetrarchValidateVerbsThroughConfig) {
  const std::string path = SharedPath("data/petrarch2/config/PETR_config.ini");
  DYAD_REQUIRE_SHARED(path);
  auto d = LoadVerbDictionaries(path);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ((*d)->source(0), "CAMEO.2.0.txt");
  auto v = LoadVerbDictionaries(SharedPath("data/petrarch2/dictionaries/PETR.Validate.verbs.txt"));
  ASSERT_TRUE(v.ok());
  EXPECT_GT((*v)->entry_count(), 200u);
}

TEST(VerbDataTest, TabariVerbs) {
  const std::string path = SharedPath("data/tabari/CAMEO.091003.master.verbs");
  DYAD_REQUIRE_SHARED(path);
  auto d = LoadVerbDictionaries(path);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_GT((*d)->entry_count(), 1000u);
  EXPECT_GT((*d)->pattern_count(), 10000u);
  EXPECT_FALSE((*d)->Lookup("abandoned", "").empty());
  auto demo = LoadVerbDictionaries(SharedPath("data/tabari/Validate.project"));
  ASSERT_TRUE(demo.ok()) << demo.status().ToString();
  EXPECT_GT((*demo)->entry_count(), 100u);
}

TEST(VerbDataTest, DyadDefaultsLoadWithoutWarnings) {
  auto d = LoadDefaultVerbDictionaries();
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  for (const std::string& w : (*d)->warnings()) ADD_FAILURE() << w;
  EXPECT_GT((*d)->pattern_count(), 5000u);
  EXPECT_FALSE((*d)->Lookup("talks", "talk", /*noun=*/true).empty());
}

}  // namespace
}  // namespace dyad
