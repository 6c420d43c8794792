// SqliteEventStore: the EventStore in one SQLite file (WAL mode, FTS5 for full-text search).
// Private to dyad_store; EventStore::Open makes one for a path. Schema: schema.h.
#pragma once

#include <memory>
#include <string>

#include "dyad/store/event_store.h"

namespace dyad {

class SqliteEventStore final : public EventStore {
 public:
  static StatusOr<std::unique_ptr<EventStore>> Open(const std::string& path,
                                                    const StoreOptions& options);
  ~SqliteEventStore() override;

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
  struct Impl;
  SqliteEventStore(std::string path, int schema_version, std::unique_ptr<Impl> impl);
  StatusOr<PutResult> PutRows(const Document& doc, std::string_view hash);
  StatusOr<CodingChange> ReplaceCodingRows(const Document& doc);
  std::unique_ptr<Impl> impl_;
};

}  // namespace dyad
