// PgEventStore: the EventStore in a PostgreSQL database, shared by many writers (dyad worker
// processes on several machines). Private to dyad_store; EventStore::Open makes one for a
// postgresql:// or postgres:// URL.
//
// The same tables as the SQLite store (docs/store.md), with PostgreSQL types: parses are bytea
// holding the same parse_codec blobs, full-text search is a generated tsvector column
// (to_tsvector('simple', title || ' ' || text)) with a GIN index queried by
// websearch_to_tsquery. schema_version holds the version; each migration commits with its
// version bump under an advisory lock, so workers starting together migrate once.
#pragma once

#include <memory>
#include <string>

#include "dyad/store/event_store.h"

namespace dyad {

namespace store_internal {
class PgConn;
// Version 1 and the migrations after it, as in schema.h (PostgreSQL spelling).
extern const char kPgSchemaV1[];
extern const char* const kPgMigrations[];
}  // namespace store_internal

class PgEventStore final : public EventStore {
 public:
  static StatusOr<std::unique_ptr<EventStore>> Open(const std::string& url,
                                                    const StoreOptions& options);
  ~PgEventStore() override;

  Status Begin() override;
  Status Commit() override;
  Status Rollback() override;
  StatusOr<bool> IsStored(std::string_view doc_id, std::string_view hash) override;
  StatusOr<PutResult> Put(const Document& doc, std::string_view hash) override;
  StatusOr<std::unique_ptr<Reader>> ReadDocuments() const override;
  StatusOr<CodingChange> ReplaceCoding(const Document& doc) override;
  Status PutGkg(std::string_view doc_id, const GkgRecord& gkg) override;
  StatusOr<RecordPage<StoredGkg>> Gkg(const EventFilter& filter, const Page& page) override;
  Status Analyze() override;
  StatusOr<std::string> GetSetting(std::string_view key) override;
  Status SetSetting(std::string_view key, std::string_view value) override;
  StatusOr<Counts> Count() override;
  StatusOr<RecordPage<EventRecord>> Events(const EventFilter& filter, const Page& page) override;
  StatusOr<EventRecord> EventById(int64_t id) override;
  StatusOr<RecordPage<MentionRecord>> Mentions(const EventFilter& filter,
                                               const Page& page) override;
  StatusOr<std::vector<SeriesPoint>> Series(const EventFilter& filter, Bucket bucket) override;
  StatusOr<std::vector<GroupCount>> CountBy(const EventFilter& filter, GroupBy by,
                                            int top) override;
  StatusOr<std::string> Dump() override;

 private:
  PgEventStore(std::string url, std::string name, int schema_version,
               std::unique_ptr<store_internal::PgConn> conn, StoreOptions options);
  StatusOr<PutResult> PutRows(const Document& doc, std::string_view hash);
  StatusOr<CodingChange> ReplaceCodingRows(const Document& doc);
  Status InsertCoding(int64_t id, const Document& doc);
  StatusOr<int64_t> FindDocument(std::string_view doc_id, std::string* hash);
  StatusOr<std::string_view> Text(int64_t doc);
  // Runs `body` as one atomic unit: in a savepoint inside the caller's transaction, else in a
  // transaction of its own.
  template <typename T, typename F>
  StatusOr<T> Atomically(const char* name, F body);

  std::string url_;
  StoreOptions options_;
  std::unique_ptr<store_internal::PgConn> conn_;
  bool in_transaction_ = false;
  int64_t cached_text_doc_ = -1;
  std::string cached_text_;
};

}  // namespace dyad
