// dyad worker: consumes documents from a RabbitMQ queue, codes them and writes each one's rows
// to the event store in one transaction, acking the message only after the commit.
//
// Delivery is at-least-once: a message whose worker dies before the ack comes back to another
// worker, and the store's idempotent Put (document id + content hash) turns the repeat into
// "unchanged". A document that cannot be read or coded goes to the dead-letter queue
// `<queue>.dead` with its error in the `x-dyad-error` header, then is acked: it is never
// dropped silently and never retried forever. When the broker or the database goes away the
// thread closes both connections (the broker requeues what it had not acked) and reconnects
// with back-off. SIGTERM and SIGINT finish the document in hand and stop.
#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <mutex>
#include <thread>

#include "dyad/actors/actor_coder.h"
#include "dyad/io/reader.h"
#include "dyad/places/knowledge_graph.h"
#include "dyad/queue/amqp.h"
#include "dyad/store/event_store.h"
#include "event_stages.h"
#include "verbs.h"

namespace dyad::cli {

namespace {

std::atomic<bool> g_stop{false};

extern "C" void OnStopSignal(int) { g_stop.store(true); }

struct WorkerConfig {
  std::string amqp, queue, db;
  uint16_t prefetch = 8;
  double idle_exit = 0;  // seconds without a message after which the thread stops; 0 = never
  int max_backoff_ms = 5000;
};

struct WorkerStats {
  std::atomic<uint64_t> inserted{0}, replaced{0}, unchanged{0}, dead{0}, events{0}, sentences{0},
      reconnects{0};
  // Time spent in the store for documents written: Begin + Put + Commit, in nanoseconds.
  std::atomic<uint64_t> store_ns{0};
};

std::string Header(const Delivery& d, std::string_view name) {
  for (const auto& [k, v] : d.headers)
    if (k == name) return v;
  return {};
}

class WorkerThread {
 public:
  WorkerThread(int id, const WorkerConfig& config,
               const std::vector<std::shared_ptr<const Stage>>& stages, WorkerStats& stats,
               std::mutex& log_mutex)
      : id_(id), config_(config), stages_(stages), stats_(stats), log_mutex_(log_mutex) {
    for (const auto& s : stages_) workspaces_.push_back(s->NewWorkspace());
    themes_ = GkgThemeDictionary(stages_);
    reader_options_.format = InputFormat::kJsonl;
  }

  void Run() {
    auto last_message = std::chrono::steady_clock::now();
    int failures = 0;
    while (!g_stop.load()) {
      if (Status st = Connect(); !st.ok()) {
        if (st.code() != StatusCode::kUnavailable) {
          Log("{}", st.message());
          error_ = st;
          return;
        }
        Backoff(st, ++failures);
        last_message = std::chrono::steady_clock::now();  // an outage is not idleness
        continue;
      }
      StatusOr<std::optional<Delivery>> d = channel_->Next(200);
      if (!d.ok()) {
        channel_.reset();  // the broker requeues whatever this connection held unacked
        Backoff(d.status(), ++failures);
        last_message = std::chrono::steady_clock::now();
        continue;
      }
      if (!d->has_value()) {
        const double idle =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - last_message).count();
        if (config_.idle_exit > 0 && idle >= config_.idle_exit) break;
        continue;
      }
      last_message = std::chrono::steady_clock::now();
      if (Status st = Handle(**d); !st.ok()) {
        Backoff(st, ++failures);
        last_message = std::chrono::steady_clock::now();
        continue;
      }
      failures = 0;
    }
    channel_.reset();  // unacked prefetched messages go back to the queue
  }

  const Status& error() const { return error_; }

 private:
  Status Connect() {
    if (!store_) {
      StatusOr<std::unique_ptr<EventStore>> store = EventStore::Open(config_.db, {});
      if (!store.ok()) {
        if (store.status().code() == StatusCode::kFailedPrecondition) return store.status();
        return UnavailableError(store.status().message());  // a busy or unreachable database
      }
      store_ = std::move(*store);
    }
    if (!channel_) {
      DYAD_ASSIGN_OR_RETURN(channel_, AmqpChannel::Open(config_.amqp));
      DYAD_RETURN_IF_ERROR(channel_->DeclareQueue(config_.queue));
      DYAD_RETURN_IF_ERROR(channel_->DeclareQueue(config_.queue + ".dead"));
      DYAD_RETURN_IF_ERROR(channel_->EnableConfirms());
      DYAD_RETURN_IF_ERROR(channel_->Consume(config_.queue, config_.prefetch));
    }
    return Status::Ok();
  }

  // Codes and stores one message; an error here means a connection failed, and the message
  // stays unacked (the broker gives it to a worker again).
  Status Handle(const Delivery& d) {
    std::string origin = Header(d, "x-dyad-origin");
    if (origin.empty()) origin = fmt::format("{}:{}", config_.queue, d.tag);
    std::unique_ptr<Reader> reader = OpenStringReader(d.body, origin, reader_options_);
    std::optional<ReadRecord> rec = reader->Next();
    if (!rec) return DeadLetter(d, DataError(origin + ": empty message"));
    if (!rec->status.ok()) return DeadLetter(d, rec->status);
    if (reader->Next())
      return DeadLetter(d, DataError(origin + ": more than one record in a message"));
    Document& doc = rec->doc;
    doc.meta.origin = origin;  // where `dyad enqueue` read it, not the message's line 1
    const std::string hash = DocumentHash(doc);  // before any stage touches the metadata
    {
      StatusOr<bool> stored = store_->IsStored(doc.meta.id, hash);
      if (!stored.ok()) return DropStore(stored.status());
      if (*stored) {
        ++stats_.unchanged;
        return Ack(d);
      }
    }
    for (size_t i = 0; i < stages_.size(); ++i) {
      if (Status st = stages_[i]->Process(doc, *workspaces_[i]); !st.ok())
        return DeadLetter(d, DataError(fmt::format("{} ({}): {}: {}", origin, doc.meta.id,
                                                   stages_[i]->name(), st.message())));
    }
    const auto store_start = std::chrono::steady_clock::now();
    if (Status st = store_->Begin(); !st.ok()) return DropStore(st);
    StatusOr<PutResult> put = store_->Put(doc, hash);
    if (!put.ok()) {
      (void)store_->Rollback();
      if (put.status().code() == StatusCode::kDataError) return DeadLetter(d, put.status());
      return DropStore(put.status());
    }
    // The knowledge-graph view, in the document's transaction (as dyad ingest keeps it).
    if (*put != PutResult::kUnchanged) {
      if (Status st = store_->PutGkg(doc.meta.id, BuildGkg(doc, themes_)); !st.ok()) {
        (void)store_->Rollback();
        return DropStore(st);
      }
    }
    if (Status st = store_->Commit(); !st.ok()) return DropStore(st);
    stats_.store_ns += std::chrono::duration_cast<std::chrono::nanoseconds>(
                           std::chrono::steady_clock::now() - store_start)
                           .count();
    switch (*put) {
      case PutResult::kInserted:
        ++stats_.inserted;
        break;
      case PutResult::kReplaced:
        ++stats_.replaced;
        break;
      case PutResult::kUnchanged:
        ++stats_.unchanged;
        break;
    }
    if (*put != PutResult::kUnchanged) {
      stats_.events += doc.events.size();
      stats_.sentences += doc.sentences.size();
    }
    return Ack(d);
  }

  Status Ack(const Delivery& d) {
    if (Status st = channel_->Ack(d.tag); !st.ok()) {
      channel_.reset();
      return st;
    }
    return Status::Ok();
  }

  // The message, with its error, onto the dead-letter queue (confirmed), then acked.
  Status DeadLetter(const Delivery& d, const Status& error) {
    Log("dead letter: {}", error.message());
    AmqpHeaders headers = d.headers;
    headers.emplace_back("x-dyad-error", error.message());
    if (Status st = channel_->Publish(config_.queue + ".dead", d.body, headers); !st.ok())
      return Drop(st);
    if (Status st = channel_->WaitForConfirms(); !st.ok()) return Drop(st);
    ++stats_.dead;
    return Ack(d);
  }

  Status Drop(Status st) {
    channel_.reset();
    return st;
  }
  Status DropStore(Status st) {
    store_.reset();
    channel_.reset();  // the broker requeues the message we could not store
    return st.code() == StatusCode::kUnavailable ? st : UnavailableError(st.message());
  }

  void Backoff(const Status& st, int failures) {
    const int ms = std::min(100 << std::min(failures - 1, 6), config_.max_backoff_ms);
    Log("{}; reconnecting in {} ms", st.message(), ms);
    ++stats_.reconnects;
    for (int waited = 0; waited < ms && !g_stop.load(); waited += 50)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }

  template <typename... Args>
  void Log(fmt::format_string<Args...> format, Args&&... args) {
    std::lock_guard<std::mutex> lock(log_mutex_);
    fmt::print(stderr, "dyad worker[{}]: {}\n", id_,
               fmt::format(format, std::forward<Args>(args)...));
  }

  int id_;
  const WorkerConfig& config_;
  const std::vector<std::shared_ptr<const Stage>>& stages_;
  const Dictionary* themes_ = nullptr;  // GkgThemeDictionary(stages_)
  std::vector<std::unique_ptr<Stage::Workspace>> workspaces_;
  WorkerStats& stats_;
  std::mutex& log_mutex_;
  ReaderOptions reader_options_;
  std::unique_ptr<AmqpChannel> channel_;
  std::unique_ptr<EventStore> store_;
  Status error_;
};

}  // namespace

VerbRun SetupWorker(CLI::App& app) {
  struct Flags {
    InputFlags in;
    ModelFlags models;
    CodingFlags coding;
    WorkerConfig config;
  };
  auto f = std::make_shared<Flags>();
  f->config.amqp = "amqp://guest:guest@127.0.0.1:5672";
  f->config.queue = "dyad.documents";
  f->config.db = "dyad.db";
  AddInputFlags(app, f->in);
  app.remove_option(app.get_option("input"));
  f->in.threads = 1;
  AddModelFlags(app, f->models, Analysis::kAll);
  AddCodingFlags(app, f->coding);
  AddStoreNerFlag(app, f->coding);
  app.add_option("--amqp", f->config.amqp, "broker URL amqp://user:pass@host:port/vhost")
      ->capture_default_str();
  app.add_option("--queue", f->config.queue, "queue to consume; failures go to QUEUE.dead")
      ->capture_default_str();
  app.add_option("--db", f->config.db, "the event store")->capture_default_str();
  app.add_option("--prefetch", f->config.prefetch, "unacked messages a thread may hold")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  app.add_option("--idle-exit", f->config.idle_exit,
                 "stop after this many seconds without a message (0 = run until SIGTERM)")
      ->capture_default_str();
  return [f]() -> int {
    auto stages = MakeEventPipelineStages(f->in, f->models, f->coding, "worker");
    if (!stages.ok()) return Fail(stages.status());
    {  // create or migrate the store once, before the threads open their connections
      auto store = EventStore::Open(f->config.db, {});
      if (!store.ok()) return Fail(store.status());
    }
    std::signal(SIGTERM, OnStopSignal);
    std::signal(SIGINT, OnStopSignal);
    const int threads =
        f->in.threads > 0 ? f->in.threads : static_cast<int>(std::thread::hardware_concurrency());
    WorkerStats stats;
    std::mutex log_mutex;
    std::vector<std::unique_ptr<WorkerThread>> workers;
    std::vector<std::thread> running;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < threads; ++i)
      workers.push_back(std::make_unique<WorkerThread>(i, f->config, *stages, stats, log_mutex));
    for (auto& w : workers) running.emplace_back([&w] { w->Run(); });
    for (auto& t : running) t.join();
    const double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const uint64_t stored = stats.inserted + stats.replaced;
    fmt::print(stderr,
               "dyad worker: stored {} (inserted {}, replaced {}), unchanged {}, dead-lettered "
               "{}; {} sentences, {} events; {} reconnects; {:.1f} s ({:.1f} documents/s); "
               "store {:.2f} ms/document (Begin+Put+Commit){}\n",
               stored, stats.inserted.load(), stats.replaced.load(), stats.unchanged.load(),
               stats.dead.load(), stats.sentences.load(), stats.events.load(),
               stats.reconnects.load(), s, s > 0 ? stored / s : 0.0,
               stored > 0 ? stats.store_ns.load() / 1e6 / stored : 0.0,
               g_stop.load() ? "; stopped by signal" : "");
    for (auto& w : workers)
      if (!w->error().ok()) return Fail(w->error());
    return kExitOk;
  };
}

}  // namespace dyad::cli
