// EventSource: the coded events `dyad serve` answers /v1/events, /v1/series, /v1/dyads and
// /v1/events/{id} from, and that POST /v1/ingest adds to.
//
// Part of dyad_serve. The server only sees this interface, and its one implementation is the
// SQLite event store (dyad_store), whose parameterised queries answer every request: a corpus
// `dyad serve --corpus F` codes at start-up goes into a store first, as `dyad ingest` puts it.
// The interface keeps the server apart from the store's connection pool.
//
//   DYAD_ASSIGN_OR_RETURN(auto src, OpenStoreEventSource("dyad.db", /*writable=*/true));
//   src->Put(doc, DocumentHash(doc));                  // a coded Document
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
#include "dyad/store/event_store.h"

namespace dyad::serve {

// The query types are the event store's, so the HTTP API means what `dyad query` means.
using dyad::Bucket;
using dyad::Dedup;
using dyad::EventFilter;
using dyad::GroupBy;
using dyad::GroupCount;
using dyad::Page;
using dyad::SeriesPoint;

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
  // Stores a coded document (replacing one with the same id whose `hash` differs, see
  // DocumentHash) and returns how many events it has.
  virtual StatusOr<int64_t> Put(const Document& doc, const std::string& hash) = 0;
  virtual StatusOr<int64_t> Count() = 0;
};

// The event store at `path` (`dyad ingest --db`): a pool of read-only connections, one per
// request at a time, and, when `writable`, one writing connection for POST /v1/ingest.
StatusOr<std::unique_ptr<EventSource>> OpenStoreEventSource(const std::string& path, bool writable);

}  // namespace dyad::serve
