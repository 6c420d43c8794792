// EventStore: the database that keeps coded documents — text, sentences, compact parses, actor
// mentions and events with their evidence — and answers the questions analysts ask. Two
// backends behind one interface: an SQLite file (a path; the default, one machine) and a
// PostgreSQL database (a postgresql://… or postgres://… URL; shared by many workers).
//
// Part of dyad_store, after dyad_events in the pipeline. `dyad ingest` puts each coded Document
// (idempotent by document id, replaced when its content hash changes), `dyad recode` rebuilds
// Documents from the stored parses and replaces their actors and events, `dyad query` and the
// HTTP server read through the query methods below. Schema and migrations: docs/store.md.
//
//   DYAD_ASSIGN_OR_RETURN(auto store, EventStore::Open("dyad.db", {}));  // or a postgresql:// URL
//   DYAD_RETURN_IF_ERROR(store->Begin());
//   DYAD_ASSIGN_OR_RETURN(PutResult r, store->Put(doc, DocumentHash(raw_doc)));
//   DYAD_RETURN_IF_ERROR(store->Commit());
//   EventFilter f{.country = "SYR", .root = "19"};
//   DYAD_ASSIGN_OR_RETURN(auto months, store->Series(f, Bucket::kMonth));
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dyad/core/document.h"
#include "dyad/core/status.h"
#include "dyad/export/records.h"
#include "dyad/io/reader.h"
#include "dyad/places/knowledge_graph.h"

namespace dyad {

// The schema version this code writes; older stores are migrated when opened writable.
inline constexpr int kStoreSchemaVersion = 6;

struct StoreOptions {
  bool read_only = false;  // open an existing store for queries only (the server's mode)
  bool create = true;      // create the file when it does not exist (ignored when read_only)
  // SQLite page cache in MiB per connection (PostgreSQL: unused; the server's settings rule).
  int cache_mib = 64;
};

// Query-time deduplication of events.
enum class Dedup {
  kNone,   // every coded event
  kStory,  // one per (document, source, target, code): the one-a-story rule
  kDay,    // one per (date, source, target, code): the one-a-day rule (GDELT 2.0 events)
};
// "none", "story", "day".
StatusOr<Dedup> ParseDedup(std::string_view name);

// Which events a query looks at. Empty fields do not filter. Every value is bound as an SQL
// parameter, never spliced into SQL text.
struct EventFilter {
  Date from, to;        // event date range, inclusive; events without a date never match a range
  std::string source;   // actor code prefix of the source ("USA" matches "USAGOV")
  std::string target;   // actor code prefix of the target
  std::string country;  // three-letter country code on either side
  std::string dyad_a, dyad_b;  // source prefix and target prefix, in either direction
  std::string code;            // CAMEO event code prefix ("19" matches "190" .. "196")
  std::string root;            // two-digit root code, exact
  int quad_class = 0;          // 1..4; 0 = any
  // Full-text query over document title and text. SQLite: FTS5 syntax ("sanctions AND Iran");
  // PostgreSQL: websearch_to_tsquery syntax ("sanctions iran", "\"peace talks\" or -war").
  std::string text;
  Dedup dedup = Dedup::kNone;
};

// A page of events: those with an id above `after_id` (keyset paging: pass the last id seen;
// cheap however deep), then `offset` of them skipped, `limit` returned.
struct Page {
  int64_t offset = 0;
  int64_t limit = 100;  // < 0 = no limit
  int64_t after_id = 0;
  // The records' event_id: the store's row id (false, what EventById takes) or, for exports,
  // dyad_export's StableEventId(doc id, index in the document), the id `dyad code` writes.
  bool stable_ids = false;
};

// A page of records and the cursor for the next: pass `next_after_id` as Page::after_id.
template <typename Record>
struct RecordPage {
  std::vector<Record> records;
  int64_t next_after_id = 0;  // the last row id (group's first event for dedup, mentions)
};

enum class Bucket { kDay, kWeek, kMonth };
// "day", "week" (weeks start on Monday), "month".
StatusOr<Bucket> ParseBucket(std::string_view name);

// One period of a time series: events in [first, first + bucket) and their Goldstein sum.
struct SeriesPoint {
  Date first;
  int64_t events = 0;
  double goldstein = 0;
};

enum class GroupBy { kDyad, kCountry, kSource, kTarget };
// "dyad", "country", "source", "target".
StatusOr<GroupBy> ParseGroupBy(std::string_view name);

// A group of a count: "USAGOV,RUSGOV" for a dyad, "USA" for a country, else an actor code.
struct GroupCount {
  std::string key;
  int64_t events = 0;
  double goldstein = 0;
};

enum class PutResult { kInserted, kReplaced, kUnchanged };

// A document's stored knowledge-graph view (schema v5) with the metadata a GDELT GKG row needs.
struct StoredGkg {
  DocumentMeta meta;  // id, date, source, url, title
  GkgRecord gkg;      // tone: the document's stored tone
};

// What `ReplaceCoding` changed in one document: the events that were stored but are no longer
// coded and those coded anew, compared as (sentence, source, target, code) multisets.
struct CodingChange {
  struct Key {
    std::string root, dyad;  // "19", "USAGOV,RUSGOV"
  };
  std::vector<Key> added, removed;
  uint64_t before = 0, after = 0;  // events stored before and after
};

// The content hash the store compares to decide whether a document changed: XXH3-128 (hex)
// over the text and the metadata a reader fills (id, date, source, url, title, extra).
std::string DocumentHash(const Document& doc);

// Whether `path_or_url` names a PostgreSQL store (postgresql://… or postgres://…).
bool IsPostgresUrl(std::string_view path_or_url);

// One connection to a store. Not thread-safe: use one EventStore per thread. SQLite: several
// read-only ones may share a file with one writer (WAL keeps readers consistent). PostgreSQL:
// any number of writers (a document's Put holds a transaction-scoped advisory lock on its id).
// A lost or unreachable PostgreSQL server is an Unavailable status (retry later).
class EventStore {
 public:
  // Opens (and creates, unless read_only) a store; a writable open migrates an older schema.
  // Fails with FailedPrecondition for a newer schema or a database that is not a dyad store.
  // A postgresql:// or postgres:// URL opens the PostgreSQL backend (libpq's URL form), any
  // other string is an SQLite file path.
  static StatusOr<std::unique_ptr<EventStore>> Open(const std::string& path_or_url,
                                                    const StoreOptions& options);
  virtual ~EventStore();
  EventStore(const EventStore&) = delete;
  EventStore& operator=(const EventStore&) = delete;

  // The file path, or the URL without its password.
  const std::string& path() const { return path_; }
  int schema_version() const { return schema_version_; }

  // Transactions: writes between Begin and Commit are atomic (all or nothing after a crash).
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;

  // Whether a document with this id and content hash is stored already.
  virtual StatusOr<bool> IsStored(std::string_view doc_id, std::string_view hash) = 0;
  // Stores a processed document: inserts it, replaces it when `hash` differs from the stored
  // one (every row of the old one goes), or leaves it when it is the same.
  virtual StatusOr<PutResult> Put(const Document& doc, std::string_view hash) = 0;

  // Stored documents in store order, rebuilt with text, metadata, sentences, tokens, words
  // and entities — everything the actor and event coders need — but no actors or events.
  // The reader has its own read-only connection, so Put/ReplaceCoding may run while it reads.
  virtual StatusOr<std::unique_ptr<Reader>> ReadDocuments() const = 0;
  // Replaces the actor and event rows of a stored document (found by meta.id) by doc's and
  // reports the events added and removed by (root, dyad).
  virtual StatusOr<CodingChange> ReplaceCoding(const Document& doc) = 0;

  // Keeps `gkg` as the knowledge-graph view of the stored document `doc_id`, replacing the one
  // kept before; NotFound when no such document. Put replacing a changed document drops its
  // view with its other rows.
  virtual Status PutGkg(std::string_view doc_id, const GkgRecord& gkg) = 0;
  // The stored views of documents dated within filter.from .. filter.to (the other filter
  // fields do not apply to documents), in store order; `page` counts documents (after_id: the
  // document's row id, what next_after_id gives).
  virtual StatusOr<RecordPage<StoredGkg>> Gkg(const EventFilter& filter, const Page& page) = 0;
  // Refreshes the query planner's statistics (a sampled ANALYZE); worth it after large writes.
  virtual Status Analyze() = 0;

  // Small named values kept with the store, such as "coding" (the dictionaries and options
  // the stored events were coded with). Get returns "" for a key never set.
  virtual StatusOr<std::string> GetSetting(std::string_view key) = 0;
  virtual Status SetSetting(std::string_view key, std::string_view value) = 0;

  // Counts of the stored rows.
  struct Counts {
    int64_t documents = 0, sentences = 0, actors = 0, events = 0;
  };
  virtual StatusOr<Counts> Count() = 0;

  // Events matching `filter` in store order (with dedup: the group's first event, carrying
  // num_mentions / num_sources / num_articles of its group), `page` of them.
  virtual StatusOr<RecordPage<EventRecord>> Events(const EventFilter& filter, const Page& page) = 0;
  // One event by its id with its sentence text and evidence words; NotFound when absent.
  virtual StatusOr<EventRecord> EventById(int64_t id) = 0;
  // GDELT 2.0 mentions: one per stored event matching `filter` (every report), whose event_id
  // is its one-a-day group's first event — the event row `Events` returns with Dedup::kDay.
  // `page` counts events (groups), each with all its mentions.
  virtual StatusOr<RecordPage<MentionRecord>> Mentions(const EventFilter& filter,
                                                       const Page& page) = 0;
  // Event counts and Goldstein sums per period, for periods that have events, in date order.
  virtual StatusOr<std::vector<SeriesPoint>> Series(const EventFilter& filter, Bucket bucket) = 0;
  // The `top` largest groups (all when top <= 0), largest first, ties by key.
  virtual StatusOr<std::vector<GroupCount>> CountBy(const EventFilter& filter, GroupBy by,
                                                    int top) = 0;

  // Every row of every table (ids and ingest times left out) as sorted text lines, so two
  // stores with the same content dump the same bytes — whichever backend holds them.
  virtual StatusOr<std::string> Dump() = 0;

 protected:
  EventStore(std::string path, int schema_version)
      : path_(std::move(path)), schema_version_(schema_version) {}

 private:
  std::string path_;
  int schema_version_ = 0;
};

}  // namespace dyad
