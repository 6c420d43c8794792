// PostgreSQL-only behaviour of the store: migrations, concurrent writers, outages. Runs under
// ctest's store_test_pg (DYAD_TEST_PG_URL set to a throw-away server); skipped otherwise.
#include "pg_event_store.h"

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <cmath>
#include <thread>

#include "dyad/store/event_store.h"
#include "pg.h"
#include "store_test_util.h"

namespace dyad {
namespace {

using store_test::MakeDoc;
using store_test::MakeEvent;

void Exec(const std::string& url, const std::string& sql) {
  PGconn* c = PQconnectdb(url.c_str());
  PGresult* r = PQexec(c, sql.c_str());
  EXPECT_EQ(PQresultStatus(r), PGRES_COMMAND_OK) << PQerrorMessage(c);
  PQclear(r);
  PQfinish(c);
}

Document Doc(const std::string& id) {
  Document d =
      MakeDoc(id, Date{2013, 4, 30}, "Kerry met Lavrov in Moscow. Russia attacked rebels.");
  d.events.push_back(MakeEvent(d, 0, "USAGOV", "RUSGOV", "040", 1.0, "Kerry", "met"));
  d.events.push_back(MakeEvent(d, 1, "RUSMIL", "SYRREB", "190", -10.0, "Russia", "attacked"));
  return d;
}

TEST(PgEventStore, MigratesAVersion1Store) {
  if (!store_test::PgUrl()) GTEST_SKIP() << "needs DYAD_TEST_PG_URL (ctest -L pg)";
  std::string url = store_test::TempStore("pgv1");
  Exec(url, std::string(store_internal::kPgSchemaV1) +
                "; CREATE TABLE schema_version(version integer NOT NULL);"
                "INSERT INTO schema_version VALUES (1);"
                "INSERT INTO documents(doc_id, hash, day, date_source, source, url, title, "
                "dateline, dateline_place, origin, extra, body_begin, text, ingested) VALUES "
                "('d1', 'h', 15825, 1, 'AFP', '', 'T', '', '', '', '[]', 0, 'Kerry met Lavrov.', "
                "'x');"
                "INSERT INTO events(doc, sentence, day, date_text, source, target, code, root, "
                "quad_class, goldstein, plover, issues, rule) VALUES (1, 0, 15825, '', "
                "'USAGOV', 'RUSGOV', '040', '04', 1, 1.0, '', '', 'r')");
  auto ro = EventStore::Open(url, {.read_only = true});
  ASSERT_FALSE(ro.ok());
  EXPECT_EQ(ro.status().code(), StatusCode::kFailedPrecondition);
  auto store = EventStore::Open(url, {});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ((*store)->schema_version(), kStoreSchemaVersion);
  auto by = (*store)->CountBy({}, GroupBy::kCountry, 0);
  ASSERT_TRUE(by.ok()) << by.status().ToString();
  ASSERT_EQ(by->size(), 2u);  // the country columns of the v2 migration
  EXPECT_EQ((*by)[0].key, "RUS");
  ASSERT_TRUE((*store)->SetSetting("coding", "x").ok());  // the v3 settings table
  // The v4 place and tone columns: no place, tone 0 until a recode.
  auto old = (*store)->Events({}, {});
  ASSERT_TRUE(old.ok()) << old.status().ToString();
  ASSERT_EQ(old->records.size(), 1u);
  EXPECT_TRUE(old->records[0].action_place.empty());
  EXPECT_TRUE(std::isnan(old->records[0].action_place.lat));
  EXPECT_EQ(old->records[0].tone, 0);
  EXPECT_EQ(old->records[0].event_tone.words, 0u);
  EXPECT_EQ(store_test::Column(url, "SELECT count(*) FROM places"), std::vector<int64_t>{0});
  // The v5 knowledge-graph views: none until an ingest or recode keeps one.
  EXPECT_EQ(store_test::Column(url, "SELECT count(*) FROM gkg"), std::vector<int64_t>{0});
  auto views = (*store)->Gkg({}, {});
  ASSERT_TRUE(views.ok()) << views.status().ToString();
  EXPECT_TRUE(views->records.empty());
  ASSERT_TRUE((*store)->PutGkg("d1", GkgRecord{.themes = {"T"}}).ok());
  EXPECT_EQ(store_test::Column(url, "SELECT count(*) FROM gkg"), std::vector<int64_t>{1});
  EXPECT_EQ(store_test::Column(url, "SELECT version FROM schema_version"),
            std::vector<int64_t>{kStoreSchemaVersion});
}

TEST(PgEventStore, RefusesSchemasThatAreNotStores) {
  if (!store_test::PgUrl()) GTEST_SKIP() << "needs DYAD_TEST_PG_URL (ctest -L pg)";
  std::string url = store_test::TempStore("pgother");
  Exec(url, "CREATE TABLE t(x integer)");
  auto s = EventStore::Open(url, {});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kFailedPrecondition);
  std::string newer = store_test::TempStore("pgnewer");
  Exec(newer,
       "CREATE TABLE schema_version(version integer); INSERT INTO schema_version "
       "VALUES (99)");
  auto n = EventStore::Open(newer, {});
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(n.status().message().find("newer"), std::string::npos);
}

TEST(PgEventStore, UnreachableServerIsUnavailable) {
  auto s = EventStore::Open("postgresql://dyad:secret@127.0.0.1:1/dyad?connect_timeout=2", {});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(s.status().message().find("secret"), std::string::npos) << s.status().message();
}

TEST(PgEventStore, MessagesNeverShowThePassword) {
  EXPECT_EQ(store_internal::RedactUrl("postgresql://dyad:s3cret@db:5432/events"),
            "postgresql://dyad:…@db:5432/events");
  EXPECT_EQ(
      store_internal::RedactUrl("postgres://db/events?user=u&password=s3cret&sslmode=require"),
      "postgres://db/events?user=u&password=…&sslmode=require");
  EXPECT_EQ(store_internal::RedactUrl("postgresql://dyad@127.0.0.1:5432/dyad"),
            "postgresql://dyad@127.0.0.1:5432/dyad");
}

// Several writers put the same documents at once (a redelivered message on two workers): each
// document is stored once, its events once.
TEST(PgEventStore, ConcurrentWritersNeverDoubleADocument) {
  if (!store_test::PgUrl()) GTEST_SKIP() << "needs DYAD_TEST_PG_URL (ctest -L pg)";
  std::string url = store_test::TempStore("pgconc");
  ASSERT_TRUE(EventStore::Open(url, {}).ok());
  constexpr int kWriters = 4, kDocs = 25;
  std::vector<std::thread> writers;
  std::vector<int> inserted(kWriters, 0);
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      auto store = EventStore::Open(url, {});
      ASSERT_TRUE(store.ok()) << store.status().ToString();
      for (int i = 0; i < kDocs; ++i) {
        Document d = Doc("doc" + std::to_string(i));
        ASSERT_TRUE((*store)->Begin().ok());
        auto r = (*store)->Put(d, DocumentHash(d));
        ASSERT_TRUE(r.ok()) << r.status().ToString();
        ASSERT_TRUE((*store)->Commit().ok());
        if (*r == PutResult::kInserted) ++inserted[w];
      }
    });
  }
  for (auto& t : writers) t.join();
  int total = 0;
  for (int n : inserted) total += n;
  EXPECT_EQ(total, kDocs);
  auto store = EventStore::Open(url, {.read_only = true});
  ASSERT_TRUE(store.ok());
  auto c = (*store)->Count();
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->documents, kDocs);
  EXPECT_EQ(c->events, 2 * kDocs);
  EXPECT_EQ(c->sentences, 2 * kDocs);
}

}  // namespace
}  // namespace dyad
