// EventStore's backend-neutral parts: opening by path or URL, names, the document hash and the
// dump cells both backends write.
#include "dyad/store/event_store.h"

#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>

#include "dyad/io/writer.h"
#include "pg_event_store.h"
#include "sqlite_event_store.h"
#include "store_rows.h"

namespace dyad {

bool IsPostgresUrl(std::string_view s) {
  return s.starts_with("postgresql://") || s.starts_with("postgres://");
}

EventStore::~EventStore() = default;

StatusOr<std::unique_ptr<EventStore>> EventStore::Open(const std::string& path_or_url,
                                                       const StoreOptions& options) {
  if (IsPostgresUrl(path_or_url)) return PgEventStore::Open(path_or_url, options);
  return SqliteEventStore::Open(path_or_url, options);
}

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

namespace store_internal {

std::string DumpNull() { return "null"; }
std::string DumpInt(int64_t v) { return std::to_string(v); }
std::string DumpReal(double v) { return fmt::format("{}", v); }
std::string DumpText(std::string_view v, bool blob) {
  if (blob || v.size() > 200)
    return fmt::format("xxh3:{:016x}/{}", XXH3_64bits(v.data(), v.size()), v.size());
  std::string out;
  AppendJsonString(out, v);
  return out;
}

std::string JoinDump(std::vector<std::string> lines) {
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

}  // namespace store_internal
}  // namespace dyad
