#include "dyad/store/event_store.h"

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

namespace dyad {

using store_internal::Stmt;

StatusOr<Dedup> ParseDedup(std::string_view name) {
  if (name == "none") return Dedup::kNone;
  if (name == "story") return Dedup::kStory;
  if (name == "day") return Dedup::kDay;
  return InvalidArgumentError("dedup \"" + std::string(name) + "\": expected none, story or day");
}

StatusOr<Bucket> ParseBucket(std::string_view name) {
  if (name == "day") return Bucket::kDay;
  if (name == "week") return Bucket::kWeek;
  if (name == "month") return Bucket::kMonth;
  return InvalidArgumentError("bucket \"" + std::string(name) + "\": expected day, week or month");
}

StatusOr<GroupBy> ParseGroupBy(std::string_view name) {
  if (name == "dyad") return GroupBy::kDyad;
  if (name == "country") return GroupBy::kCountry;
  if (name == "source") return GroupBy::kSource;
  if (name == "target") return GroupBy::kTarget;
  return InvalidArgumentError("group \"" + std::string(name) +
                              "\": expected dyad, country, source or target");
}

std::string DocumentHash(const Document& doc) {
  XXH3_state_t* st = XXH3_createState();
  XXH3_128bits_reset(st);
  // Each field with its length, so ("ab", "c") and ("a", "bc") differ.
  auto add = [&](std::string_view s) {
    uint64_t n = s.size();
    XXH3_128bits_update(st, &n, sizeof n);
    XXH3_128bits_update(st, s.data(), s.size());
  };
  add(doc.text);
  add(doc.meta.id);
  add(doc.meta.date.empty() ? "" : doc.meta.date.ToString());
  add(doc.meta.source);
  add(doc.meta.url);
  add(doc.meta.title);
  for (const auto& [k, v] : doc.meta.extra) {
    add(k);
    add(v);
  }
  XXH128_hash_t h = XXH3_128bits_digest(st);
  XXH3_freeState(st);
  return fmt::format("{:016x}{:016x}", h.high64, h.low64);
}

namespace {

std::string NowUtc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y%m%d%H%M%S", &tm);
  return buf;
}

int64_t DayOrNull(const Date& d) { return d.empty() ? -1 : d.ToDays(); }

// GDELT's DATEADDED for a stored event: its day at 000000 (the store keeps days, not times).
std::string DateAdded(const Date& d) {
  return d.empty() ? "" : fmt::format("{:04}{:02}{:02}000000", d.year, d.month, d.day);
}

std::string ExtraJson(const DocumentMeta& m) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& [k, v] : m.extra) j.push_back({k, v});
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string Issues(const std::vector<std::string>& issues) {
  std::string s;
  for (const std::string& i : issues) s += (s.empty() ? "" : ";") + i;
  return s;
}

std::vector<std::string> SplitIssues(std::string_view s) {
  std::vector<std::string> out;
  size_t b = 0;
  while (b < s.size()) {
    size_t e = s.find(';', b);
    if (e == std::string_view::npos) e = s.size();
    if (e > b) out.emplace_back(s.substr(b, e - b));
    b = e + 1;
  }
  return out;
}

// Reads `span` of `text`, or "" when it does not fit (a damaged row must not crash a query).
std::string SpanOf(std::string_view text, int64_t begin, int64_t end) {
  if (begin < 0 || end < begin || static_cast<uint64_t>(end) > text.size()) return "";
  return std::string(text.substr(begin, end - begin));
}

Span SpanFrom(const Stmt& s, int b, int e) {
  if (s.IsNull(b) || s.IsNull(e)) return {};
  return {static_cast<ByteOffset>(s.Int(b)), static_cast<ByteOffset>(s.Int(e))};
}

// dyad_places' event columns (schema v4), in the order InsertCoding binds them, FillEvent and
// the recode comparison read them: per place (action, source, target) geo_type, name, iso2,
// fips, adm1, lat, lon, feature_id, how, evidence begin and end; then the sentence's tone.
constexpr const char* kPlacePrefixes[] = {"action_place", "source_place", "target_place"};
constexpr const char* kPlaceFields[] = {"geo_type", "name",       "iso2", "fips",  "adm1", "lat",
                                        "lon",      "feature_id", "how",  "begin", "end"};
constexpr int kPlaceFieldCount = 11;
constexpr int kPlaceToneColumnCount = 3 * kPlaceFieldCount + 4;

// "e.action_place_geo_type, …, e.tone_words" (with `alias` "e.") or the bare names.
std::string PlaceToneColumns(const char* alias) {
  std::string cols;
  for (const char* p : kPlacePrefixes)
    for (const char* f : kPlaceFields) cols += fmt::format("{}{}_{}, ", alias, p, f);
  cols += fmt::format("{0}tone, {0}tone_positive, {0}tone_negative, {0}tone_words", alias);
  return cols;
}

const GeoPlace& EventPlace(const Event& e, int i) {
  return i == 0 ? e.place : i == 1 ? e.source_place : e.target_place;
}

// Binds an event's places and tone from parameter `col` on.
void BindPlaceTone(Stmt& s, int col, const Event& e) {
  for (int i = 0; i < 3; ++i) {
    const GeoPlace& g = EventPlace(e, i);
    s.Bind(col, int64_t{g.geo_type}).Bind(col + 1, g.name).Bind(col + 2, g.country_iso2);
    s.Bind(col + 3, g.country_fips).Bind(col + 4, g.adm1);
    if (std::isfinite(g.lat))
      s.Bind(col + 5, g.lat);
    else
      s.BindNull(col + 5);
    if (std::isfinite(g.lon))
      s.Bind(col + 6, g.lon);
    else
      s.BindNull(col + 6);
    s.Bind(col + 7, g.feature_id).Bind(col + 8, g.how);
    if (g.evidence.empty()) {
      s.BindNull(col + 9).BindNull(col + 10);
    } else {
      s.Bind(col + 9, int64_t{g.evidence.begin}).Bind(col + 10, int64_t{g.evidence.end});
    }
    col += kPlaceFieldCount;
  }
  s.Bind(col, e.tone.tone).Bind(col + 1, e.tone.positive).Bind(col + 2, e.tone.negative);
  s.Bind(col + 3, int64_t{e.tone.words});
}

// Reads what BindPlaceTone wrote, from column `col` of a row.
void ReadPlaceTone(const Stmt& s, int col, std::string_view text, EventRecord& r) {
  for (PlaceRecord* p : {&r.action_place, &r.source_place, &r.target_place}) {
    p->geo_type = static_cast<int>(s.Int(col));
    p->name = s.Str(col + 1);
    p->country_iso2 = s.Str(col + 2);
    p->country_fips = s.Str(col + 3);
    p->adm1 = s.Str(col + 4);
    p->lat = s.IsNull(col + 5) ? NAN : s.Real(col + 5);
    p->lon = s.IsNull(col + 6) ? NAN : s.Real(col + 6);
    p->feature_id = s.Str(col + 7);
    p->how = s.Str(col + 8);
    if (!s.IsNull(col + 9)) {
      p->evidence = {static_cast<ByteOffset>(s.Int(col + 9)),
                     static_cast<ByteOffset>(s.Int(col + 10))};
      p->evidence_text = SpanOf(text, p->evidence.begin, p->evidence.end);
    }
    col += kPlaceFieldCount;
  }
  r.event_tone.tone = s.Real(col);
  r.event_tone.positive = s.Real(col + 1);
  r.event_tone.negative = s.Real(col + 2);
  r.event_tone.words = static_cast<uint32_t>(s.Int(col + 3));
}

// The recode comparison's text for a place and tone, the same from an Event and from a row.
std::string PlaceToneKey(const Event& e) {
  std::string k;
  auto real = [](double v) { return std::isfinite(v) ? fmt::format("{}", v) : std::string("-"); };
  for (int i = 0; i < 3; ++i) {
    const GeoPlace& g = EventPlace(e, i);
    k += fmt::format("|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}", g.geo_type, g.name, g.country_iso2,
                     g.country_fips, g.adm1, real(g.lat), real(g.lon), g.feature_id, g.how,
                     g.evidence.empty() ? int64_t{-1} : int64_t{g.evidence.begin},
                     g.evidence.empty() ? int64_t{-1} : int64_t{g.evidence.end});
  }
  k += fmt::format("|{}|{}|{}|{}", e.tone.tone, e.tone.positive, e.tone.negative, e.tone.words);
  return k;
}
std::string PlaceToneKey(const Stmt& s, int col) {
  std::string k;
  auto real = [&s](int c) { return s.IsNull(c) ? std::string("-") : fmt::format("{}", s.Real(c)); };
  auto n = [&s](int c) { return s.IsNull(c) ? int64_t{-1} : s.Int(c); };
  for (int i = 0; i < 3; ++i, col += kPlaceFieldCount)
    k += fmt::format("|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}", s.Int(col), s.Text(col + 1),
                     s.Text(col + 2), s.Text(col + 3), s.Text(col + 4), real(col + 5),
                     real(col + 6), s.Text(col + 7), s.Text(col + 8), n(col + 9), n(col + 10));
  k += fmt::format("|{}|{}|{}|{}", s.Real(col), s.Real(col + 1), s.Real(col + 2), s.Int(col + 3));
  return k;
}

Date DateFrom(const Stmt& s, int col) {
  return s.IsNull(col) ? Date{} : Date::FromDays(static_cast<int32_t>(s.Int(col)));
}

// One value of a dump line: null, a number, a JSON string, or the hash of a blob or long text.
std::string DumpCell(const Stmt& s, int col) {
  switch (s.Type(col)) {
    case SQLITE_NULL:
      return "null";
    case SQLITE_INTEGER:
      return std::to_string(s.Int(col));
    case SQLITE_FLOAT:
      return fmt::format("{}", s.Real(col));
    default: {
      std::string_view v = s.Text(col);
      if (s.Type(col) == SQLITE_BLOB || v.size() > 200)
        return fmt::format("xxh3:{:016x}/{}", XXH3_64bits(v.data(), v.size()), v.size());
      std::string out;
      AppendJsonString(out, v);
      return out;
    }
  }
}

}  // namespace

struct EventStore::Impl {
  sqlite3* db = nullptr;
  StoreOptions options;
  std::string path;
  Stmt find_doc, delete_doc, insert_doc, insert_sentence, insert_parse, insert_actor, insert_event;
  Stmt delete_actors, delete_events, old_events, old_actors, doc_text;
  Stmt insert_place, delete_places, update_tone, old_places, old_tone;
  int64_t cached_text_doc = -1;
  std::string cached_text;

  ~Impl() {
    // Statements first: a connection with live statements does not close.
    for (Stmt* s :
         {&find_doc, &delete_doc, &insert_doc, &insert_sentence, &insert_parse, &insert_actor,
          &insert_event, &delete_actors, &delete_events, &old_events, &old_actors, &doc_text})
      *s = Stmt();
    if (db) {
      if (!options.read_only) sqlite3_exec(db, "PRAGMA optimize", nullptr, nullptr, nullptr);
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
    DYAD_RETURN_IF_ERROR(Prepare(
        insert_event,
        "INSERT INTO events(doc, sentence, day, date_text, source, target, code, root, "
        "quad_class, goldstein, plover, issues, source_begin, source_end, target_begin, "
        "target_end, trigger_begin, trigger_end, source_actor, target_actor, rule, " +
            PlaceToneColumns("") + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?" +
            [] {
              std::string q;
              for (int i = 0; i < kPlaceToneColumnCount; ++i) q += ",?";
              return q;
            }() +
            ")"));
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
      if (std::isfinite(g.lat))
        s.Bind(14, g.lat);
      else
        s.BindNull(14);
      if (std::isfinite(g.lon))
        s.Bind(15, g.lon);
      else
        s.BindNull(15);
      s.Bind(16, g.feature_id).Bind(17, g.how);
      DYAD_RETURN_IF_ERROR(s.Run());
    }
    Stmt& t = update_tone;
    t.Bind(1, doc.tone.tone).Bind(2, doc.tone.positive).Bind(3, doc.tone.negative);
    t.Bind(4, int64_t{doc.tone.words}).Bind(5, id);
    DYAD_RETURN_IF_ERROR(t.Run());
    return Status::Ok();
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
    r.event_id = s.Int(0);
    r.sentence = static_cast<uint32_t>(s.Int(1)) + 1;
    r.date = DateFrom(s, 2);
    r.date_text = s.Str(3);
    r.source = s.Str(4);
    r.target = s.Str(5);
    r.code = s.Str(6);
    r.root = s.Str(7);
    r.quad_class = static_cast<int>(s.Int(8));
    r.goldstein = s.Real(9);
    r.plover = s.Str(10);
    r.issues = SplitIssues(s.Text(11));
    r.source_span = SpanFrom(s, 12, 13);
    r.target_span = SpanFrom(s, 14, 15);
    r.trigger_span = SpanFrom(s, 16, 17);
    r.rule = s.Str(18);
    r.doc_id = s.Str(19);
    r.published = DateFrom(s, 20);
    r.publisher = s.Str(21);
    r.url = s.Str(22);
    r.title = s.Str(23);
    // As dyad_export's EventRecordsFromDocument: the lead paragraph, and the first sentence.
    r.is_root_event = (!s.IsNull(24) && s.Int(24) == 0) || s.Int(1) == 0;
    r.date_added = DateAdded(r.published.empty() ? r.date : r.published);
    DYAD_ASSIGN_OR_RETURN(std::string_view text, Text(s.Int(27)));
    if (!s.IsNull(25)) r.sentence_text = SpanOf(text, s.Int(25), s.Int(26));
    r.source_name = SpanOf(text, r.source_span.begin, r.source_span.end);
    r.target_name = SpanOf(text, r.target_span.begin, r.target_span.end);
    r.trigger_text = SpanOf(text, r.trigger_span.begin, r.trigger_span.end);
    r.tone = s.Real(29);
    ReadPlaceTone(s, 30, text, r);
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

EventStore::EventStore(std::string path, std::unique_ptr<Impl> impl)
    : path_(std::move(path)), impl_(std::move(impl)) {}
EventStore::~EventStore() = default;

StatusOr<std::unique_ptr<EventStore>> EventStore::Open(const std::string& path,
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
  auto store = std::unique_ptr<EventStore>(new EventStore(path, std::move(impl)));
  store->schema_version_ = *version;
  return store;
}

Status EventStore::Begin() { return store_internal::Exec(impl_->db, "BEGIN IMMEDIATE"); }
Status EventStore::Commit() { return store_internal::Exec(impl_->db, "COMMIT"); }
Status EventStore::Rollback() { return store_internal::Exec(impl_->db, "ROLLBACK"); }

StatusOr<bool> EventStore::IsStored(std::string_view doc_id, std::string_view hash) {
  Stmt& s = impl_->find_doc;
  s.Bind(1, doc_id);
  bool same = s.Step() && s.Text(1) == hash;
  Status st = s.status();
  s.Reset();
  DYAD_RETURN_IF_ERROR(st);
  return same;
}

StatusOr<PutResult> EventStore::Put(const Document& doc, std::string_view hash) {
  if (impl_->options.read_only) return FailedPreconditionError(path_ + ": opened read-only");
  // A document goes in whole or not at all, even inside a larger transaction.
  DYAD_RETURN_IF_ERROR(store_internal::Exec(impl_->db, "SAVEPOINT put"));
  StatusOr<PutResult> r = PutRows(doc, hash);
  DYAD_RETURN_IF_ERROR(
      store_internal::Exec(impl_->db, r.ok() ? "RELEASE put" : "ROLLBACK TO put; RELEASE put"));
  if (!r.ok())
    return Status(r.status().code(),
                  fmt::format("{}: document \"{}\": {}", path_, doc.meta.id, r.status().message()));
  return r;
}

StatusOr<PutResult> EventStore::PutRows(const Document& doc, std::string_view hash) {
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

StatusOr<CodingChange> EventStore::ReplaceCoding(const Document& doc) {
  if (impl_->options.read_only) return FailedPreconditionError(path_ + ": opened read-only");
  DYAD_RETURN_IF_ERROR(store_internal::Exec(impl_->db, "SAVEPOINT recode"));
  StatusOr<CodingChange> r = ReplaceCodingRows(doc);
  DYAD_RETURN_IF_ERROR(store_internal::Exec(
      impl_->db, r.ok() ? "RELEASE recode" : "ROLLBACK TO recode; RELEASE recode"));
  return r;
}

StatusOr<CodingChange> EventStore::ReplaceCodingRows(const Document& doc) {
  Stmt& f = impl_->find_doc;
  f.Bind(1, doc.meta.id);
  int64_t id = f.Step() ? f.Int(0) : -1;
  Status st = f.status();
  f.Reset();
  DYAD_RETURN_IF_ERROR(st);
  if (id < 0) return NotFoundError(path_ + ": no stored document \"" + doc.meta.id + "\"");

  if (!impl_->old_events.ok()) {
    DYAD_RETURN_IF_ERROR(impl_->Prepare(
        impl_->old_events,
        "SELECT sentence, source, target, code, root, day, date_text, quad_class, goldstein, "
        "plover, issues, source_begin, source_end, target_begin, target_end, trigger_begin, "
        "trigger_end, source_actor, target_actor, rule, " +
            PlaceToneColumns("") + " FROM events WHERE doc = ? ORDER BY id"));
    DYAD_RETURN_IF_ERROR(impl_->Prepare(
        impl_->old_places,
        "SELECT sentence, first_token, end_token, begin, end, entry, geo_type, name, iso2, fips, "
        "adm1, lat, lon, feature_id, how FROM places WHERE doc = ? ORDER BY idx"));
    DYAD_RETURN_IF_ERROR(impl_->Prepare(
        impl_->old_tone,
        "SELECT tone, tone_positive, tone_negative, tone_words FROM documents WHERE id = ?"));
    DYAD_RETURN_IF_ERROR(impl_->Prepare(
        impl_->old_actors,
        "SELECT sentence, first_token, end_token, begin, end, code, how, entry, coref_of, gender, "
        "plural FROM actors WHERE doc = ? ORDER BY idx"));
  }
  // Events compared as a multiset of (sentence, source, target, code) for the report; the
  // whole coding (every column of every actor and event) decides whether rows are rewritten.
  std::map<std::tuple<int64_t, std::string, std::string, std::string>, std::pair<int, std::string>>
      diff;
  CodingChange change;
  std::string stored;
  Stmt& o = impl_->old_events;
  o.Bind(1, id);
  while (o.Step()) {
    auto& slot = diff[{o.Int(0), o.Str(1), o.Str(2), o.Str(3)}];
    --slot.first;
    slot.second = o.Str(4);
    ++change.before;
    auto n = [&o](int c) { return o.IsNull(c) ? int64_t{-1} : o.Int(c); };
    stored += fmt::format("e|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}\n",
                          o.Int(0), n(5), o.Text(6), o.Text(1), o.Text(2), o.Text(3), o.Text(4),
                          o.Int(7), o.Real(8), o.Text(9), o.Text(10), n(11), n(12), n(13), n(14),
                          n(15), n(16), n(17), n(18), o.Text(19));
    stored.back() = ' ';
    stored += PlaceToneKey(o, 20) + "\n";
  }
  st = o.status();
  o.Reset();
  DYAD_RETURN_IF_ERROR(st);
  Stmt& a = impl_->old_actors;
  a.Bind(1, id);
  while (a.Step()) {
    stored += fmt::format("a|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}\n", a.Int(0), a.Int(1), a.Int(2),
                          a.Int(3), a.Int(4), a.Text(5), a.Text(6), a.Text(7),
                          a.IsNull(8) ? int64_t{-1} : a.Int(8), a.Text(9), a.Int(10));
  }
  st = a.status();
  a.Reset();
  DYAD_RETURN_IF_ERROR(st);
  Stmt& pl = impl_->old_places;
  pl.Bind(1, id);
  auto real = [](double v) { return std::isfinite(v) ? fmt::format("{}", v) : std::string("-"); };
  while (pl.Step()) {
    stored +=
        fmt::format("p|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}\n", pl.Int(0), pl.Int(1),
                    pl.Int(2), pl.Int(3), pl.Int(4), pl.Int(5), pl.Int(6), pl.Text(7), pl.Text(8),
                    pl.Text(9), pl.Text(10), pl.IsNull(11) ? std::string("-") : real(pl.Real(11)),
                    pl.IsNull(12) ? std::string("-") : real(pl.Real(12)), pl.Text(13), pl.Text(14));
  }
  st = pl.status();
  pl.Reset();
  DYAD_RETURN_IF_ERROR(st);
  Stmt& t = impl_->old_tone;
  t.Bind(1, id);
  if (t.Step()) stored += fmt::format("t|{}|{}|{}|{}\n", t.Real(0), t.Real(1), t.Real(2), t.Int(3));
  st = t.status();
  t.Reset();
  DYAD_RETURN_IF_ERROR(st);

  std::string coded;
  for (const Event& e : doc.events) {
    auto& slot = diff[{int64_t{e.sentence}, e.source, e.target, e.code}];
    ++slot.first;
    slot.second = e.root;
    auto b = [](Span sp) { return sp.empty() ? int64_t{-1} : int64_t{sp.begin}; };
    auto en = [](Span sp) { return sp.empty() ? int64_t{-1} : int64_t{sp.end}; };
    coded +=
        fmt::format("e|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}\n", e.sentence,
                    DayOrNull(e.date), e.date_text, e.source, e.target, e.code, e.root,
                    e.quad_class, e.goldstein, e.plover, Issues(e.issues), b(e.source_span),
                    en(e.source_span), b(e.target_span), en(e.target_span), b(e.trigger_span),
                    en(e.trigger_span), e.source_actor, e.target_actor, e.rule);
    coded.back() = ' ';
    coded += PlaceToneKey(e) + "\n";
  }
  for (const ActorMention& m : doc.actors) {
    coded += fmt::format("a|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}\n", m.sentence, m.first_token,
                         m.end_token, m.span.begin, m.span.end, m.code, m.how, m.entry, m.coref_of,
                         m.gender ? std::string(1, m.gender) : std::string(), int{m.plural});
  }
  for (const PlaceMention& m : doc.places) {
    const GeoPlace& g = m.place;
    coded += fmt::format("p|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}\n", m.sentence,
                         m.first_token, m.end_token, m.span.begin, m.span.end, m.entry, g.geo_type,
                         g.name, g.country_iso2, g.country_fips, g.adm1, real(g.lat), real(g.lon),
                         g.feature_id, g.how);
  }
  coded += fmt::format("t|{}|{}|{}|{}\n", doc.tone.tone, doc.tone.positive, doc.tone.negative,
                       doc.tone.words);
  change.after = doc.events.size();
  for (const auto& [key, v] : diff) {
    CodingChange::Key k{v.second, std::get<1>(key) + "," + std::get<2>(key)};
    for (int i = 0; i < v.first; ++i) change.added.push_back(k);
    for (int i = 0; i < -v.first; ++i) change.removed.push_back(k);
  }
  // The same coding as stored: nothing to write (a recode that changes nothing writes nothing).
  if (coded == stored) return change;
  DYAD_RETURN_IF_ERROR(impl_->delete_actors.Bind(1, id).Run());
  DYAD_RETURN_IF_ERROR(impl_->delete_events.Bind(1, id).Run());
  DYAD_RETURN_IF_ERROR(impl_->delete_places.Bind(1, id).Run());
  DYAD_RETURN_IF_ERROR(impl_->InsertCoding(id, doc));
  return change;
}

StatusOr<std::string> EventStore::GetSetting(std::string_view key) {
  Stmt s(impl_->db, "SELECT value FROM settings WHERE key = ?");
  if (!s.ok()) return s.status();
  s.Bind(1, key);
  std::string value = s.Step() ? s.Str(0) : "";
  DYAD_RETURN_IF_ERROR(s.status());
  return value;
}

Status EventStore::SetSetting(std::string_view key, std::string_view value) {
  if (impl_->options.read_only) return FailedPreconditionError(path_ + ": opened read-only");
  Stmt s(impl_->db,
         "INSERT INTO settings(key, value) VALUES (?, ?) "
         "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  if (!s.ok()) return s.status();
  return s.Bind(1, key).Bind(2, value).Run();
}

Status EventStore::Analyze() {
  return store_internal::Exec(impl_->db, "PRAGMA analysis_limit = 1000; ANALYZE");
}

StatusOr<EventStore::Counts> EventStore::Count() {
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
    r->docs_ = Stmt(r->db_,
                    "SELECT d.id, d.doc_id, d.day, d.date_source, d.source, d.url, d.title, "
                    "d.dateline, d.dateline_place, d.origin, d.extra, d.body_begin, d.text, "
                    "p.tokens, p.words, p.entities FROM documents d "
                    "LEFT JOIN parses p ON p.doc = d.id ORDER BY d.id");
    if (!r->docs_.ok()) return r->docs_.status();
    r->sentences_ = Stmt(r->db_,
                         "SELECT begin, end, first_token, end_token, paragraph FROM sentences "
                         "WHERE doc = ? ORDER BY idx");
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
    DocumentMeta& m = doc.meta;
    m.id = s.Str(1);
    m.date = DateFrom(s, 2);
    m.date_source = static_cast<DateSource>(s.Int(3));
    m.source = s.Str(4);
    m.url = s.Str(5);
    m.title = s.Str(6);
    m.dateline = s.Str(7);
    m.dateline_place = s.Str(8);
    m.origin = s.Str(9);
    nlohmann::json extra = nlohmann::json::parse(s.Text(10), nullptr, false);
    if (extra.is_array()) {
      for (const auto& kv : extra)
        if (kv.is_array() && kv.size() == 2 && kv[0].is_string() && kv[1].is_string())
          m.extra.emplace_back(kv[0].get<std::string>(), kv[1].get<std::string>());
    }
    doc.body_begin = static_cast<ByteOffset>(s.Int(11));
    doc.text = s.Str(12);
    std::string what = fmt::format("{}: document \"{}\"", path_, m.id);
    if (s.IsNull(13)) return DataError(what + ": no stored parse");
    DYAD_ASSIGN_OR_RETURN(doc.tokens, store_internal::DecodeTokens(s.Text(13), what + " tokens"));
    // A stored layer that does not fit the text would send the coders out of bounds.
    for (const Token& t : doc.tokens)
      if (t.span.end > doc.text.size()) return DataError(what + ": token outside the text");
    DYAD_ASSIGN_OR_RETURN(
        doc.words, store_internal::DecodeWords(s.Text(14), doc.tokens, doc.text, what + " words"));
    DYAD_ASSIGN_OR_RETURN(doc.entities,
                          store_internal::DecodeEntities(s.Text(15), what + " entities"));
    sentences_.Bind(1, id);
    while (sentences_.Step()) {
      Sentence sen;
      sen.span = {static_cast<ByteOffset>(sentences_.Int(0)),
                  static_cast<ByteOffset>(sentences_.Int(1))};
      sen.first_token = static_cast<TokenIndex>(sentences_.Int(2));
      sen.end_token = static_cast<TokenIndex>(sentences_.Int(3));
      sen.paragraph = static_cast<uint32_t>(sentences_.Int(4));
      doc.sentences.push_back(sen);
    }
    Status st = sentences_.status();
    sentences_.Reset();
    DYAD_RETURN_IF_ERROR(st);
    if (!doc.words.empty() && doc.words.size() != doc.tokens.size())
      return DataError(what + ": words and tokens differ in number");
    for (const Sentence& sen : doc.sentences)
      if (sen.end_token > doc.tokens.size() || sen.first_token > sen.end_token)
        return DataError(what + ": sentence outside the tokens");
    for (const WordAnalysis& w : doc.words)
      if (w.head != kNoHead && w.head >= doc.tokens.size())
        return DataError(what + ": head outside the tokens");
    return Status::Ok();
  }

  std::string path_;
  sqlite3* db_ = nullptr;
  Stmt docs_, sentences_;
  bool done_ = false;
};

}  // namespace

StatusOr<std::unique_ptr<Reader>> EventStore::ReadDocuments() const {
  return StoredDocumentReader::Open(path_);
}

// --- queries -------------------------------------------------------------------------------

namespace {

// Columns the event rows are read from; see FillEvent.
constexpr const char kEventColumns[] =
    "e.id, e.sentence, e.day, e.date_text, e.source, e.target, e.code, e.root, e.quad_class, "
    "e.goldstein, e.plover, e.issues, e.source_begin, e.source_end, e.target_begin, "
    "e.target_end, e.trigger_begin, e.trigger_end, e.rule, d.doc_id, d.day, d.source, d.url, "
    "d.title, s.paragraph, s.begin, s.end, e.doc, "
    "(SELECT COUNT(*) FROM events x WHERE x.doc = e.doc AND x.id < e.id), d.tone, ";
constexpr int kEventColumnCount = 30 + kPlaceToneColumnCount;

}  // namespace

StatusOr<RecordPage<EventRecord>> EventStore::Events(const EventFilter& filter, const Page& page) {
  static const std::string columns = kEventColumns + PlaceToneColumns("e.");
  store_internal::Sql q = store_internal::EventsSql(filter, columns.c_str(), page);
  DYAD_ASSIGN_OR_RETURN(Stmt s, impl_->Query(q));
  RecordPage<EventRecord> result;
  std::vector<EventRecord>& out = result.records;
  while (s.Step()) {
    EventRecord& r = out.emplace_back();
    DYAD_RETURN_IF_ERROR(impl_->FillEvent(s, r));
    result.next_after_id = r.event_id;
    if (page.stable_ids) r.event_id = StableEventId(r.doc_id, static_cast<size_t>(s.Int(28)));
    if (filter.dedup != Dedup::kNone) {
      r.num_mentions = static_cast<int>(s.Int(kEventColumnCount));
      r.num_sources = static_cast<int>(s.Int(kEventColumnCount + 1));
      r.num_articles = static_cast<int>(s.Int(kEventColumnCount + 2));
    }
  }
  DYAD_RETURN_IF_ERROR(impl_->UserError(s.status()));
  return result;
}

StatusOr<EventRecord> EventStore::EventById(int64_t id) {
  static const std::string columns = kEventColumns + PlaceToneColumns("e.");
  store_internal::Sql q = store_internal::EventByIdSql(id, columns.c_str());
  DYAD_ASSIGN_OR_RETURN(Stmt s, impl_->Query(q));
  if (!s.Step()) {
    DYAD_RETURN_IF_ERROR(impl_->UserError(s.status()));
    return NotFoundError(fmt::format("{}: no event {}", path_, id));
  }
  EventRecord r;
  DYAD_RETURN_IF_ERROR(impl_->FillEvent(s, r));
  return r;
}

StatusOr<RecordPage<MentionRecord>> EventStore::Mentions(const EventFilter& filter,
                                                         const Page& page) {
  store_internal::Sql q = store_internal::MentionsSql(filter, page);
  DYAD_ASSIGN_OR_RETURN(Stmt s, impl_->Query(q));
  RecordPage<MentionRecord> result;
  std::vector<MentionRecord>& out = result.records;
  while (s.Step()) {
    MentionRecord& m = out.emplace_back();
    result.next_after_id = s.Int(0);
    if (page.stable_ids)
      m.event_id = StableEventId(s.Text(11), static_cast<size_t>(s.Int(12)));
    else
      m.event_id = s.Int(0);
    // Filled as dyad_export's MentionRecordsFromDocument fills a coded document's.
    m.event_date = DateFrom(s, 1);
    Date published = DateFrom(s, 2);
    m.event_time = DateAdded(published.empty() ? m.event_date : published);
    m.mention_time = m.event_time;
    std::string_view url = s.Text(4);
    m.mention_type = url.empty() ? 2 : 1;  // GDELT: 1 web (a URL), 2 citation only
    m.source_name = s.Text(3).empty() ? UrlHost(url) : s.Str(3);
    m.identifier = url.empty() ? s.Str(5) : std::string(url);
    m.sentence = static_cast<uint32_t>(s.Int(6)) + 1;
    m.source_offset = s.IsNull(7) ? -1 : s.Int(7);
    m.target_offset = s.IsNull(8) ? -1 : s.Int(8);
    m.trigger_offset = s.IsNull(9) ? -1 : s.Int(9);
    m.doc_length = static_cast<uint64_t>(s.Int(10));
    m.doc_tone = s.Real(13);
  }
  DYAD_RETURN_IF_ERROR(impl_->UserError(s.status()));
  return result;
}

StatusOr<std::vector<SeriesPoint>> EventStore::Series(const EventFilter& filter, Bucket bucket) {
  DYAD_ASSIGN_OR_RETURN(Stmt s, impl_->Query(store_internal::DaySeriesSql(filter)));
  // SQLite groups by the integer day (index order); weeks and months are folded here.
  std::vector<SeriesPoint> out;
  while (s.Step()) {
    Date d = Date::FromDays(static_cast<int32_t>(s.Int(0)));
    if (bucket == Bucket::kWeek) d = d.AddDays(-d.Weekday());
    if (bucket == Bucket::kMonth) d.day = 1;
    if (out.empty() || out.back().first != d) out.push_back({d, 0, 0});
    out.back().events += s.Int(1);
    out.back().goldstein += s.Real(2);
  }
  DYAD_RETURN_IF_ERROR(impl_->UserError(s.status()));
  return out;
}

StatusOr<std::vector<GroupCount>> EventStore::CountBy(const EventFilter& filter, GroupBy by,
                                                      int top) {
  DYAD_ASSIGN_OR_RETURN(Stmt s, impl_->Query(store_internal::CountBySql(filter, by, top)));
  std::vector<GroupCount> out;
  while (s.Step()) out.push_back({s.Str(0), s.Int(1), s.Real(2)});
  DYAD_RETURN_IF_ERROR(impl_->UserError(s.status()));
  return out;
}

StatusOr<std::string> EventStore::Dump() {
  // Documents are named by doc_id, never by rowid, so the order rows were written in does not
  // show; long values and blobs appear as their XXH3 hash.
  static const std::string kTables[] = {
      "SELECT 'document', doc_id, hash, day, date_source, source, url, title, dateline, "
      "dateline_place, origin, extra, body_begin, text, tone, tone_positive, tone_negative, "
      "tone_words FROM documents",
      "SELECT 'sentence', d.doc_id, s.idx, s.begin, s.end, s.first_token, s.end_token, "
      "s.paragraph FROM sentences s JOIN documents d ON d.id = s.doc",
      "SELECT 'parse', d.doc_id, p.tokens, p.words, p.entities FROM parses p "
      "JOIN documents d ON d.id = p.doc",
      "SELECT 'actor', d.doc_id, a.idx, a.sentence, a.first_token, a.end_token, a.begin, a.end, "
      "a.code, a.how, a.entry, a.coref_of, a.gender, a.plural FROM actors a "
      "JOIN documents d ON d.id = a.doc",
      "SELECT 'event', d.doc_id, e.sentence, e.day, e.date_text, e.source, e.target, e.code, "
      "e.root, e.quad_class, e.goldstein, e.plover, e.issues, e.source_begin, e.source_end, "
      "e.target_begin, e.target_end, e.trigger_begin, e.trigger_end, e.source_actor, "
      "e.target_actor, e.rule, " +
          PlaceToneColumns("e.") + " FROM events e JOIN documents d ON d.id = e.doc",
      "SELECT 'place', d.doc_id, p.idx, p.sentence, p.first_token, p.end_token, p.begin, p.end, "
      "p.entry, p.geo_type, p.name, p.iso2, p.fips, p.adm1, p.lat, p.lon, p.feature_id, p.how "
      "FROM places p JOIN documents d ON d.id = p.doc",
      "SELECT 'fts', d.doc_id FROM documents_fts f JOIN documents d ON d.id = f.rowid "
      "WHERE documents_fts MATCH 'the'",
  };
  std::vector<std::string> lines;
  for (const std::string& sql : kTables) {
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
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

}  // namespace dyad
