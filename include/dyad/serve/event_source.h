// EventSource: the coded events `dyad serve` answers /v1/events, /v1/series, /v1/dyads and
// /v1/events/{id} from, and that POST /v1/ingest adds to.
//
// Part of dyad_serve. The server only sees this interface: the in-memory source below holds the
// events of a corpus coded at start-up (`dyad serve --corpus F`) and of ingested documents; the
// event store (issue "Event store") implements the same queries over SQLite.
//
//   std::unique_ptr<EventSource> src = NewMemoryEventSource();
//   src->Put(doc);                                     // a coded Document
//   auto events = src->Events({.source = "USA"}, {.limit = 20});
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "dyad/core/date.h"
#include "dyad/core/document.h"
#include "dyad/core/status.h"
#include "dyad/export/records.h"

namespace dyad::serve {

// The query types mirror the event store's (include/dyad/store/event_store.h on the store
// branch) field for field, so the HTTP API means the same over either source.

// Query-time deduplication of events.
enum class Dedup {
  kNone,   // every coded event
  kStory,  // one per (document, source, target, code)
  kDay,    // one per (date, source, target, code)
};

// Filters shared by the event, series and count queries; an empty field does not filter.
struct EventFilter {
  Date from, to;               // event date range, both inclusive
  std::string source, target;  // actor code prefixes: "USA" matches USAGOV
  std::string country;         // three-letter country code on either side
  std::string dyad_a, dyad_b;  // source prefix and target prefix, in either direction
  std::string code;            // CAMEO event code prefix: "04" matches 040..046
  std::string root;            // two-digit root code, exact
  int quad_class = 0;          // QuadClass 1..4; 0 = any
  std::string text;            // words of the story (the store: an FTS5 query)
  Dedup dedup = Dedup::kNone;
};

struct Page {
  int64_t offset = 0;
  int64_t limit = 100;
};

enum class Bucket { kDay, kWeek, kMonth };  // weeks start on Monday

// One period: events in [first, first + bucket) and their Goldstein sum.
struct SeriesPoint {
  Date first;
  int64_t events = 0;
  double goldstein = 0;
};

enum class GroupBy { kDyad, kCountry, kSource, kTarget };

// "USAGOV,RUSGOV" for a dyad, "USA" for a country, else an actor code; Goldstein is a sum.
struct GroupCount {
  std::string key;
  int64_t events = 0;
  double goldstein = 0;
};

// Thread safety: every method may be called from many threads at once.
class EventSource {
 public:
  virtual ~EventSource() = default;
  // Events matching the filter in store order (with dedup, the first of each group).
  virtual StatusOr<std::vector<EventRecord>> Events(const EventFilter& f, const Page& page) = 0;
  // NotFoundError when there is no such event.
  virtual StatusOr<EventRecord> EventById(int64_t id) = 0;
  // Periods that have events, in date order; events without a date are left out.
  virtual StatusOr<std::vector<SeriesPoint>> Series(const EventFilter& f, Bucket bucket) = 0;
  // The `top` largest groups (all when top <= 0), largest first, ties by key.
  virtual StatusOr<std::vector<GroupCount>> CountBy(const EventFilter& f, GroupBy by, int top) = 0;
  // Stores a coded document's events; returns how many.
  virtual StatusOr<int64_t> Put(const Document& doc) = 0;
  virtual StatusOr<int64_t> Count() = 0;
};

// Events kept in memory, filtered by scanning: for a corpus of up to some 100 000 events.
// `Add` stores records as they are (the tests' fixtures); ids are 1, 2, ... in order.
class MemoryEventSource : public EventSource {
 public:
  virtual Status Add(std::vector<EventRecord> records) = 0;
};
std::unique_ptr<MemoryEventSource> NewMemoryEventSource();

}  // namespace dyad::serve
