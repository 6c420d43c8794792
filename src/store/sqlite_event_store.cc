// SqliteEventStore: the EventStore over one SQLite file.
#include "sqlite_event_store.h"

#include <fmt/format.h>
#include <sqlite3.h>
#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <map>
#include <nlohmann/json.hpp>
#include <tuple>
#include <utility>

#include "dyad/export/export.h"
#include "dyad/io/writer.h"
#include "parse_codec.h"
#include "query_sql.h"
#include "schema.h"
#include "sqlite.h"
#include "store_rows.h"

namespace dyad {

using store_internal::Stmt;
using namespace store_internal;  // NOLINT: the shared row helpers

namespace {
// With a few thousand distinct days, SQLite's planner answers a code or root filter by a
// skip-scan of events_day (day, code, …) and reads every matching table row, where events_code
// covers the whole query: a monthly series of country SYR and root 19 over 1 M events took
// 140 ms instead of 11. SQLite's documented "noskipscan" mark in sqlite_stat1 turns skip-scans
// off for that index; ANALYZE sqlite_schema makes the connection read the changed statistics.
constexpr char kNoSkipScanSql[] =
    "UPDATE sqlite_stat1 SET stat = stat || ' noskipscan' WHERE tbl = 'events' AND "
    "idx = 'events_day' AND stat NOT LIKE '%noskipscan%'; ANALYZE sqlite_schema";
}  // namespace

namespace {

// One value of a dump line: null, a number, a JSON string, or the hash of a blob or long text.
std::string DumpCell(const Stmt& s, int col) {
  switch (s.Type(col)) {
    case SQLITE_NULL:
      return DumpNull();
    case SQLITE_INTEGER:
      return DumpInt(s.Int(col));
    case SQLITE_FLOAT:
      return DumpReal(s.Real(col));
    default:
      return DumpText(s.Text(col), s.Type(col) == SQLITE_BLOB);
  }
}

}  // namespace

struct SqliteEventStore::Impl {
  sqlite3* db = nullptr;
  StoreOptions options;
  std::string path;
  Stmt find_doc, delete_doc, insert_doc, insert_sentence, insert_parse, insert_actor, insert_event;
  Stmt delete_actors, delete_events, old_events, old_actors, doc_text;
  Stmt insert_place, delete_places, update_tone, old_places, old_tone, put_gkg;
  int64_t cached_text_doc = -1;
  std::string cached_text;

  ~Impl() {
    // Statements first: a connection with live statements does not close.
    for (Stmt* s :
         {&find_doc, &delete_doc, &insert_doc, &insert_sentence, &insert_parse, &insert_actor,
          &insert_event, &delete_actors, &delete_events, &old_events, &old_actors, &doc_text,
          &insert_place, &delete_places, &update_tone, &old_places, &old_tone, &put_gkg})
      *s = Stmt();
    if (db) {
      if (!options.read_only) {
        sqlite3_exec(db, "PRAGMA optimize", nullptr, nullptr, nullptr);
        // PRAGMA optimize may have re-analysed events: keep the mark Analyze() explains.
        sqlite3_exec(db, kNoSkipScanSql, nullptr, nullptr, nullptr);
      }
      sqlite3_close_v2(db);
    }
  }

  Status Prepare(Stmt& s, std::string_view sql) {
    s = Stmt(db, sql);
    return s.ok() ? Status::Ok() : Status(s.status().code(), path + ": " + s.status().message());
  }

  Status PrepareWrites() {
    DYAD_RETURN_IF_ERROR(Prepare(delete_doc, "DELETE FROM documents WHERE id = ?"));
    DYAD_RETURN_IF_ERROR(Prepare(
        insert_doc,
        "INSERT INTO documents(doc_id, hash, day, date_source, source, url, title, dateline, "
        "dateline_place, origin, extra, body_begin, text, ingested) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    DYAD_RETURN_IF_ERROR(Prepare(insert_sentence,
                                 "INSERT INTO sentences(doc, idx, begin, end, first_token, "
                                 "end_token, paragraph) VALUES (?,?,?,?,?,?,?)"));
    DYAD_RETURN_IF_ERROR(
        Prepare(insert_parse, "INSERT INTO parses(doc, tokens, words, entities) VALUES (?,?,?,?)"));
    DYAD_RETURN_IF_ERROR(Prepare(insert_actor,
                                 "INSERT INTO actors(doc, idx, sentence, first_token, end_token, "
                                 "begin, end, code, how, entry, coref_of, gender, plural) "
                                 "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    std::string event_params;
    for (int i = 0; i < kPlaceToneColumnCount; ++i) event_params += ",?";
    DYAD_RETURN_IF_ERROR(
        Prepare(insert_event,
                "INSERT INTO events(doc, sentence, day, date_text, source, target, code, root, "
                "quad_class, goldstein, plover, issues, source_begin, source_end, target_begin, "
                "target_end, trigger_begin, trigger_end, source_actor, target_actor, rule, " +
                    PlaceToneColumns("") + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?" +
                    event_params + ")"));
    DYAD_RETURN_IF_ERROR(Prepare(insert_place,
                                 "INSERT INTO places(doc, idx, sentence, first_token, end_token, "
                                 "begin, end, entry, geo_type, name, iso2, fips, adm1, lat, lon, "
                                 "feature_id, how) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    DYAD_RETURN_IF_ERROR(Prepare(delete_places, "DELETE FROM places WHERE doc = ?"));
    DYAD_RETURN_IF_ERROR(Prepare(update_tone,
                                 "UPDATE documents SET tone = ?, tone_positive = ?, "
                                 "tone_negative = ?, tone_words = ? WHERE id = ?"));
    DYAD_RETURN_IF_ERROR(Prepare(delete_actors, "DELETE FROM actors WHERE doc = ?"));
    DYAD_RETURN_IF_ERROR(Prepare(delete_events, "DELETE FROM events WHERE doc = ?"));
    return Status::Ok();
  }

  Status InsertCoding(int64_t id, const Document& doc) {
    for (size_t i = 0; i < doc.actors.size(); ++i) {
      const ActorMention& a = doc.actors[i];
      Stmt& s = insert_actor;
      s.Bind(1, id).Bind(2, static_cast<int64_t>(i)).Bind(3, int64_t{a.sentence});
      s.Bind(4, int64_t{a.first_token}).Bind(5, int64_t{a.end_token});
      s.Bind(6, int64_t{a.span.begin}).Bind(7, int64_t{a.span.end});
      s.Bind(8, a.code).Bind(9, a.how).Bind(10, a.entry).BindOrNull(11, a.coref_of);
      s.Bind(12, a.gender ? std::string_view(&a.gender, 1) : std::string_view());
      s.Bind(13, int64_t{a.plural});
      DYAD_RETURN_IF_ERROR(s.Run());
    }
    for (const Event& e : doc.events) {
      Stmt& s = insert_event;
      s.Bind(1, id).Bind(2, int64_t{e.sentence}).BindOrNull(3, DayOrNull(e.date));
      s.Bind(4, e.date_text).Bind(5, e.source).Bind(6, e.target).Bind(7, e.code).Bind(8, e.root);
      s.Bind(9, int64_t{e.quad_class}).Bind(10, e.goldstein).Bind(11, e.plover);
      s.Bind(12, Issues(e.issues));
      int col = 13;
      for (Span sp : {e.source_span, e.target_span, e.trigger_span}) {
        if (sp.empty()) {
          s.BindNull(col).BindNull(col + 1);
        } else {
          s.Bind(col, int64_t{sp.begin}).Bind(col + 1, int64_t{sp.end});
        }
        col += 2;
      }
      s.BindOrNull(19, e.source_actor).BindOrNull(20, e.target_actor).Bind(21, e.rule);
      BindPlaceTone(s, 22, e);
      DYAD_RETURN_IF_ERROR(s.Run());
    }
    for (size_t i = 0; i < doc.places.size(); ++i) {
      const PlaceMention& m = doc.places[i];
      const GeoPlace& g = m.place;
      Stmt& s = insert_place;
      s.Bind(1, id).Bind(2, static_cast<int64_t>(i)).Bind(3, int64_t{m.sentence});
      s.Bind(4, int64_t{m.first_token}).Bind(5, int64_t{m.end_token});
      s.Bind(6, int64_t{m.span.begin}).Bind(7, int64_t{m.span.end}).Bind(8, int64_t{m.entry});
      s.Bind(9, int64_t{g.geo_type}).Bind(10, g.name).Bind(11, g.country_iso2);
      s.Bind(12, g.country_fips).Bind(13, g.adm1);
      BindRealOrNull(s, 14, g.lat);
      BindRealOrNull(s, 15, g.lon);
      s.Bind(16, g.feature_id).Bind(17, g.how);
      DYAD_RETURN_IF_ERROR(s.Run());
    }
    Stmt& t = update_tone;
    t.Bind(1, doc.tone.tone).Bind(2, doc.tone.positive).Bind(3, doc.tone.negative);
    t.Bind(4, int64_t{doc.tone.words}).Bind(5, id);
    DYAD_RETURN_IF_ERROR(t.Run());
    return Status::Ok();
  }

  static void BindRealOrNull(Stmt& s, int col, double v) {
    if (std::isfinite(v))
      s.Bind(col, v);
    else
      s.BindNull(col);
  }

  // Binds an event's places and tone (PlaceToneColumns) from parameter `col` on.
  static void BindPlaceTone(Stmt& s, int col, const Event& e) {
    for (int i = 0; i < 3; ++i, col += kPlaceFieldCount) {
      const GeoPlace& g = EventPlace(e, i);
      s.Bind(col, int64_t{g.geo_type}).Bind(col + 1, g.name).Bind(col + 2, g.country_iso2);
      s.Bind(col + 3, g.country_fips).Bind(col + 4, g.adm1);
      BindRealOrNull(s, col + 5, g.lat);
      BindRealOrNull(s, col + 6, g.lon);
      s.Bind(col + 7, g.feature_id).Bind(col + 8, g.how);
      if (g.evidence.empty())
        s.BindNull(col + 9).BindNull(col + 10);
      else
        s.Bind(col + 9, int64_t{g.evidence.begin}).Bind(col + 10, int64_t{g.evidence.end});
    }
    s.Bind(col, e.tone.tone).Bind(col + 1, e.tone.positive).Bind(col + 2, e.tone.negative);
    s.Bind(col + 3, int64_t{e.tone.words});
  }

  // The stored document's text, cached for the rows of one document in a row.
  StatusOr<std::string_view> Text(int64_t doc) {
    if (doc != cached_text_doc) {
      if (!doc_text.ok())
        DYAD_RETURN_IF_ERROR(Prepare(doc_text, "SELECT text FROM documents WHERE id = ?"));
      doc_text.Bind(1, doc);
      cached_text = doc_text.Step() ? doc_text.Str(0) : "";
      Status st = doc_text.status();
      doc_text.Reset();
      DYAD_RETURN_IF_ERROR(st);
      cached_text_doc = doc;
    }
    return std::string_view(cached_text);
  }

  // Fills `r` from a row of kEventColumns.
  Status FillEvent(const Stmt& s, EventRecord& r) {
    DYAD_ASSIGN_OR_RETURN(std::string_view text, Text(s.Int(27)));
    store_internal::FillEvent(s, text, r);
    return Status::Ok();
  }

  // With a full-text query, an SQL error (not corruption or I/O) is an FTS5 syntax error in
  // the user's query ("unterminated string"), not an internal failure.
  bool query_has_text = false;
  Status UserError(const Status& st) const {
    if (query_has_text && st.code() == StatusCode::kInternal)
      return InvalidArgumentError("--text: full-text query: " + st.message());
    return st;
  }

  StatusOr<Stmt> Query(const store_internal::Sql& q) {
    query_has_text = q.has_text;
    Stmt s(db, q.text);
    if (!s.ok()) return UserError(s.status());
    for (size_t i = 0; i < q.binds.size(); ++i) {
      const auto& b = q.binds[i];
      int col = static_cast<int>(i) + 1;
      if (const int64_t* v = std::get_if<int64_t>(&b))
        s.Bind(col, *v);
      else if (const double* d = std::get_if<double>(&b))
        s.Bind(col, *d);
      else
        s.Bind(col, std::get<std::string>(b));
    }
    return s;
  }
};

SqliteEventStore::SqliteEventStore(std::string path, int schema_version, std::unique_ptr<Impl> impl)
    : EventStore(std::move(path), schema_version), impl_(std::move(impl)) {}
SqliteEventStore::~SqliteEventStore() = default;

StatusOr<std::unique_ptr<EventStore>> SqliteEventStore::Open(const std::string& path,
                                                             const StoreOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->path = path;
  int flags = SQLITE_OPEN_NOMUTEX;
  if (options.read_only)
    flags |= SQLITE_OPEN_READONLY;
  else
    flags |= SQLITE_OPEN_READWRITE | (options.create ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(path.c_str(), &impl->db, flags, nullptr) != SQLITE_OK) {
    Status st = store_internal::SqliteError(impl->db, path);
    return NotFoundError(st.message());
  }
  sqlite3* db = impl->db;
  sqlite3_busy_timeout(db, 10000);
  std::string pragmas = fmt::format(
      "PRAGMA foreign_keys = ON; PRAGMA cache_size = -{}; PRAGMA temp_store = MEMORY; "
      "PRAGMA mmap_size = 268435456;",
      options.cache_mib * 1024);
  if (Status st = store_internal::Exec(db, pragmas); !st.ok())
    return Status(st.code(), path + ": " + st.message());
  if (!options.read_only) {
    // WAL: readers never block the writer; synchronous=NORMAL is durable against a killed
    // process (a committed transaction is in the WAL before COMMIT returns).
    if (Status st =
            store_internal::Exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL");
        !st.ok())
      return DataError(path + ": " + st.message());
    DYAD_RETURN_IF_ERROR(store_internal::Migrate(db, path.c_str()));
  }
  StatusOr<int> version = store_internal::SchemaVersion(db);
  if (!version.ok()) return DataError(path + ": " + version.status().message());
  if (*version != kStoreSchemaVersion)
    return FailedPreconditionError(fmt::format(
        "{}: store schema version {}, this dyad reads {}{}", path, *version, kStoreSchemaVersion,
        *version < kStoreSchemaVersion ? " (open it once writable, e.g. dyad ingest, to migrate)"
                                       : ""));
  if (!options.read_only) DYAD_RETURN_IF_ERROR(impl->PrepareWrites());
  DYAD_RETURN_IF_ERROR(
      impl->Prepare(impl->find_doc, "SELECT id, hash FROM documents WHERE doc_id = ?"));
  return std::unique_ptr<EventStore>(new SqliteEventStore(path, *version, std::move(impl)));
}

Status SqliteEventStore::Begin() { return store_internal::Exec(impl_->db, "BEGIN IMMEDIATE"); }
Status SqliteEventStore::Commit() { return store_internal::Exec(impl_->db, "COMMIT"); }
Status SqliteEventStore::Rollback() { return store_internal::Exec(impl_->db, "ROLLBACK"); }

StatusOr<bool> SqliteEventStore::IsStored(std::string_view doc_id, std::string_view hash) {
  Stmt& s = impl_->find_doc;
  s.Bind(1, doc_id);
  bool same = s.Step() && s.Text(1) == hash;
  Status st = s.status();
  s.Reset();
  DYAD_RETURN_IF_ERROR(st);
  return same;
}

StatusOr<PutResult> SqliteEventStore::Put(const Document& doc, std::string_view hash) {
  if (impl_->options.read_only) return FailedPreconditionError(path() + ": opened read-only");
  // A document goes in whole or not at all, even inside a larger transaction.
  DYAD_RETURN_IF_ERROR(store_internal::Exec(impl_->db, "SAVEPOINT put"));
  StatusOr<PutResult> r = PutRows(doc, hash);
  DYAD_RETURN_IF_ERROR(
      store_internal::Exec(impl_->db, r.ok() ? "RELEASE put" : "ROLLBACK TO put; RELEASE put"));
  if (!r.ok())
    return Status(r.status().code(), fmt::format("{}: document \"{}\": {}", path(), doc.meta.id,
                                                 r.status().message()));
  return r;
}

StatusOr<PutResult> SqliteEventStore::PutRows(const Document& doc, std::string_view hash) {
  Stmt& f = impl_->find_doc;
  f.Bind(1, doc.meta.id);
  int64_t old_id = -1;
  bool same = false;
  if (f.Step()) {
    old_id = f.Int(0);
    same = f.Text(1) == hash;
  }
  Status st = f.status();
  f.Reset();
  DYAD_RETURN_IF_ERROR(st);
  if (same) return PutResult::kUnchanged;
  if (old_id >= 0) DYAD_RETURN_IF_ERROR(impl_->delete_doc.Bind(1, old_id).Run());
  impl_->cached_text_doc = -1;

  const DocumentMeta& m = doc.meta;
  Stmt& d = impl_->insert_doc;
  d.Bind(1, m.id).Bind(2, hash).BindOrNull(3, DayOrNull(m.date));
  d.Bind(4, static_cast<int64_t>(m.date_source)).Bind(5, m.source).Bind(6, m.url).Bind(7, m.title);
  d.Bind(8, m.dateline).Bind(9, m.dateline_place).Bind(10, m.origin).Bind(11, ExtraJson(m));
  d.Bind(12, int64_t{doc.body_begin}).Bind(13, doc.text).Bind(14, NowUtc());
  DYAD_RETURN_IF_ERROR(d.Run());
  int64_t id = sqlite3_last_insert_rowid(impl_->db);

  for (size_t i = 0; i < doc.sentences.size(); ++i) {
    const Sentence& s = doc.sentences[i];
    Stmt& q = impl_->insert_sentence;
    q.Bind(1, id).Bind(2, static_cast<int64_t>(i)).Bind(3, int64_t{s.span.begin});
    q.Bind(4, int64_t{s.span.end}).Bind(5, int64_t{s.first_token}).Bind(6, int64_t{s.end_token});
    q.Bind(7, int64_t{s.paragraph});
    DYAD_RETURN_IF_ERROR(q.Run());
  }
  Stmt& p = impl_->insert_parse;
  p.Bind(1, id).BindBlob(2, store_internal::EncodeTokens(doc.tokens));
  p.BindBlob(3, store_internal::EncodeWords(doc.words, doc.tokens, doc.text));
  p.BindBlob(4, store_internal::EncodeEntities(doc.entities));
  DYAD_RETURN_IF_ERROR(p.Run());
  DYAD_RETURN_IF_ERROR(impl_->InsertCoding(id, doc));
  return old_id >= 0 ? PutResult::kReplaced : PutResult::kInserted;
}

StatusOr<CodingChange> SqliteEventStore::ReplaceCoding(const Document& doc) {
  if (impl_->options.read_only) return FailedPreconditionError(path() + ": opened read-only");
  DYAD_RETURN_IF_ERROR(store_internal::Exec(impl_->db, "SAVEPOINT recode"));
  StatusOr<CodingChange> r = ReplaceCodingRows(doc);
  DYAD_RETURN_IF_ERROR(store_internal::Exec(
      impl_->db, r.ok() ? "RELEASE recode" : "ROLLBACK TO recode; RELEASE recode"));
  return r;
}

StatusOr<CodingChange> SqliteEventStore::ReplaceCodingRows(const Document& doc) {
  Stmt& f = impl_->find_doc;
  f.Bind(1, doc.meta.id);
  int64_t id = f.Step() ? f.Int(0) : -1;
  Status st = f.status();
  f.Reset();
  DYAD_RETURN_IF_ERROR(st);
  if (id < 0) return NotFoundError(path() + ": no stored document \"" + doc.meta.id + "\"");

  if (!impl_->old_events.ok()) {
    DYAD_RETURN_IF_ERROR(impl_->Prepare(impl_->old_events, OldEventsSql()));
    DYAD_RETURN_IF_ERROR(impl_->Prepare(impl_->old_actors, kOldActorsSql));
    DYAD_RETURN_IF_ERROR(impl_->Prepare(impl_->old_places, kOldPlacesSql));
    DYAD_RETURN_IF_ERROR(impl_->Prepare(impl_->old_tone, kOldToneSql));
  }
  // Events compared as a multiset of (sentence, source, target, code) for the report; the
  // whole coding (every column of every actor and event) decides whether rows are rewritten.
  CodingDiff diff;
  Stmt& o = impl_->old_events;
  o.Bind(1, id);
  while (o.Step()) diff.AddStoredEvent(o);
  st = o.status();
  o.Reset();
  DYAD_RETURN_IF_ERROR(st);
  Stmt& a = impl_->old_actors;
  a.Bind(1, id);
  while (a.Step()) diff.AddStoredActor(a);
  st = a.status();
  a.Reset();
  DYAD_RETURN_IF_ERROR(st);
  Stmt& pl = impl_->old_places;
  pl.Bind(1, id);
  while (pl.Step()) diff.AddStoredPlace(pl);
  st = pl.status();
  pl.Reset();
  DYAD_RETURN_IF_ERROR(st);
  Stmt& t = impl_->old_tone;
  t.Bind(1, id);
  if (t.Step()) diff.AddStoredTone(t);
  st = t.status();
  t.Reset();
  DYAD_RETURN_IF_ERROR(st);
  if (!diff.Compare(doc)) return diff.change();
  DYAD_RETURN_IF_ERROR(impl_->delete_actors.Bind(1, id).Run());
  DYAD_RETURN_IF_ERROR(impl_->delete_events.Bind(1, id).Run());
  DYAD_RETURN_IF_ERROR(impl_->delete_places.Bind(1, id).Run());
  DYAD_RETURN_IF_ERROR(impl_->InsertCoding(id, doc));
  return diff.change();
}

Status SqliteEventStore::PutGkg(std::string_view doc_id, const GkgRecord& gkg) {
  if (impl_->options.read_only) return FailedPreconditionError(path() + ": opened read-only");
  Stmt& f = impl_->find_doc;
  f.Bind(1, doc_id);
  int64_t id = f.Step() ? f.Int(0) : -1;
  Status st = f.status();
  f.Reset();
  DYAD_RETURN_IF_ERROR(st);
  if (id < 0) return NotFoundError(fmt::format("{}: no stored document \"{}\"", path(), doc_id));
  store_internal::GkgColumns c = store_internal::EncodeGkg(gkg);
  if (!impl_->put_gkg.ok())
    DYAD_RETURN_IF_ERROR(impl_->Prepare(impl_->put_gkg, store_internal::kPutGkgSql));
  Stmt& s = impl_->put_gkg;
  s.Bind(1, id).Bind(2, c.persons).Bind(3, c.organizations).Bind(4, c.locations);
  s.Bind(5, c.counts).Bind(6, c.themes);
  return s.Run();
}

StatusOr<RecordPage<StoredGkg>> SqliteEventStore::Gkg(const EventFilter& filter, const Page& page) {
  std::vector<int64_t> params;
  Stmt s(impl_->db, store_internal::GkgSql(filter, page, params));
  if (!s.ok()) return s.status();
  for (size_t i = 0; i < params.size(); ++i) s.Bind(static_cast<int>(i + 1), params[i]);
  RecordPage<StoredGkg> out;
  while (s.Step()) {
    DYAD_ASSIGN_OR_RETURN(StoredGkg g, store_internal::ReadGkgRow(s));
    out.records.push_back(std::move(g));
    out.next_after_id = s.Int(0);
  }
  DYAD_RETURN_IF_ERROR(s.status());
  return out;
}

StatusOr<std::string> SqliteEventStore::GetSetting(std::string_view key) {
  Stmt s(impl_->db, "SELECT value FROM settings WHERE key = ?");
  if (!s.ok()) return s.status();
  s.Bind(1, key);
  std::string value = s.Step() ? s.Str(0) : "";
  DYAD_RETURN_IF_ERROR(s.status());
  return value;
}

Status SqliteEventStore::SetSetting(std::string_view key, std::string_view value) {
  if (impl_->options.read_only) return FailedPreconditionError(path() + ": opened read-only");
  Stmt s(impl_->db,
         "INSERT INTO settings(key, value) VALUES (?, ?) "
         "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  if (!s.ok()) return s.status();
  return s.Bind(1, key).Bind(2, value).Run();
}

Status SqliteEventStore::Analyze() {
  DYAD_RETURN_IF_ERROR(store_internal::Exec(impl_->db, "PRAGMA analysis_limit = 1000; ANALYZE"));
  return store_internal::Exec(impl_->db, kNoSkipScanSql);
}

StatusOr<EventStore::Counts> SqliteEventStore::Count() {
  Stmt s(impl_->db,
         "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM sentences), "
         "(SELECT count(*) FROM actors), (SELECT count(*) FROM events)");
  if (!s.ok()) return s.status();
  Counts c;
  if (s.Step()) c = {s.Int(0), s.Int(1), s.Int(2), s.Int(3)};
  DYAD_RETURN_IF_ERROR(s.status());
  return c;
}

namespace {

// Reads stored documents back, with their own read-only connection (one snapshot).
class StoredDocumentReader final : public Reader {
 public:
  static StatusOr<std::unique_ptr<Reader>> Open(const std::string& path) {
    auto r = std::unique_ptr<StoredDocumentReader>(new StoredDocumentReader(path));
    if (sqlite3_open_v2(path.c_str(), &r->db_, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK)
      return store_internal::SqliteError(r->db_, path);
    sqlite3_busy_timeout(r->db_, 10000);
    DYAD_RETURN_IF_ERROR(store_internal::Exec(r->db_, "BEGIN"));
    r->docs_ = Stmt(r->db_, kStoredDocumentsSql);
    if (!r->docs_.ok()) return r->docs_.status();
    r->sentences_ = Stmt(r->db_, kStoredSentencesSql);
    if (!r->sentences_.ok()) return r->sentences_.status();
    return std::unique_ptr<Reader>(std::move(r));
  }
  ~StoredDocumentReader() override {
    docs_ = Stmt();
    sentences_ = Stmt();
    sqlite3_close_v2(db_);
  }

  std::optional<ReadRecord> Next() override {
    if (done_) return std::nullopt;
    if (!docs_.Step()) {
      done_ = true;
      if (docs_.status().ok()) return std::nullopt;
      ReadRecord rec;
      rec.status = Status(docs_.status().code(), path_ + ": " + docs_.status().message());
      return rec;
    }
    ReadRecord rec;
    rec.status = Fill(rec.doc);
    return rec;
  }

 private:
  explicit StoredDocumentReader(std::string path) : path_(std::move(path)) {}

  Status Fill(Document& doc) {
    const Stmt& s = docs_;
    int64_t id = s.Int(0);
    DYAD_RETURN_IF_ERROR(FillStoredDocument(s, path_, doc));
    sentences_.Bind(1, id);
    while (sentences_.Step()) doc.sentences.push_back(SentenceFrom(sentences_));
    Status st = sentences_.status();
    sentences_.Reset();
    DYAD_RETURN_IF_ERROR(st);
    return CheckStoredDocument(path_, doc);
  }

  std::string path_;
  sqlite3* db_ = nullptr;
  Stmt docs_, sentences_;
  bool done_ = false;
};

}  // namespace

StatusOr<std::unique_ptr<Reader>> SqliteEventStore::ReadDocuments() const {
  return StoredDocumentReader::Open(path());
}

// --- queries -------------------------------------------------------------------------------

StatusOr<RecordPage<EventRecord>> SqliteEventStore::Events(const EventFilter& filter,
                                                           const Page& page) {
  store_internal::Sql q = store_internal::EventsSql(filter, EventColumns().c_str(), page);
  DYAD_ASSIGN_OR_RETURN(Stmt s, impl_->Query(q));
  RecordPage<EventRecord> result;
  std::vector<EventRecord>& out = result.records;
  while (s.Step()) {
    EventRecord& r = out.emplace_back();
    DYAD_RETURN_IF_ERROR(impl_->FillEvent(s, r));
    result.next_after_id = r.event_id;
    FinishEvent(s, filter, page, r);
  }
  DYAD_RETURN_IF_ERROR(impl_->UserError(s.status()));
  return result;
}

StatusOr<EventRecord> SqliteEventStore::EventById(int64_t id) {
  store_internal::Sql q = store_internal::EventByIdSql(id, EventColumns().c_str());
  DYAD_ASSIGN_OR_RETURN(Stmt s, impl_->Query(q));
  if (!s.Step()) {
    DYAD_RETURN_IF_ERROR(impl_->UserError(s.status()));
    return NotFoundError(fmt::format("{}: no event {}", path(), id));
  }
  EventRecord r;
  DYAD_RETURN_IF_ERROR(impl_->FillEvent(s, r));
  return r;
}

StatusOr<RecordPage<MentionRecord>> SqliteEventStore::Mentions(const EventFilter& filter,
                                                               const Page& page) {
  store_internal::Sql q = store_internal::MentionsSql(filter, page);
  DYAD_ASSIGN_OR_RETURN(Stmt s, impl_->Query(q));
  RecordPage<MentionRecord> result;
  std::vector<MentionRecord>& out = result.records;
  while (s.Step()) {
    MentionRecord& m = out.emplace_back();
    result.next_after_id = s.Int(0);
    FillMention(s, page, m);
  }
  DYAD_RETURN_IF_ERROR(impl_->UserError(s.status()));
  return result;
}

StatusOr<std::vector<SeriesPoint>> SqliteEventStore::Series(const EventFilter& filter,
                                                            Bucket bucket) {
  DYAD_ASSIGN_OR_RETURN(Stmt s, impl_->Query(store_internal::DaySeriesSql(filter)));
  // SQLite groups by the integer day (index order); weeks and months are folded here.
  std::vector<SeriesPoint> out;
  while (s.Step()) AddSeriesDay(s, bucket, out);
  DYAD_RETURN_IF_ERROR(impl_->UserError(s.status()));
  return out;
}

StatusOr<std::vector<GroupCount>> SqliteEventStore::CountBy(const EventFilter& filter, GroupBy by,
                                                            int top) {
  DYAD_ASSIGN_OR_RETURN(Stmt s, impl_->Query(store_internal::CountBySql(filter, by, top)));
  std::vector<GroupCount> out;
  while (s.Step()) out.push_back({s.Str(0), s.Int(1), s.Real(2)});
  DYAD_RETURN_IF_ERROR(impl_->UserError(s.status()));
  return out;
}

StatusOr<std::string> SqliteEventStore::Dump() {
  // Documents are named by doc_id, never by rowid, so the order rows were written in does not
  // show; long values and blobs appear as their XXH3 hash.
  std::vector<std::string> tables = DumpTables();
  tables.push_back(
      "SELECT 'fts', d.doc_id FROM documents_fts f JOIN documents d ON d.id = f.rowid "
      "WHERE documents_fts MATCH 'the'");
  std::vector<std::string> lines;
  for (const std::string& sql : tables) {
    Stmt s(impl_->db, sql);
    if (!s.ok()) return s.status();
    while (s.Step()) {
      std::string line;
      for (int c = 0; c < s.Columns(); ++c) {
        if (c) line += '\t';
        line += DumpCell(s, c);
      }
      lines.push_back(std::move(line));
    }
    DYAD_RETURN_IF_ERROR(s.status());
  }
  return JoinDump(std::move(lines));
}

}  // namespace dyad
