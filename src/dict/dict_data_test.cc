// The readers on the peers' real dictionaries in ../shared (DYAD_SHARED overrides). Label "data".
#include <gtest/gtest.h>

#include <algorithm>
#include <ctime>

#include "dyad/dict/readers.h"
#include "tests/shared_data.h"

namespace dyad {
namespace {

using shared_data::SharedPath;

bool HasWarning(const Dictionary& d, const std::string& w) {
  return std::find(d.warnings().begin(), d.warnings().end(), w) != d.warnings().end();
}

TEST(DictDataTest, PhoenixDictionariesThroughPetrConfig) {
  const std::string config = SharedPath("data/petrarch2/config/PETR_config.ini");
  DYAD_REQUIRE_SHARED(config);
  // CPU time, so that other processes on the machine do not make the bound flaky.
  const std::clock_t c0 = std::clock();
  auto dict = LoadDictionaries(config);
  const double seconds = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
  ASSERT_TRUE(dict.ok()) << dict.status().message();
  const Dictionary& d = **dict;
  std::printf(
      "Phoenix: %zu actors, %zu agents, %zu discards, %zu issues, %zu phrases, %zu warnings; "
      "loaded in %.3f s of CPU, %.1f MB\n",
      d.Count(EntryKind::kActor), d.Count(EntryKind::kAgent), d.Count(EntryKind::kDiscard),
      d.Count(EntryKind::kIssue), d.phrase_count(), d.warnings().size(), seconds,
      d.MemoryBytes() / 1e6);
  EXPECT_EQ(d.Count(EntryKind::kActor), 27212u);
  EXPECT_EQ(d.Count(EntryKind::kAgent), 2243u);
  EXPECT_EQ(d.Count(EntryKind::kDiscard), 506u);
  EXPECT_EQ(d.Count(EntryKind::kIssue), 3157u);
  EXPECT_EQ(d.warnings().size(), 25u);
  // Each malformed line of the real files, named by file and line.
  EXPECT_TRUE(HasWarning(d,
                         "Phoenix.International.actors.txt:40: date \"2004017\" is not YYMMDD or "
                         "YYYYMMDD; restriction skipped"));
  EXPECT_TRUE(
      HasWarning(d,
                 "Phoenix.Countries.actors.txt:14190: date range \"20121207-20120802\" ends "
                 "before it starts; restriction skipped"));
  EXPECT_TRUE(
      HasWarning(d, "Phoenix.agents.txt:544: missing ] in \"DEPARMENT_OF_ENVIRONMENT [~ENV}\""));
  EXPECT_TRUE(HasWarning(d, "Phoenix.agents.txt:1927: agent \"ISLAMIC_EXTREMIST\" has no [code]"));
  EXPECT_TRUE(HasWarning(
      d, "Phoenix.IssueCoding.txt:141: issue phrase \"european central bank\" has no [code]"));
  EXPECT_LT(d.MemoryBytes(), 150u << 20);
#ifdef NDEBUG
  EXPECT_LT(seconds, 0.3);
#endif
  // Kerry's entry: dated codes and its origin.
  int found = 0;
  for (EntryId id = 0; id < d.size(); ++id) {
    if (d.entry(id).name != "JOHN_KERRY_") continue;
    ++found;
    EXPECT_EQ(d.Origin(id), "Phoenix.Countries.actors.txt:51393");
    EXPECT_EQ(d.CodeFor(id, Date{2013, 4, 30}), "USAGOV");
    EXPECT_EQ(d.CodeFor(id, Date{2010, 6, 1}), "USAGOVLEG");
  }
  EXPECT_EQ(found, 1);
}

TEST(DictDataTest, PetrarchValidationDictionaries) {
  const std::string dir = SharedPath("data/petrarch2/dictionaries/");
  DYAD_REQUIRE_SHARED(dir);
  auto actors = LoadDictionaries(dir + "PETR.Validate.actors.txt");
  ASSERT_TRUE(actors.ok());
  EXPECT_EQ((*actors)->Count(EntryKind::kActor), 128u);
  EXPECT_EQ((*actors)->warnings().size(), 0u);
  auto agents = LoadDictionaries(dir + "PETR.Validate.agents.txt");
  ASSERT_TRUE(agents.ok());
  EXPECT_EQ((*agents)->Count(EntryKind::kAgent), 88u);
  auto discards = LoadDictionaries(dir + "PETR.Validate.discards.txt");
  ASSERT_TRUE(discards.ok());
  EXPECT_GT((*discards)->Count(EntryKind::kDiscard), 0u);
}

TEST(DictDataTest, TabariValidationProject) {
  const std::string project = SharedPath("data/tabari/Validate.project");
  DYAD_REQUIRE_SHARED(project);
  auto dict = LoadDictionaries(project);
  ASSERT_TRUE(dict.ok()) << dict.status().message();
  const Dictionary& d = **dict;
  EXPECT_EQ(d.Count(EntryKind::kActor), 120u);  // TABARI.Demo.actors up to its ~~FINISH line
  EXPECT_EQ(d.Count(EntryKind::kAgent), 86u);   // Validate.agents
  EXPECT_EQ(d.warnings().size(), 0u);
  EXPECT_EQ(d.source(1), "Validate.options");
  bool label = false;
  for (const auto& [k, v] : d.settings()) label |= k == "LABEL" && v == "GON=Gondor";
  EXPECT_TRUE(label);
  // GOLLUM's three dated codes.
  int found = 0;
  for (EntryId id = 0; id < d.size(); ++id) {
    if (d.entry(id).name != "GOLLUM") continue;
    ++found;
    EXPECT_EQ(d.CodeFor(id, Date{1990, 1, 1}), "HOB");
    EXPECT_EQ(d.CodeFor(id, Date{1996, 1, 1}), "HOBGOV");
    EXPECT_EQ(d.CodeFor(id, Date{2001, 1, 1}), "HOBREB");
  }
  EXPECT_EQ(found, 1);
  // The same files found from the directory.
  auto from_dir = LoadDictionaries(SharedPath("data/tabari"));
  ASSERT_TRUE(from_dir.ok());
  EXPECT_EQ((*from_dir)->Count(EntryKind::kActor), 120u);
}

}  // namespace
}  // namespace dyad
