#include "schema.h"

#include <string>

#include "dyad/store/event_store.h"
#include "sqlite.h"

namespace dyad::store_internal {

const char kSchemaV1[] = R"sql(
CREATE TABLE documents(
  id INTEGER PRIMARY KEY,
  doc_id TEXT NOT NULL UNIQUE,
  hash TEXT NOT NULL,
  day INTEGER,
  date_source INTEGER NOT NULL,
  source TEXT NOT NULL,
  url TEXT NOT NULL,
  title TEXT NOT NULL,
  dateline TEXT NOT NULL,
  dateline_place TEXT NOT NULL,
  origin TEXT NOT NULL,
  extra TEXT NOT NULL,
  body_begin INTEGER NOT NULL,
  text TEXT NOT NULL,
  ingested TEXT NOT NULL
);
CREATE TABLE sentences(
  doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  begin INTEGER NOT NULL,
  end INTEGER NOT NULL,
  first_token INTEGER NOT NULL,
  end_token INTEGER NOT NULL,
  paragraph INTEGER NOT NULL,
  PRIMARY KEY(doc, idx)
) WITHOUT ROWID;
CREATE TABLE parses(
  doc INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  tokens BLOB NOT NULL,
  words BLOB NOT NULL,
  entities BLOB NOT NULL
);
CREATE TABLE actors(
  doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  sentence INTEGER NOT NULL,
  first_token INTEGER NOT NULL,
  end_token INTEGER NOT NULL,
  begin INTEGER NOT NULL,
  end INTEGER NOT NULL,
  code TEXT NOT NULL,
  how TEXT NOT NULL,
  entry TEXT NOT NULL,
  coref_of INTEGER,
  gender TEXT NOT NULL,
  plural INTEGER NOT NULL,
  PRIMARY KEY(doc, idx)
) WITHOUT ROWID;
CREATE TABLE events(
  id INTEGER PRIMARY KEY,
  doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  sentence INTEGER NOT NULL,
  day INTEGER,
  date_text TEXT NOT NULL,
  source TEXT NOT NULL,
  target TEXT NOT NULL,
  code TEXT NOT NULL,
  root TEXT NOT NULL,
  quad_class INTEGER NOT NULL,
  goldstein REAL NOT NULL,
  plover TEXT NOT NULL,
  issues TEXT NOT NULL,
  source_begin INTEGER, source_end INTEGER,
  target_begin INTEGER, target_end INTEGER,
  trigger_begin INTEGER, trigger_end INTEGER,
  source_actor INTEGER,
  target_actor INTEGER,
  rule TEXT NOT NULL
);
CREATE INDEX events_doc ON events(doc);
CREATE INDEX events_day ON events(day);
CREATE INDEX events_source ON events(source, day);
CREATE INDEX events_target ON events(target, day);
CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='id');
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
  INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, title, text)
    VALUES ('delete', old.id, old.title, old.text);
END;
PRAGMA user_version = 1;
)sql";

// v1 -> v2: country columns (the first three letters of a state actor's code) as virtual
// columns; indexes that cover the filters, the time series, the dyad counts and the one-a-day
// grouping (each holds the day, code, Goldstein score and QuadClass, so no table row is read;
// a country is a source or target prefix range); the deduplication views.
static const char kMigrationV2[] = R"sql(
ALTER TABLE events ADD COLUMN source_country TEXT GENERATED ALWAYS AS (
  CASE WHEN substr(source, 1, 3) GLOB '[A-Z][A-Z][A-Z]'
        AND substr(source, 1, 3) NOT IN ('IGO', 'NGO', 'IMG', 'MNC', 'UAF')
       THEN substr(source, 1, 3) END) VIRTUAL;
ALTER TABLE events ADD COLUMN target_country TEXT GENERATED ALWAYS AS (
  CASE WHEN substr(target, 1, 3) GLOB '[A-Z][A-Z][A-Z]'
        AND substr(target, 1, 3) NOT IN ('IGO', 'NGO', 'IMG', 'MNC', 'UAF')
       THEN substr(target, 1, 3) END) VIRTUAL;
DROP INDEX events_day;
DROP INDEX events_source;
DROP INDEX events_target;
CREATE INDEX events_day ON events(day, code, goldstein, quad_class);
CREATE INDEX events_dyad ON events(source, target, day, code, goldstein, quad_class);
CREATE INDEX events_target ON events(target, source, day, code, goldstein, quad_class);
CREATE INDEX events_code ON events(code, day, goldstein, quad_class, source, target);
CREATE VIEW events_one_a_story AS
  SELECT * FROM events WHERE id IN (SELECT MIN(id) FROM events GROUP BY doc, source, target, code);
CREATE VIEW gdelt_events AS
  SELECT e.*, g.num_mentions, g.num_sources, g.num_articles
  FROM events e JOIN (
    SELECT MIN(e.id) AS id, COUNT(*) AS num_mentions, COUNT(DISTINCT d.source) AS num_sources,
           COUNT(DISTINCT e.doc) AS num_articles
    FROM events e JOIN documents d ON d.id = e.doc
    GROUP BY e.day, e.source, e.target, e.code) g ON g.id = e.id;
CREATE VIEW events_one_a_day AS SELECT * FROM gdelt_events;
CREATE VIEW gdelt_mentions AS
  SELECT g.id AS event_id, e.id AS mention_id, e.doc, e.sentence, e.day,
         e.source_begin, e.target_begin, e.trigger_begin
  FROM events e JOIN (
    SELECT MIN(id) AS id, day, source, target, code FROM events
    GROUP BY day, source, target, code) g
  ON e.day IS g.day AND e.source = g.source AND e.target = g.target AND e.code = g.code;
PRAGMA user_version = 2;
)sql";

// v2 -> v3: named settings kept with the store ("coding": how its events were coded).
static const char kMigrationV3[] = R"sql(
CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
PRAGMA user_version = 3;
)sql";

// v3 -> v4 (dyad_places): each event's place (action_place_*), and where its source and target
// are (source_place_*, target_place_*) as GDELT's geography columns plus how the place was found
// and its evidence bytes (NULL without one); the tone of the event's sentence and of each
// document; the document's place mentions. Rows stored before v4 keep geo_type 0 (no place) and
// tone 0 until a recode.
static const char kMigrationV4[] = R"sql(
ALTER TABLE events ADD COLUMN action_place_geo_type INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN action_place_name TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN action_place_iso2 TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN action_place_fips TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN action_place_adm1 TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN action_place_lat REAL;
ALTER TABLE events ADD COLUMN action_place_lon REAL;
ALTER TABLE events ADD COLUMN action_place_feature_id TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN action_place_how TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN action_place_begin INTEGER;
ALTER TABLE events ADD COLUMN action_place_end INTEGER;
ALTER TABLE events ADD COLUMN source_place_geo_type INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN source_place_name TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN source_place_iso2 TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN source_place_fips TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN source_place_adm1 TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN source_place_lat REAL;
ALTER TABLE events ADD COLUMN source_place_lon REAL;
ALTER TABLE events ADD COLUMN source_place_feature_id TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN source_place_how TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN source_place_begin INTEGER;
ALTER TABLE events ADD COLUMN source_place_end INTEGER;
ALTER TABLE events ADD COLUMN target_place_geo_type INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN target_place_name TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN target_place_iso2 TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN target_place_fips TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN target_place_adm1 TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN target_place_lat REAL;
ALTER TABLE events ADD COLUMN target_place_lon REAL;
ALTER TABLE events ADD COLUMN target_place_feature_id TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN target_place_how TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN target_place_begin INTEGER;
ALTER TABLE events ADD COLUMN target_place_end INTEGER;
ALTER TABLE events ADD COLUMN tone REAL NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN tone_positive REAL NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN tone_negative REAL NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN tone_words INTEGER NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN tone REAL NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN tone_positive REAL NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN tone_negative REAL NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN tone_words INTEGER NOT NULL DEFAULT 0;
CREATE TABLE places(
  doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  sentence INTEGER NOT NULL,
  first_token INTEGER NOT NULL,
  end_token INTEGER NOT NULL,
  begin INTEGER NOT NULL,
  end INTEGER NOT NULL,
  entry INTEGER NOT NULL,
  geo_type INTEGER NOT NULL,
  name TEXT NOT NULL,
  iso2 TEXT NOT NULL,
  fips TEXT NOT NULL,
  adm1 TEXT NOT NULL,
  lat REAL,
  lon REAL,
  feature_id TEXT NOT NULL,
  how TEXT NOT NULL,
  PRIMARY KEY(doc, idx)
) WITHOUT ROWID;
PRAGMA user_version = 4;
)sql";

// v4 -> v5: each document's knowledge-graph view (GKG; dyad_places' BuildGkg): persons,
// organisations, geocoded locations, counts and themes as JSON arrays (GkgColumns in
// store_rows.h); its tone is the document's. Documents stored before v5 have no row until a
// recode.
static const char kMigrationV5[] = R"sql(
CREATE TABLE gkg(
  doc INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  persons TEXT NOT NULL,
  organizations TEXT NOT NULL,
  locations TEXT NOT NULL,
  counts TEXT NOT NULL,
  themes TEXT NOT NULL
);
PRAGMA user_version = 5;
)sql";

// v5 -> v6: an index on the country pair, so a dyad of two countries ("USA,RUS") is two
// equality look-ups instead of a scan of every event one side of it names (a monthly series
// over 1 M events: 45 ms -> see docs/serve-load.md).
static const char kMigrationV6[] = R"sql(
CREATE INDEX events_countries ON events(source_country, target_country, day, code, goldstein,
                                        quad_class);
PRAGMA user_version = 6;
)sql";

const char* const kMigrations[] = {kMigrationV2, kMigrationV3, kMigrationV4, kMigrationV5,
                                   kMigrationV6};
const int kMigrationCount = 5;
static_assert(kStoreSchemaVersion == kMigrationCount + 1, "add the migration to kMigrations");

StatusOr<int> SchemaVersion(sqlite3* db) {
  Stmt s(db, "PRAGMA user_version");
  if (!s.ok()) return s.status();
  if (!s.Step()) return s.status().ok() ? InternalError("PRAGMA user_version: no row") : s.status();
  return static_cast<int>(s.Int(0));
}

Status CreateV1(sqlite3* db) {
  DYAD_RETURN_IF_ERROR(Exec(db, "BEGIN IMMEDIATE"));
  Status st = Exec(db, kSchemaV1);
  if (!st.ok()) {
    (void)Exec(db, "ROLLBACK");
    return st;
  }
  return Exec(db, "COMMIT");
}

// One step (create v1, or one migration) per write transaction. The version is read again
// under the write lock, so two processes opening a new or old store at once do not both
// migrate it: the second finds the work done.
Status Migrate(sqlite3* db, const char* path) {
  while (true) {
    DYAD_ASSIGN_OR_RETURN(int version, SchemaVersion(db));
    if (version > kStoreSchemaVersion)
      return FailedPreconditionError(std::string(path) + ": store schema version " +
                                     std::to_string(version) + " is newer than this dyad's (" +
                                     std::to_string(kStoreSchemaVersion) + ")");
    if (version == kStoreSchemaVersion) {
      // Another process may have created the tables after this connection first read the
      // schema; a statement that reads sqlite_schema makes SQLite load it again, so later
      // prepares see the tables.
      return Exec(db, "SELECT count(*) FROM sqlite_schema");
    }
    DYAD_RETURN_IF_ERROR(Exec(db, "BEGIN IMMEDIATE"));
    auto step = [&]() -> Status {
      DYAD_ASSIGN_OR_RETURN(int locked, SchemaVersion(db));
      if (locked != version) return Status::Ok();  // another process moved it on
      if (version == 0) {
        Stmt tables(db, "SELECT count(*) FROM sqlite_schema");
        if (!tables.ok()) return tables.status();
        if (tables.Step() && tables.Int(0) > 0)
          return FailedPreconditionError(std::string(path) +
                                         ": not a dyad store (has tables but no schema version)");
        return Exec(db, kSchemaV1);
      }
      Status st = Exec(db, kMigrations[version - 1]);
      if (!st.ok())
        return InternalError(std::string(path) + ": migration to schema version " +
                             std::to_string(version + 1) + " failed: " + st.message());
      return Status::Ok();
    };
    if (Status st = step(); !st.ok()) {
      (void)Exec(db, "ROLLBACK");
      return st;
    }
    DYAD_RETURN_IF_ERROR(Exec(db, "COMMIT"));
  }
}

}  // namespace dyad::store_internal
