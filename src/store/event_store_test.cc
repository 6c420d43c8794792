#include "dyad/store/event_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cmath>
#include <fstream>

#include "dyad/export/export.h"
#include "schema.h"
#include "store_test_util.h"

namespace dyad {
namespace {

using store_test::MakeDoc;
using store_test::MakeEvent;
using store_test::PutAll;
using store_test::TempStore;

Document KerryDoc(
    const std::string& text = "Kerry met Lavrov in Moscow. They talked about Syria.") {
  Document d = MakeDoc("kerry-1", Date{2013, 4, 30}, text);
  d.entities.push_back({0, 0, 1, {0, 5}, EntityType::kPer});
  d.actors.push_back({0, 0, 1, {0, 5}, "USAGOV", "people.txt:1", "people.txt:1", -1, 'm', false});
  d.actors.push_back({0, 2, 3, {10, 16}, "RUSGOV", "people.txt:2", "people.txt:2", -1, 'm', false});
  d.actors.push_back({1, 6, 7, {28, 32}, "USAGOV", "pronoun -> 0 (Kerry)", "", 0, 0, true});
  d.events.push_back(MakeEvent(d, 0, "USAGOV", "RUSGOV", "040", 1.0, "Kerry", "met"));
  d.events.back().source_actor = 0;
  d.events.back().target_actor = 1;
  return d;
}

TEST(EventStore, CreatesCurrentSchemaInWalMode) {
  if (store_test::PgUrl()) GTEST_SKIP() << "SQLite files only";
  std::string path = TempStore("create");
  auto store = EventStore::Open(path, {});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ((*store)->schema_version(), kStoreSchemaVersion);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &s, nullptr);
  ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)), "wal");
  sqlite3_finalize(s);
  sqlite3_close(db);
}

TEST(EventStore, PutIsIdempotentAndReplacesChangedDocuments) {
  auto store = EventStore::Open(TempStore("idem"), {});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EventStore& s = **store;
  Document d = KerryDoc();
  ASSERT_TRUE(s.Begin().ok());
  EXPECT_EQ(*s.Put(d, DocumentHash(d)), PutResult::kInserted);
  EXPECT_EQ(*s.Put(d, DocumentHash(d)), PutResult::kUnchanged);
  ASSERT_TRUE(s.Commit().ok());
  auto c = s.Count();
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->documents, 1);
  EXPECT_EQ(c->sentences, 2);
  EXPECT_EQ(c->actors, 3);
  EXPECT_EQ(c->events, 1);
  EXPECT_TRUE(*s.IsStored("kerry-1", DocumentHash(d)));
  std::string before = *s.Dump();

  // Same id, new text: every old row goes, the new ones come.
  Document changed = MakeDoc("kerry-1", Date{2013, 5, 1}, "Lavrov criticized Kerry.");
  changed.events.push_back(MakeEvent(changed, 0, "RUSGOV", "USAGOV", "111", -2.0));
  ASSERT_NE(DocumentHash(changed), DocumentHash(d));
  EXPECT_FALSE(*s.IsStored("kerry-1", DocumentHash(changed)));
  ASSERT_TRUE(s.Begin().ok());
  EXPECT_EQ(*s.Put(changed, DocumentHash(changed)), PutResult::kReplaced);
  ASSERT_TRUE(s.Commit().ok());
  c = s.Count();
  EXPECT_EQ(c->documents, 1);
  EXPECT_EQ(c->sentences, 1);
  EXPECT_EQ(c->actors, 0);
  EXPECT_EQ(c->events, 1);
  auto events = s.Events({}, {});
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->records.size(), 1u);
  EXPECT_EQ(events->records[0].code, "111");
  // The full-text index follows the replacement.
  EXPECT_EQ(s.Events({.text = "criticized"}, {})->records.size(), 1u);
  EXPECT_EQ(s.Events({.text = "Moscow"}, {})->records.size(), 0u);
  EXPECT_NE(*s.Dump(), before);
}

TEST(EventStore, Settings) {
  std::string path = TempStore("settings");
  {
    auto store = EventStore::Open(path, {});
    ASSERT_TRUE(store.ok());
    EXPECT_EQ(*(*store)->GetSetting("coding"), "");
    ASSERT_TRUE((*store)->SetSetting("coding", "a'b").ok());
    ASSERT_TRUE((*store)->SetSetting("coding", "dictionaries=(defaults)").ok());
  }
  auto ro = EventStore::Open(path, {.read_only = true});
  ASSERT_TRUE(ro.ok());
  EXPECT_EQ(*(*ro)->GetSetting("coding"), "dictionaries=(defaults)");
  EXPECT_FALSE((*ro)->SetSetting("coding", "x").ok());
}

TEST(EventStore, HashCoversTextAndMetadata) {
  Document a = KerryDoc();
  Document b = a;
  b.meta.url = "https://other";
  Document c = a;
  c.meta.extra.push_back({"k", "v"});
  EXPECT_NE(DocumentHash(a), DocumentHash(b));
  EXPECT_NE(DocumentHash(a), DocumentHash(c));
  // Layers are not content: a re-parsed document is the same document.
  Document d = a;
  d.events.clear();
  EXPECT_EQ(DocumentHash(a), DocumentHash(d));
}

TEST(EventStore, ReadDocumentsRebuildsEverythingTheCodersNeed) {
  auto store = EventStore::Open(TempStore("read"), {});
  ASSERT_TRUE(store.ok());
  Document d = KerryDoc();
  d.body_begin = 0;
  d.meta.dateline = "MOSCOW";
  d.words[1].xpos = 37;
  d.words[1].deprel = Deprel::kRoot;
  d.words[1].head = kNoHead;
  d.tone = {.tone = -2.5, .positive = 1.25, .negative = 3.75, .words = 80};
  PutAll(**store, {d, MakeDoc("empty", Date{}, "x")});
  auto reader = (*store)->ReadDocuments();
  ASSERT_TRUE(reader.ok());
  auto rec = (*reader)->Next();
  ASSERT_TRUE(rec.has_value());
  ASSERT_TRUE(rec->status.ok()) << rec->status.ToString();
  const Document& r = rec->doc;
  EXPECT_EQ(r.text, d.text);
  EXPECT_EQ(r.meta.id, d.meta.id);
  EXPECT_EQ(r.meta.date, d.meta.date);
  EXPECT_EQ(r.meta.dateline, "MOSCOW");
  EXPECT_EQ(r.meta.extra, d.meta.extra);
  EXPECT_EQ(DocumentHash(r), DocumentHash(d));
  ASSERT_EQ(r.sentences.size(), d.sentences.size());
  for (size_t i = 0; i < r.sentences.size(); ++i) {
    EXPECT_EQ(r.sentences[i].span, d.sentences[i].span);
    EXPECT_EQ(r.sentences[i].first_token, d.sentences[i].first_token);
    EXPECT_EQ(r.sentences[i].end_token, d.sentences[i].end_token);
    EXPECT_EQ(r.sentences[i].paragraph, d.sentences[i].paragraph);
  }
  ASSERT_EQ(r.tokens.size(), d.tokens.size());
  ASSERT_EQ(r.words.size(), d.words.size());
  EXPECT_EQ(r.words[1].xpos, 37);
  EXPECT_EQ(r.words[1].head, kNoHead);
  EXPECT_EQ(r.words[2].head, d.words[2].head);
  EXPECT_EQ(r.words[2].lemma, d.words[2].lemma);
  ASSERT_EQ(r.entities.size(), 1u);
  EXPECT_EQ(r.tone.tone, -2.5);  // the stored document tone (recode may keep it)
  EXPECT_EQ(r.tone.positive, 1.25);
  EXPECT_EQ(r.tone.negative, 3.75);
  EXPECT_EQ(r.tone.words, 80u);
  EXPECT_TRUE(r.actors.empty());
  EXPECT_TRUE(r.events.empty());
  auto second = (*reader)->Next();
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->doc.meta.id, "empty");
  EXPECT_TRUE(second->doc.meta.date.empty());
  EXPECT_FALSE((*reader)->Next().has_value());
}

TEST(EventStore, ReplaceCodingReportsAddedAndRemovedEvents) {
  auto store = EventStore::Open(TempStore("recode"), {});
  ASSERT_TRUE(store.ok());
  Document d = KerryDoc();
  PutAll(**store, {d});
  Document recoded = d;
  recoded.actors.pop_back();
  recoded.events.clear();
  recoded.events.push_back(MakeEvent(d, 1, "USAGOV", "SYR", "010", 0.0));
  ASSERT_TRUE((*store)->Begin().ok());
  auto change = (*store)->ReplaceCoding(recoded);
  ASSERT_TRUE((*store)->Commit().ok());
  ASSERT_TRUE(change.ok()) << change.status().ToString();
  EXPECT_EQ(change->before, 1u);
  EXPECT_EQ(change->after, 1u);
  ASSERT_EQ(change->added.size(), 1u);
  EXPECT_EQ(change->added[0].root, "01");
  EXPECT_EQ(change->added[0].dyad, "USAGOV,SYR");
  ASSERT_EQ(change->removed.size(), 1u);
  EXPECT_EQ(change->removed[0].root, "04");
  EXPECT_EQ(change->removed[0].dyad, "USAGOV,RUSGOV");
  auto c = (*store)->Count();
  EXPECT_EQ(c->actors, 2);
  EXPECT_EQ(c->events, 1);
  EXPECT_EQ(c->sentences, 2);  // the parse stays
  Document unknown = MakeDoc("nope", Date{}, "x");
  EXPECT_EQ((*store)->ReplaceCoding(unknown).status().code(), StatusCode::kNotFound);
}

TEST(EventStore, ReplaceCodingWritesOnlyWhatChanged) {
  if (store_test::PgUrl()) GTEST_SKIP() << "SQLite files only";
  std::string path = TempStore("recode_same");
  auto store = EventStore::Open(path, {});
  ASSERT_TRUE(store.ok());
  Document d = KerryDoc();
  d.events.push_back(MakeEvent(d, 1, "USAGOV", "SYR", "010", 0.0));  // one-sided spans, issues
  PutAll(**store, {d});
  std::string before = *(*store)->Dump();
  // PRAGMA data_version seen from another connection moves only when rows were written.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  auto data_version = [db] {
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA data_version", -1, &s, nullptr);
    sqlite3_step(s);
    int64_t v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
  };
  int64_t v0 = data_version();
  ASSERT_TRUE((*store)->Begin().ok());
  auto same = (*store)->ReplaceCoding(d);
  ASSERT_TRUE((*store)->Commit().ok());
  ASSERT_TRUE(same.ok()) << same.status().ToString();
  EXPECT_TRUE(same->added.empty() && same->removed.empty());
  EXPECT_EQ(data_version(), v0) << "the same coding was written again";

  // An actor's `how` changes, the events do not: no event reported, but the rows are new.
  Document other = d;
  other.actors[0].how = "people.txt:99";
  ASSERT_TRUE((*store)->Begin().ok());
  auto changed = (*store)->ReplaceCoding(other);
  ASSERT_TRUE((*store)->Commit().ok());
  ASSERT_TRUE(changed.ok());
  EXPECT_TRUE(changed->added.empty() && changed->removed.empty());
  EXPECT_NE(data_version(), v0);
  std::string after = *(*store)->Dump();
  EXPECT_NE(after, before);
  EXPECT_NE(after.find("people.txt:99"), std::string::npos);
  sqlite3_close(db);
}

TEST(EventStore, DumpIgnoresInsertionOrder) {
  Document a = KerryDoc();
  Document b = MakeDoc("b", Date{2014, 1, 2}, "Obama visited Paris.");
  b.events.push_back(MakeEvent(b, 0, "USAGOV", "FRA", "042", 1.9));
  auto s1 = EventStore::Open(TempStore("dump1"), {});
  auto s2 = EventStore::Open(TempStore("dump2"), {});
  ASSERT_TRUE(s1.ok() && s2.ok());
  PutAll(**s1, {a, b});
  PutAll(**s2, {b, a});
  std::string d1 = *(*s1)->Dump(), d2 = *(*s2)->Dump();
  EXPECT_EQ(d1, d2);
  EXPECT_NE(d1.find("\"USAGOV\"\t\"FRA\"\t\"042\""), std::string::npos) << d1;
}

// A store written by the first schema version, with rows, opens with this code: the migration
// runs and the old rows answer the new queries (country columns, dedup views).
TEST(EventStore, MigratesAVersion1Store) {
  if (store_test::PgUrl()) GTEST_SKIP() << "SQLite files only";
  std::string path = TempStore("v1");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_TRUE(store_internal::CreateV1(db).ok());
  const char* rows = R"sql(
    INSERT INTO documents VALUES (1, 'old-1', 'h1', 15825, 1, 'AFP', '', 'Old story', '', '',
        'old.jsonl:1', '[]', 0, 'Kerry met Lavrov. Kerry met Lavrov again.', '20260101000000');
    INSERT INTO sentences VALUES (1, 0, 0, 17, 0, 3, 0), (1, 1, 18, 41, 3, 7, 0);
    INSERT INTO events(doc, sentence, day, date_text, source, target, code, root, quad_class,
        goldstein, plover, issues, rule)
      VALUES (1, 0, 15825, '', 'USAGOV', 'RUSGOV', '040', '04', 1, 1.0, '', '', 'r'),
             (1, 1, 15825, '', 'USAGOV', 'RUSGOV', '040', '04', 1, 1.0, '', '', 'r');
  )sql";
  ASSERT_EQ(sqlite3_exec(db, rows, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_close(db);

  // Read-only cannot migrate and says how to.
  auto ro = EventStore::Open(path, {.read_only = true});
  ASSERT_FALSE(ro.ok());
  EXPECT_EQ(ro.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(ro.status().message().find("schema version 1"), std::string::npos);

  auto store = EventStore::Open(path, {});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ((*store)->schema_version(), kStoreSchemaVersion);
  auto rus = (*store)->Events({.country = "RUS"}, {});
  ASSERT_TRUE(rus.ok()) << rus.status().ToString();
  EXPECT_EQ(rus->records.size(), 2u);
  EXPECT_EQ(rus->records[0].sentence_text, "Kerry met Lavrov.");
  auto day = (*store)->Events({.dedup = Dedup::kDay}, {});
  ASSERT_TRUE(day.ok());
  ASSERT_EQ(day->records.size(), 1u);
  EXPECT_EQ(day->records[0].num_mentions, 2);
  store->reset();
  // Opened again: already current, nothing to do; read-only now works.
  auto again = EventStore::Open(path, {.read_only = true});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ((*again)->Count()->events, 2);
}

// A version-2 store (as the first merged store code wrote it: v1 and the v2 migration, no
// settings table) with rows gains the settings table and keeps its rows.
TEST(EventStore, MigratesAVersion2Store) {
  if (store_test::PgUrl()) GTEST_SKIP() << "SQLite files only";
  std::string path = TempStore("v2");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_TRUE(store_internal::CreateV1(db).ok());
  ASSERT_EQ(sqlite3_exec(db, store_internal::kMigrations[0], nullptr, nullptr, nullptr), SQLITE_OK)
      << sqlite3_errmsg(db);
  const char* rows = R"sql(
    INSERT INTO documents VALUES (1, 'old-1', 'h1', 15825, 1, 'AFP', '', 'Old story', '', '',
        'old.jsonl:1', '[]', 0, 'Kerry met Lavrov.', '20260101000000');
    INSERT INTO events(doc, sentence, day, date_text, source, target, code, root, quad_class,
        goldstein, plover, issues, rule)
      VALUES (1, 0, 15825, '', 'USAGOV', 'RUSGOV', '040', '04', 1, 1.0, '', '', 'r');
  )sql";
  ASSERT_EQ(sqlite3_exec(db, rows, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_close(db);
  auto store = EventStore::Open(path, {});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ((*store)->schema_version(), kStoreSchemaVersion);
  EXPECT_EQ(*(*store)->GetSetting("coding"), "");
  EXPECT_TRUE((*store)->SetSetting("coding", "x").ok());
  EXPECT_EQ((*store)->Count()->events, 1);
  EXPECT_EQ((*store)->Events({.country = "RUS"}, {})->records.size(), 1u);
}

// dyad_places' layers go in and come back: each event's places and tone, the document's tone
// (AvgTone, MentionDocTone) and place mentions; a recode that changes only a place rewrites.
Document PlacedKerryDoc() {
  Document d = KerryDoc();
  GeoPlace moscow{.geo_type = 4,
                  .name = "Moscow, Moscow, Russia",
                  .country_iso2 = "RU",
                  .country_fips = "RS",
                  .adm1 = "RS48",
                  .lat = 55.75222,
                  .lon = 37.61556,
                  .feature_id = "524901",
                  .evidence = {20, 26},
                  .how = "clause"};
  d.events[0].place = moscow;
  d.events[0].target_place = {.geo_type = 1,
                              .name = "Russia",
                              .country_iso2 = "RU",
                              .country_fips = "RS",
                              .lat = 60,
                              .lon = 100,
                              .feature_id = "RS",
                              .how = "actor"};
  d.events[0].tone = {.tone = 12.5, .positive = 12.5, .negative = 0, .words = 8};
  d.tone = {.tone = -1.25, .positive = 3.75, .negative = 5, .words = 80};
  d.places.push_back({.sentence = 0,
                      .first_token = 4,
                      .end_token = 5,
                      .span = {20, 26},
                      .entry = 7,
                      .place = moscow});
  return d;
}

TEST(EventStore, KeepsPlacesAndTone) {
  std::string path = TempStore("places");
  auto store = EventStore::Open(path, {});
  ASSERT_TRUE(store.ok());
  Document d = PlacedKerryDoc();
  PutAll(**store, {d});
  auto events = (*store)->Events({}, {.stable_ids = true});
  ASSERT_TRUE(events.ok()) << events.status().ToString();
  ASSERT_EQ(events->records.size(), 1u);
  const EventRecord& r = events->records[0];
  std::vector<EventRecord> coded = EventRecordsFromDocument(d);
  for (const auto& [got, want] : {std::pair{&r.action_place, &coded[0].action_place},
                                  {&r.source_place, &coded[0].source_place},
                                  {&r.target_place, &coded[0].target_place}}) {
    EXPECT_EQ(got->geo_type, want->geo_type);
    EXPECT_EQ(got->name, want->name);
    EXPECT_EQ(got->country_iso2, want->country_iso2);
    EXPECT_EQ(got->country_fips, want->country_fips);
    EXPECT_EQ(got->adm1, want->adm1);
    EXPECT_EQ(std::isnan(got->lat), std::isnan(want->lat));
    if (!std::isnan(want->lat)) EXPECT_DOUBLE_EQ(got->lat, want->lat);
    EXPECT_EQ(got->feature_id, want->feature_id);
    EXPECT_EQ(got->how, want->how);
    EXPECT_EQ(got->evidence.begin, want->evidence.begin);
    EXPECT_EQ(got->evidence_text, want->evidence_text);
  }
  EXPECT_EQ(r.action_place.evidence_text, "Moscow");
  EXPECT_DOUBLE_EQ(r.tone, -1.25);
  EXPECT_DOUBLE_EQ(r.event_tone.tone, 12.5);
  EXPECT_EQ(r.event_tone.words, 8u);
  // The writers see the same record from the store as from the coder.
  auto w = NewEventRecordWriter("gdelt-events");
  ASSERT_TRUE(w.ok());
  std::string from_store, from_coder;
  (*w)->Append(r, from_store);
  (*w)->Append(coded[0], from_coder);
  EXPECT_EQ(from_store, from_coder);
  auto mentions = (*store)->Mentions({}, {});
  ASSERT_TRUE(mentions.ok());
  ASSERT_EQ(mentions->records.size(), 1u);
  EXPECT_DOUBLE_EQ(mentions->records[0].doc_tone, -1.25);

  // The same coding again writes nothing; a moved place is written.
  std::string before = *(*store)->Dump();
  ASSERT_TRUE((*store)->Begin().ok());
  ASSERT_TRUE((*store)->ReplaceCoding(d).ok());
  Document moved = d;
  moved.events[0].place.lat = 55.7;
  moved.places[0].place.how = "story";
  auto changed = (*store)->ReplaceCoding(moved);
  ASSERT_TRUE((*store)->Commit().ok());
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  auto again = (*store)->Events({}, {});
  ASSERT_TRUE(again.ok());
  EXPECT_DOUBLE_EQ(again->records[0].action_place.lat, 55.7);
  // One mention, the old row replaced (on either backend).
  EXPECT_EQ(store_test::Column(path, "SELECT count(*) FROM places"), std::vector<int64_t>{1});
  EXPECT_EQ(
      store_test::Column(path, "SELECT count(*) FROM places WHERE how = 'story' AND iso2 = 'RU'"),
      std::vector<int64_t>{1});
}

// Writes an SQLite store of schema `version` (the version-1 DDL and the migrations up to it, as
// that version's code left it) holding `rows`.
void WriteOldStore(const std::string& path, int version, const char* rows) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_TRUE(store_internal::CreateV1(db).ok());
  for (int i = 0; i + 1 < version; ++i)
    ASSERT_EQ(sqlite3_exec(db, store_internal::kMigrations[i], nullptr, nullptr, nullptr),
              SQLITE_OK)
        << sqlite3_errmsg(db);
  ASSERT_EQ(sqlite3_exec(db, rows, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_close(db);
}

// A version-3 store with rows gains the place and tone columns (no place, tone 0) and the
// places table; its events still read and a recode fills them.
TEST(EventStore, MigratesAVersion3Store) {
  if (store_test::PgUrl())
    GTEST_SKIP() << "SQLite files only (PgEventStore.MigratesAVersion1Store)";
  std::string path = TempStore("v3");
  const char* rows = R"sql(
    INSERT INTO documents VALUES (1, 'kerry-1', 'h1', 15825, 1, 'AFP', '', 'Old story', '', '',
        'old.jsonl:1', '[]', 0, 'Kerry met Lavrov in Moscow. They talked about Syria.',
        '20260101000000');
    INSERT INTO sentences VALUES (1, 0, 0, 27, 0, 6, 0);
    INSERT INTO events(doc, sentence, day, date_text, source, target, code, root, quad_class,
        goldstein, plover, issues, rule)
      VALUES (1, 0, 15825, '', 'USAGOV', 'RUSGOV', '040', '04', 1, 1.0, '', '', 'r');
    INSERT INTO settings VALUES ('coding', 'x');
  )sql";
  ASSERT_NO_FATAL_FAILURE(WriteOldStore(path, 3, rows));
  auto store = EventStore::Open(path, {});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ((*store)->schema_version(), kStoreSchemaVersion);
  EXPECT_EQ(*(*store)->GetSetting("coding"), "x");
  auto old = (*store)->Events({.country = "RUS"}, {});
  ASSERT_TRUE(old.ok()) << old.status().ToString();
  ASSERT_EQ(old->records.size(), 1u);
  EXPECT_TRUE(old->records[0].action_place.empty());
  EXPECT_TRUE(std::isnan(old->records[0].action_place.lat));
  EXPECT_EQ(old->records[0].tone, 0);
  ASSERT_TRUE((*store)->Begin().ok());
  auto recoded = (*store)->ReplaceCoding(PlacedKerryDoc());
  ASSERT_TRUE((*store)->Commit().ok());
  ASSERT_TRUE(recoded.ok()) << recoded.status().ToString();
  auto now = (*store)->Events({}, {});
  ASSERT_TRUE(now.ok());
  ASSERT_EQ(now->records.size(), 1u);
  EXPECT_EQ(now->records[0].action_place.name, "Moscow, Moscow, Russia");
  EXPECT_DOUBLE_EQ(now->records[0].tone, -1.25);
}

GkgRecord SampleGkg() {
  GkgRecord g;
  g.persons = {{"John Kerry", 2, 0}};
  g.organizations = {{"United Nations", 1, 40}, {"AFP, \"news\"", 1, 60}};
  GkgLocation moscow;
  moscow.place.geo_type = 4;
  moscow.place.name = "Moscow, Moscow, Russia";
  moscow.place.country_iso2 = "RU";
  moscow.place.country_fips = "RS";
  moscow.place.adm1 = "RS48";
  moscow.place.lat = 55.75;
  moscow.place.lon = 37.62;
  moscow.place.feature_id = "524901";
  moscow.place.evidence = {20, 26};
  moscow.count = 3;
  GkgLocation nowhere;  // a place without coordinates
  nowhere.place.geo_type = 1;
  nowhere.place.name = "Ruritania";
  g.locations = {moscow, nowhere};
  g.counts = {{"KILL", 3, "people", {30, 52}}, {"WOUND", 260, "", {53, 70}}};
  g.themes = {"HUMAN_RIGHTS", "ÉLECTIONS"};
  return g;
}

// The knowledge-graph view (schema v5): kept per document, read back whole with the document's
// metadata and tone, replaced by a second PutGkg, dropped when Put replaces the document.
TEST(EventStore, KeepsTheKnowledgeGraphView) {
  auto store = EventStore::Open(TempStore("gkg"), {});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Document a = PlacedKerryDoc();
  Document b = MakeDoc("later", Date{2014, 1, 2}, "Nothing happened.");
  PutAll(**store, {a, b});
  GkgRecord g = SampleGkg();
  ASSERT_TRUE((*store)->PutGkg(a.meta.id, g).ok());
  ASSERT_TRUE((*store)->PutGkg("later", {}).ok());
  Status missing = (*store)->PutGkg("no-such-doc", g);
  EXPECT_EQ(missing.code(), StatusCode::kNotFound) << missing.ToString();

  auto all = (*store)->Gkg({}, {});
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->records.size(), 2u);
  const StoredGkg& s = all->records[0];
  EXPECT_EQ(s.meta.id, a.meta.id);
  EXPECT_EQ(s.meta.date, a.meta.date);
  EXPECT_DOUBLE_EQ(s.gkg.tone.tone, a.tone.tone);
  ASSERT_EQ(s.gkg.persons.size(), 1u);
  EXPECT_EQ(s.gkg.persons[0].name, "John Kerry");
  EXPECT_EQ(s.gkg.persons[0].count, 2u);
  ASSERT_EQ(s.gkg.organizations.size(), 2u);
  EXPECT_EQ(s.gkg.organizations[1].name, "AFP, \"news\"");
  EXPECT_EQ(s.gkg.organizations[1].first, 60u);
  ASSERT_EQ(s.gkg.locations.size(), 2u);
  EXPECT_EQ(s.gkg.locations[0].place.name, "Moscow, Moscow, Russia");
  EXPECT_EQ(s.gkg.locations[0].place.adm1, "RS48");
  EXPECT_DOUBLE_EQ(s.gkg.locations[0].place.lon, 37.62);
  EXPECT_EQ(s.gkg.locations[0].place.evidence, (Span{20, 26}));
  EXPECT_EQ(s.gkg.locations[0].count, 3u);
  EXPECT_TRUE(std::isnan(s.gkg.locations[1].place.lat));
  ASSERT_EQ(s.gkg.counts.size(), 2u);
  EXPECT_EQ(s.gkg.counts[1].type, "WOUND");
  EXPECT_EQ(s.gkg.counts[1].number, 260);
  EXPECT_EQ(s.gkg.counts[0].evidence, (Span{30, 52}));
  EXPECT_EQ(s.gkg.themes, g.themes);
  EXPECT_TRUE(all->records[1].gkg.persons.empty());

  // Date filter and keyset paging.
  auto later = (*store)->Gkg({.from = Date{2014, 1, 1}}, {});
  ASSERT_TRUE(later.ok());
  ASSERT_EQ(later->records.size(), 1u);
  EXPECT_EQ(later->records[0].meta.id, "later");
  auto first = (*store)->Gkg({}, {.limit = 1});
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->records.size(), 1u);
  auto next = (*store)->Gkg({}, {.limit = 1, .after_id = first->next_after_id});
  ASSERT_TRUE(next.ok());
  ASSERT_EQ(next->records.size(), 1u);
  EXPECT_EQ(next->records[0].meta.id, "later");

  // A second PutGkg replaces; the dump shows it; a changed document loses its view.
  g.themes = {"OTHER"};
  ASSERT_TRUE((*store)->PutGkg(a.meta.id, g).ok());
  std::string dump = *(*store)->Dump();
  EXPECT_NE(dump.find("OTHER"), std::string::npos) << dump;
  Document changed = a;
  changed.text += " More.";
  ASSERT_TRUE((*store)->Put(changed, DocumentHash(changed)).ok());
  auto after = (*store)->Gkg({}, {});
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->records.size(), 1u);
  EXPECT_EQ(after->records[0].meta.id, "later");
}

// A version-4 store with rows gains the (empty) gkg table; views are kept from then on.
TEST(EventStore, MigratesAVersion4Store) {
  if (store_test::PgUrl())
    GTEST_SKIP() << "SQLite files only (PgEventStore.MigratesAVersion1Store)";
  std::string path = TempStore("v4");
  const char* rows = R"sql(
    INSERT INTO documents(id, doc_id, hash, day, date_source, source, url, title, dateline,
        dateline_place, origin, extra, body_begin, text, ingested, tone)
      VALUES (1, 'kerry-1', 'h1', 15825, 1, 'AFP', '', 'Old story', '', '', 'old.jsonl:1', '[]',
        0, 'Kerry met Lavrov in Moscow.', '20260101000000', -2.5);
  )sql";
  ASSERT_NO_FATAL_FAILURE(WriteOldStore(path, 4, rows));
  auto store = EventStore::Open(path, {});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ((*store)->schema_version(), kStoreSchemaVersion);
  EXPECT_EQ(store_test::Column(path, "PRAGMA user_version"),
            std::vector<int64_t>{kStoreSchemaVersion});
  auto none = (*store)->Gkg({}, {});
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_TRUE(none->records.empty());
  ASSERT_TRUE((*store)->PutGkg("kerry-1", SampleGkg()).ok());
  auto one = (*store)->Gkg({}, {});
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->records.size(), 1u);
  EXPECT_EQ(one->records[0].meta.title, "Old story");
  EXPECT_DOUBLE_EQ(one->records[0].gkg.tone.tone, -2.5);
}

// A version-5 store gains the country-pair index; a dyad of two countries is answered by it and
// finds the same events as before (both directions).
TEST(EventStore, MigratesAVersion5StoreToTheCountryPairIndex) {
  if (store_test::PgUrl())
    GTEST_SKIP() << "SQLite files only (PgEventStore.MigratesAVersion1Store)";
  std::string path = TempStore("v5");
  ASSERT_NO_FATAL_FAILURE(WriteOldStore(path, 5, ""));
  auto store = EventStore::Open(path, {});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ(store_test::Column(
                path, "SELECT count(*) FROM sqlite_master WHERE name = 'events_countries'"),
            std::vector<int64_t>{1});
  Document d = KerryDoc();
  d.events.push_back(MakeEvent(d, 0, "RUSGOV", "USA", "036", 4.0, "Lavrov", "met"));
  d.events.push_back(MakeEvent(d, 0, "USAGOV", "CHN", "040", 1.0, "Kerry", "met"));
  ASSERT_TRUE((*store)->Put(d, DocumentHash(d)).ok());
  auto count = [&](const char* a, const char* b) {
    EventFilter f;
    f.dyad_a = a;
    f.dyad_b = b;
    auto s = (*store)->Series(f, Bucket::kDay);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    int64_t n = 0;
    if (s.ok())
      for (const SeriesPoint& p : *s) n += p.events;
    return n;
  };
  EXPECT_EQ(count("USA", "RUS"), 2);
  EXPECT_EQ(count("RUS", "USA"), 2);
  EXPECT_EQ(count("USA", "CHN"), 1);
  EXPECT_EQ(count("USAGOV", "RUS"), 1);  // an actor prefix (the actor indexes): not RUSGOV-USA
  EXPECT_EQ(count("USA", "IGO"), 0);
}

TEST(EventStore, RefusesFilesThatAreNotStores) {
  if (store_test::PgUrl()) GTEST_SKIP() << "SQLite files only";
  std::string path = TempStore("other");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "CREATE TABLE t(x)", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  auto s = EventStore::Open(path, {});
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("not a dyad store"), std::string::npos);

  std::string text = TempStore("text");
  std::ofstream(text) << "this is not a database, just some text that is long enough\n";
  EXPECT_FALSE(EventStore::Open(text, {}).ok());
  EXPECT_FALSE(EventStore::Open(TempStore("missing"), {.read_only = true}).ok());

  std::string newer = TempStore("newer");
  ASSERT_EQ(sqlite3_open(newer.c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "CREATE TABLE t(x); PRAGMA user_version = 99", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  auto n = EventStore::Open(newer, {});
  ASSERT_FALSE(n.ok());
  EXPECT_NE(n.status().message().find("newer"), std::string::npos) << n.status().message();
}

}  // namespace
}  // namespace dyad
