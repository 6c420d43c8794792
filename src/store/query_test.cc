// Queries against a small hand-made store, with the exact rows expected.
#include <gtest/gtest.h>

#include "dyad/export/export.h"
#include "dyad/store/event_store.h"
#include "store_test_util.h"

namespace dyad {
namespace {

using store_test::MakeDoc;
using store_test::MakeEvent;

constexpr char kInjection[] = "USA'; DROP TABLE events; --";

class QueryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    path_ = new std::string(store_test::TempStore("query"));
    auto store = EventStore::Open(*path_, {});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    Document a =
        MakeDoc("a1", Date{2013, 4, 30},
                "Kerry met Lavrov in Moscow. Kerry met Lavrov again. Russia attacked rebels.");
    a.events.push_back(MakeEvent(a, 0, "USAGOV", "RUSGOV", "040", 1.0, "Kerry", "met"));
    a.events.push_back(MakeEvent(a, 1, "USAGOV", "RUSGOV", "040", 1.0));
    a.events.push_back(MakeEvent(a, 2, "RUSMIL", "SYRREB", "190", -10.0, "Russia", "attacked"));
    Document b =
        MakeDoc("a2", Date{2013, 4, 30}, "Kerry met Lavrov. US criticized Iran.", "Reuters");
    b.events.push_back(MakeEvent(b, 0, "USAGOV", "RUSGOV", "040", 1.0));
    b.events.push_back(MakeEvent(b, 1, "USA", "IRN", "111", -2.0));
    Document c = MakeDoc("a3", Date{2013, 5, 7}, "Lavrov met Kerry in Geneva. Sanctions on Iran.");
    c.events.push_back(MakeEvent(c, 0, "RUSGOV", "USAGOV", "040", 1.0));
    c.events.push_back(MakeEvent(c, 1, "IGOUNO", "IRN", "163", -8.0));
    Document d = MakeDoc("a4'; DROP TABLE documents; --", Date{}, "O'Neil's quote \"here\".");
    d.events.push_back(MakeEvent(d, 0, kInjection, "IRN", "010", 0.0));
    store_test::PutAll(**store, {a, b, c, d});
  }
  static void TearDownTestSuite() { delete path_; }

  void SetUp() override {
    auto s = EventStore::Open(*path_, {.read_only = true});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
  }

  std::vector<int64_t> Ids(const EventFilter& f, Page page = {}) {
    auto events = store_->Events(f, page);
    EXPECT_TRUE(events.ok()) << events.status().ToString();
    std::vector<int64_t> ids;
    if (events.ok())
      for (const EventRecord& e : events->records) ids.push_back(e.event_id);
    return ids;
  }

  static std::string* path_;
  std::unique_ptr<EventStore> store_;
};
std::string* QueryTest::path_ = nullptr;

using IdList = std::vector<int64_t>;

TEST_F(QueryTest, Filters) {
  EXPECT_EQ(Ids({}), (IdList{1, 2, 3, 4, 5, 6, 7, 8}));
  EXPECT_EQ(Ids({.source = "USA"}), (IdList{1, 2, 4, 5, 8}));
  EXPECT_EQ(Ids({.source = "USAGOV"}), (IdList{1, 2, 4}));
  EXPECT_EQ(Ids({.target = "IRN"}), (IdList{5, 7, 8}));
  EXPECT_EQ(Ids({.country = "RUS"}), (IdList{1, 2, 3, 4, 6}));
  EXPECT_EQ(Ids({.country = "IGO"}), IdList{});  // IGO is not a country
  EXPECT_EQ(Ids({.dyad_a = "USA", .dyad_b = "RUS"}), (IdList{1, 2, 4, 6}));
  EXPECT_EQ(Ids({.dyad_a = "RUSMIL", .dyad_b = "SYR"}), (IdList{3}));
  EXPECT_EQ(Ids({.code = "04"}), (IdList{1, 2, 4, 6}));
  EXPECT_EQ(Ids({.code = "19"}), (IdList{3}));
  EXPECT_EQ(Ids({.root = "11"}), (IdList{5}));
  EXPECT_EQ(Ids({.quad_class = 4}), (IdList{3, 7}));
  EXPECT_EQ(Ids({.from = Date{2013, 5, 1}}), (IdList{6, 7}));
  EXPECT_EQ(Ids({.to = Date{2013, 4, 30}}), (IdList{1, 2, 3, 4, 5}));
  EXPECT_EQ(Ids({.from = Date{2013, 5, 1}, .to = Date{2013, 5, 6}}), IdList{});
  EXPECT_EQ(Ids({.from = Date{2013, 4, 30}, .source = "USA", .target = "RUS"}), (IdList{1, 2, 4}));
  EXPECT_EQ(Ids({}, {.offset = 2, .limit = 3}), (IdList{3, 4, 5}));
  EXPECT_EQ(Ids({}, {.offset = 6, .limit = -1}), (IdList{7, 8}));
}

TEST_F(QueryTest, FullTextSearch) {
  EXPECT_EQ(Ids({.text = "Geneva"}), (IdList{6, 7}));
  if (IsPostgresUrl(*path_)) {
    // websearch_to_tsquery: words are ANDed, "…" a phrase, or, -word; never a syntax error.
    EXPECT_EQ(Ids({.text = "lavrov again"}), (IdList{1, 2, 3}));
    EXPECT_EQ(Ids({.text = "\"kerry met\" -geneva"}), (IdList{1, 2, 3, 4, 5}));
    EXPECT_EQ(Ids({.text = "geneva or moscow"}), (IdList{1, 2, 3, 6, 7}));
    EXPECT_EQ(Ids({.text = "title"}), (IdList{1, 2, 3, 4, 5, 6, 7, 8}));
    EXPECT_EQ(Ids({.code = "16", .text = "Geneva"}), (IdList{7}));
    EXPECT_EQ(Ids({.text = "\"unbalanced"}), IdList{});
    return;
  }
  EXPECT_EQ(Ids({.text = "lavrov AND again"}), (IdList{1, 2, 3}));
  EXPECT_EQ(Ids({.text = "title"}), (IdList{1, 2, 3, 4, 5, 6, 7, 8}));  // titles are indexed
  EXPECT_EQ(Ids({.code = "16", .text = "Geneva"}), (IdList{7}));
  auto bad = store_->Events({.text = "\"unbalanced"}, {});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
}

TEST_F(QueryTest, InputIsDataNotSql) {
  EXPECT_EQ(Ids({.source = kInjection}), (IdList{8}));
  EXPECT_EQ(Ids({.source = "'; DROP TABLE events; --"}), IdList{});
  EXPECT_EQ(Ids({.root = "' OR 1=1 --"}), IdList{});
  EXPECT_EQ(Ids({.country = "' OR ''='"}), IdList{});
  auto e = store_->EventById(8);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->doc_id, "a4'; DROP TABLE documents; --");
  EXPECT_EQ(e->sentence_text, "O'Neil's quote \"here\".");
  EXPECT_EQ(store_->Count()->events, 8);
  EXPECT_EQ(store_->Count()->documents, 4);
}

TEST_F(QueryTest, EventByIdHasSentenceAndEvidence) {
  auto e = store_->EventById(3);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->doc_id, "a1");
  EXPECT_EQ(e->sentence, 3u);
  EXPECT_EQ(e->sentence_text, "Russia attacked rebels.");
  EXPECT_EQ(e->source_name, "Russia");
  EXPECT_EQ(e->trigger_text, "attacked");
  EXPECT_EQ(e->target_name, "");
  EXPECT_EQ(e->code, "190");
  EXPECT_EQ(e->root, "19");
  EXPECT_EQ(e->quad_class, 4);
  EXPECT_DOUBLE_EQ(e->goldstein, -10.0);
  EXPECT_EQ(e->issues, (std::vector<std::string>{"PEACE", "AID"}));
  EXPECT_EQ(e->date, (Date{2013, 4, 30}));
  EXPECT_EQ(e->published, (Date{2013, 4, 30}));
  EXPECT_EQ(e->publisher, "AFP");
  EXPECT_EQ(e->url, "https://example.com/a1");
  EXPECT_EQ(e->title, "Title of a1");
  EXPECT_FALSE(e->is_root_event);
  EXPECT_TRUE(store_->EventById(1)->is_root_event);
  EXPECT_EQ(store_->EventById(99).status().code(), StatusCode::kNotFound);
}

TEST_F(QueryTest, DedupViews) {
  EXPECT_EQ(Ids({.dedup = Dedup::kStory}), (IdList{1, 3, 4, 5, 6, 7, 8}));
  EXPECT_EQ(Ids({.dedup = Dedup::kDay}), (IdList{1, 3, 5, 6, 7, 8}));
  auto day = store_->Events({.dedup = Dedup::kDay}, {});
  ASSERT_TRUE(day.ok());
  EXPECT_EQ(day->records[0].num_mentions, 3);
  EXPECT_EQ(day->records[0].num_sources, 2);   // AFP and Reuters
  EXPECT_EQ(day->records[0].num_articles, 2);  // a1 twice, a2 once
  EXPECT_EQ(day->records[1].num_mentions, 1);
  auto story = store_->Events({.dedup = Dedup::kStory}, {});
  EXPECT_EQ(story->records[0].num_mentions, 2);
  EXPECT_EQ(story->records[0].num_articles, 1);
  // Dedup after filtering: the groups are formed among the matching events.
  EXPECT_EQ(Ids({.source = "USAGOV", .dedup = Dedup::kDay}), (IdList{1}));

  auto mentions = store_->Mentions({}, {.limit = -1});
  ASSERT_TRUE(mentions.ok()) << mentions.status().ToString();
  std::vector<int64_t> event_ids;
  std::vector<uint32_t> sentences;
  for (const MentionRecord& m : mentions->records) {
    event_ids.push_back(m.event_id);
    sentences.push_back(m.sentence);
  }
  EXPECT_EQ(event_ids, (IdList{1, 1, 1, 3, 5, 6, 7, 8}));
  EXPECT_EQ(sentences, (std::vector<uint32_t>{1, 2, 1, 3, 2, 1, 2, 1}));
  EXPECT_EQ(mentions->records[0].identifier, "https://example.com/a1");
  EXPECT_EQ(mentions->records[0].mention_time, "20130430000000");
  EXPECT_EQ(mentions->records[2].source_name, "Reuters");
  EXPECT_EQ(mentions->records[0].trigger_offset, 6);
  EXPECT_EQ(mentions->records[1].trigger_offset, -1);
  EXPECT_EQ(mentions->records[0].doc_length, 75u);
  EXPECT_EQ(store_->Mentions({.country = "IRN"}, {})->records.size(), 3u);
}

TEST_F(QueryTest, TimeSeries) {
  auto month = store_->Series({}, Bucket::kMonth);
  ASSERT_TRUE(month.ok()) << month.status().ToString();
  ASSERT_EQ(month->size(), 2u);
  EXPECT_EQ((*month)[0].first, (Date{2013, 4, 1}));
  EXPECT_EQ((*month)[0].events, 5);
  EXPECT_DOUBLE_EQ((*month)[0].goldstein, -9.0);
  EXPECT_EQ((*month)[1].first, (Date{2013, 5, 1}));
  EXPECT_EQ((*month)[1].events, 2);
  EXPECT_DOUBLE_EQ((*month)[1].goldstein, -7.0);

  auto dedup = store_->Series({.dedup = Dedup::kDay}, Bucket::kMonth);
  ASSERT_EQ(dedup->size(), 2u);
  EXPECT_EQ((*dedup)[0].events, 3);
  EXPECT_DOUBLE_EQ((*dedup)[0].goldstein, -11.0);

  auto week = store_->Series({.country = "USA"}, Bucket::kWeek);
  ASSERT_EQ(week->size(), 2u);
  EXPECT_EQ((*week)[0].first, (Date{2013, 4, 29}));  // the Monday
  EXPECT_EQ((*week)[0].events, 4);
  EXPECT_EQ((*week)[1].first, (Date{2013, 5, 6}));
  EXPECT_EQ((*week)[1].events, 1);

  auto day = store_->Series({.root = "04"}, Bucket::kDay);
  ASSERT_EQ(day->size(), 2u);
  EXPECT_EQ((*day)[0].first, (Date{2013, 4, 30}));
  EXPECT_EQ((*day)[0].events, 3);
  EXPECT_TRUE(store_->Series({.root = "20"}, Bucket::kMonth)->empty());
}

TEST_F(QueryTest, CountBy) {
  auto dyads = store_->CountBy({}, GroupBy::kDyad, 2);
  ASSERT_TRUE(dyads.ok()) << dyads.status().ToString();
  ASSERT_EQ(dyads->size(), 2u);
  EXPECT_EQ((*dyads)[0].key, "USAGOV,RUSGOV");
  EXPECT_EQ((*dyads)[0].events, 3);
  EXPECT_DOUBLE_EQ((*dyads)[0].goldstein, 3.0);
  EXPECT_EQ((*dyads)[1].key, "IGOUNO,IRN");  // ties by key
  EXPECT_EQ((*dyads)[1].events, 1);

  auto countries = store_->CountBy({}, GroupBy::kCountry, 0);
  ASSERT_TRUE(countries.ok()) << countries.status().ToString();
  std::vector<std::pair<std::string, int64_t>> got;
  for (const GroupCount& g : *countries) got.emplace_back(g.key, g.events);
  EXPECT_EQ(got, (std::vector<std::pair<std::string, int64_t>>{
                     {"USA", 6}, {"RUS", 5}, {"IRN", 3}, {"SYR", 1}}));

  auto sources = store_->CountBy({.dedup = Dedup::kDay}, GroupBy::kSource, 1);
  ASSERT_EQ(sources->size(), 1u);
  EXPECT_EQ((*sources)[0].key, "IGOUNO");  // all sources 1 after one-a-day; first by key
  auto targets = store_->CountBy({.code = "04"}, GroupBy::kTarget, 0);
  ASSERT_EQ(targets->size(), 2u);
  EXPECT_EQ((*targets)[0].key, "RUSGOV");
  EXPECT_EQ((*targets)[0].events, 3);
}

TEST_F(QueryTest, KeysetPagesAndStableIds) {
  EXPECT_EQ(Ids({}, {.limit = 3, .after_id = 2}), (IdList{3, 4, 5}));
  auto page = store_->Events({}, {.limit = 3, .after_id = 2});
  EXPECT_EQ(page->next_after_id, 5);
  EXPECT_EQ(Ids({.dedup = Dedup::kDay}, {.limit = 2, .after_id = 1}), (IdList{3, 5}));
  // Export ids: the one dyad code writes for the same event of the same document.
  auto stable = store_->Events({}, {.limit = 4, .stable_ids = true});
  ASSERT_TRUE(stable.ok());
  EXPECT_EQ(stable->records[2].event_id, StableEventId("a1", 2));
  EXPECT_EQ(stable->records[3].event_id, StableEventId("a2", 0));
  EXPECT_EQ(stable->next_after_id, 4);  // the cursor stays a row id
  // Mentions page by events: the first group's three reports come together.
  auto m = store_->Mentions({}, {.limit = 1, .stable_ids = true});
  ASSERT_TRUE(m.ok());
  ASSERT_EQ(m->records.size(), 3u);
  EXPECT_EQ(m->records[2].event_id, StableEventId("a1", 0));
  EXPECT_EQ(m->next_after_id, 1);
  auto rest = store_->Mentions({}, {.limit = -1, .after_id = 1});
  EXPECT_EQ(rest->records.size(), 5u);
}

// The SQL views documented for ad-hoc use agree with the API's deduplication.
TEST_F(QueryTest, ViewsAgreeWithTheApi) {
  auto column = [](const char* sql) { return store_test::Column(*path_, sql); };
  EXPECT_EQ(column("SELECT id FROM events_one_a_story ORDER BY id"),
            Ids({.dedup = Dedup::kStory}, {.limit = -1}));
  EXPECT_EQ(column("SELECT id FROM events_one_a_day ORDER BY id"),
            Ids({.dedup = Dedup::kDay}, {.limit = -1}));
  EXPECT_EQ(column("SELECT num_mentions FROM gdelt_events ORDER BY id"),
            (IdList{3, 1, 1, 1, 1, 1}));
  EXPECT_EQ(column("SELECT num_sources FROM gdelt_events ORDER BY id"), (IdList{2, 1, 1, 1, 1, 1}));
  EXPECT_EQ(column("SELECT event_id FROM gdelt_mentions ORDER BY event_id, mention_id"),
            (IdList{1, 1, 1, 3, 5, 6, 7, 8}));
}

TEST_F(QueryTest, ReadOnlyStoreRefusesWrites) {
  Document d = MakeDoc("new", Date{}, "x");
  EXPECT_EQ(store_->Put(d, "h").status().code(), StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace dyad
