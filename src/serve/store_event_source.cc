// EventSource over the SQLite event store. An EventStore is one connection and not
// thread-safe, so each request borrows a read-only connection from a pool (WAL lets them read
// while the one writer writes); every query is the store's, with its values bound as parameters.
#include <mutex>

#include "dyad/serve/event_source.h"

namespace dyad::serve {

namespace {

class StoreSource final : public EventSource {
 public:
  StoreSource(std::string path, std::unique_ptr<EventStore> writer)
      : path_(std::move(path)), writer_(std::move(writer)) {}

  StatusOr<std::vector<EventRecord>> Events(const EventFilter& f, const Page& page) override {
    return WithReader([&](EventStore& s) -> StatusOr<std::vector<EventRecord>> {
      DYAD_ASSIGN_OR_RETURN(RecordPage<EventRecord> p, s.Events(f, page));
      return std::move(p.records);
    });
  }
  StatusOr<EventRecord> EventById(int64_t id) override {
    return WithReader([&](EventStore& s) { return s.EventById(id); });
  }
  StatusOr<std::vector<SeriesPoint>> Series(const EventFilter& f, Bucket bucket) override {
    return WithReader([&](EventStore& s) { return s.Series(f, bucket); });
  }
  StatusOr<std::vector<GroupCount>> CountBy(const EventFilter& f, GroupBy by, int top) override {
    return WithReader([&](EventStore& s) { return s.CountBy(f, by, top); });
  }
  StatusOr<int64_t> Count() override {
    return WithReader([&](EventStore& s) -> StatusOr<int64_t> {
      DYAD_ASSIGN_OR_RETURN(EventStore::Counts c, s.Count());
      return c.events;
    });
  }

  StatusOr<int64_t> Put(const Document& doc, const std::string& hash) override {
    if (!writer_) return FailedPreconditionError("the store is open read-only");
    std::lock_guard lock(write_mu_);
    DYAD_RETURN_IF_ERROR(writer_->Begin());
    StatusOr<PutResult> r = writer_->Put(doc, hash);
    if (!r.ok()) {
      (void)writer_->Rollback();
      return r.status();
    }
    DYAD_RETURN_IF_ERROR(writer_->Commit());
    return static_cast<int64_t>(doc.events.size());
  }

 private:
  // Runs `query` on a pooled read-only connection, opening one when none is free.
  template <typename Query>
  auto WithReader(Query query) -> decltype(query(std::declval<EventStore&>())) {
    std::unique_ptr<EventStore> conn;
    {
      std::lock_guard lock(pool_mu_);
      if (!pool_.empty()) {
        conn = std::move(pool_.back());
        pool_.pop_back();
      }
    }
    if (!conn) {
      DYAD_ASSIGN_OR_RETURN(conn, EventStore::Open(path_, StoreOptions{.read_only = true}));
    }
    auto result = query(*conn);
    std::lock_guard lock(pool_mu_);
    pool_.push_back(std::move(conn));
    return result;
  }

  std::string path_;
  std::mutex pool_mu_;
  std::vector<std::unique_ptr<EventStore>> pool_;
  std::mutex write_mu_;
  std::unique_ptr<EventStore> writer_;  // null when read-only
};

}  // namespace

StatusOr<std::unique_ptr<EventSource>> OpenStoreEventSource(const std::string& path,
                                                            bool writable) {
  std::unique_ptr<EventStore> writer;
  if (writable) {
    DYAD_ASSIGN_OR_RETURN(writer, EventStore::Open(path, StoreOptions{}));
  } else {
    // Fails now, not at the first request, when the file is missing or not a store.
    DYAD_ASSIGN_OR_RETURN(auto probe, EventStore::Open(path, StoreOptions{.read_only = true}));
  }
  return std::unique_ptr<EventSource>(std::make_unique<StoreSource>(path, std::move(writer)));
}

}  // namespace dyad::serve
