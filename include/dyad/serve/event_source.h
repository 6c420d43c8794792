// EventSource: the coded events `dyad serve` answers /v1/events, /v1/series, /v1/dyads and
// /v1/events/{id} from, and that POST /v1/ingest adds to.
//
// Part of dyad_serve. The server only sees this interface: the in-memory source below holds the
// events of a corpus coded at start-up (`dyad serve --corpus F`) and of ingested documents; the
// event store (issue "Event store") implements the same queries over SQLite.
//
//   std::unique_ptr<EventSource> src = NewMemoryEventSource();
//   src->Add(EventRecordsOfDocument(doc));
//   StatusOr<EventPage> page = src->Events({.source = "USA", .limit = 20});
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "dyad/core/date.h"
#include "dyad/core/document.h"
#include "dyad/core/status.h"
#include "dyad/export/records.h"

namespace dyad::serve {

// Filters shared by the event, series and dyad queries; an empty field does not filter.
struct EventQuery {
  Date from, to;                // event date range, both inclusive
  std::string source, target;   // actor code prefixes: "USA" matches USAGOV
  std::string country;          // ISO 3166 alpha-3 prefix of the source or the target
  std::string dyad_source, dyad_target;  // an exact (source, target) pair, both set or neither
  std::string code;             // CAMEO event code prefix: "04" matches 040..046
  std::string root;             // two-digit root code, exact
  int quad = 0;                 // QuadClass 1..4; 0 = any
  std::string q;                // words the sentence contains (ASCII case-insensitive)
  bool dedup = false;           // one event per (date, source, target, code)
  int page = 1;                 // 1-based page of `limit` events (Events only)
  int limit = 50;               // events per page
};

enum class SeriesInterval { kDay, kWeek, kMonth };

struct SeriesPoint {
  std::string period;           // "2013-04-30" (day), its week's Monday (week), "2013-04" (month)
  int64_t count = 0;
  double goldstein_sum = 0;
  std::array<int64_t, 4> quad_counts{};  // events of QuadClass 1..4
};

struct DyadCount {
  std::string source, target;
  int64_t count = 0;
  double goldstein_mean = 0;
};

struct EventPage {
  int64_t total = 0;            // events matching the filters (after dedup)
  std::vector<EventRecord> events;  // newest first, then by id
};

// Thread safety: every method may be called from many threads at once.
class EventSource {
 public:
  virtual ~EventSource() = default;
  virtual StatusOr<EventPage> Events(const EventQuery& q) const = 0;
  // Periods in date order; events without a date are left out.
  virtual StatusOr<std::vector<SeriesPoint>> Series(const EventQuery& q,
                                                    SeriesInterval by) const = 0;
  // The `limit` most frequent (source, target) pairs, most frequent first.
  virtual StatusOr<std::vector<DyadCount>> Dyads(const EventQuery& q, int limit) const = 0;
  // NotFoundError when there is no such event.
  virtual StatusOr<EventRecord> Event(int64_t id) const = 0;
  // Stores the events and returns their new ids, in order.
  virtual StatusOr<std::vector<int64_t>> Add(std::vector<EventRecord> events) = 0;
  virtual int64_t Count() const = 0;
};

// Events kept in memory, filtered by scanning: for a corpus of up to some 100 000 events.
std::unique_ptr<EventSource> NewMemoryEventSource();

// The events of a coded document as records, with the document's metadata, the sentence text
// and the words behind source, target and trigger. `date_added` is "YYYYMMDDHHMMSS" (UTC).
std::vector<EventRecord> EventRecordsOfDocument(const Document& doc, const std::string& date_added);

}  // namespace dyad::serve
