// dyad enqueue: publishes documents to a RabbitMQ work queue for `dyad worker`s.
//
// Each readable record becomes one persistent message (the document as a JSON Lines record,
// AppendDocumentRecord) on a durable queue, with publisher confirms: a message counts as
// enqueued only once the broker has acked it. When the broker goes away the unconfirmed
// window is published again after reconnecting (at-least-once; the workers' idempotent
// writes make a duplicate harmless). Records that cannot be read are reported and counted,
// never sent.
#include <fmt/format.h>

#include <chrono>
#include <deque>
#include <thread>

#include "common.h"
#include "dyad/io/reader.h"
#include "dyad/io/writer.h"
#include "dyad/queue/amqp.h"
#include "verbs.h"

namespace dyad::cli {

namespace {

struct Message {
  std::string body;
  AmqpHeaders headers;
};

// Publishes with confirms in windows, reconnecting with back-off when the broker is away.
class Publisher {
 public:
  Publisher(std::string url, std::string queue, size_t window, int max_retries)
      : url_(std::move(url)), queue_(std::move(queue)), window_(window),
        max_retries_(max_retries) {}

  Status Add(Message m) {
    pending_.push_back(std::move(m));
    if (channel_) {
      if (Status st = channel_->Publish(queue_, pending_.back().body, pending_.back().headers);
          !st.ok())
        channel_.reset();
    }
    return pending_.size() >= window_ ? Flush() : Status::Ok();
  }

  // Returns once the broker has confirmed every message added so far.
  Status Flush() {
    for (int attempt = 0;; ++attempt) {
      Status st = channel_ ? channel_->WaitForConfirms() : Reconnect();
      if (st.ok() && channel_ && channel_->unconfirmed() == 0) {
        confirmed_ += pending_.size();
        pending_.clear();
        return Status::Ok();
      }
      channel_.reset();
      if (attempt >= max_retries_ || st.code() != StatusCode::kUnavailable) return st;
      const int delay_ms = std::min(100 << std::min(attempt, 6), 5000);
      fmt::print(stderr, "dyad enqueue: {}; retrying in {} ms ({} messages unconfirmed)\n",
                 st.message(), delay_ms, pending_.size());
      std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
      ++reconnects_;
    }
  }

  uint64_t confirmed() const { return confirmed_; }
  uint64_t reconnects() const { return reconnects_; }

 private:
  // Opens a channel and publishes the whole unconfirmed window on it.
  Status Reconnect() {
    DYAD_ASSIGN_OR_RETURN(channel_, AmqpChannel::Open(url_));
    DYAD_RETURN_IF_ERROR(channel_->DeclareQueue(queue_));
    DYAD_RETURN_IF_ERROR(channel_->EnableConfirms());
    for (const Message& m : pending_)
      DYAD_RETURN_IF_ERROR(channel_->Publish(queue_, m.body, m.headers));
    return channel_->WaitForConfirms();
  }

  std::string url_, queue_;
  size_t window_;
  int max_retries_;
  std::unique_ptr<AmqpChannel> channel_;
  std::deque<Message> pending_;
  uint64_t confirmed_ = 0, reconnects_ = 0;
};

}  // namespace

constexpr uint64_t kMaxMessages = 20;  // error lines printed; the rest are counted

VerbRun SetupEnqueue(CLI::App& app) {
  struct Flags {
    InputFlags in;
    std::vector<std::string> files;
    std::string amqp = "amqp://guest:guest@127.0.0.1:5672";
    std::string queue = "dyad.documents";
    size_t window = 256;
    int retries = 20;
  };
  auto f = std::make_shared<Flags>();
  AddInputFlags(app, f->in);
  app.remove_option(app.get_option("input"));
  app.remove_option(app.get_option("--threads"));
  app.add_option("files", f->files, "input files or directories; - for standard input")
      ->required();
  app.add_option("--amqp", f->amqp, "broker URL amqp://user:pass@host:port/vhost")
      ->capture_default_str();
  app.add_option("--queue", f->queue, "durable queue the workers consume")->capture_default_str();
  app.add_option("--window", f->window, "messages published before waiting for confirms")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--retries", f->retries, "reconnect attempts before giving up")
      ->capture_default_str();
  return [f]() -> int {
    StatusOr<ReaderOptions> ro = MakeReaderOptions(f->in);
    if (!ro.ok()) return Fail(ro.status());
    const auto start = std::chrono::steady_clock::now();
    Publisher publisher(f->amqp, f->queue, f->window, f->retries);
    uint64_t read = 0, failed = 0;
    std::unique_ptr<Reader> reader = OpenReaders(f->files, *ro);
    while (std::optional<ReadRecord> rec = reader->Next()) {
      ++read;
      if (!rec->status.ok()) {
        if (++failed <= kMaxMessages) fmt::print(stderr, "dyad enqueue: {}\n", rec->status.message());
        continue;
      }
      Message m;
      AppendDocumentRecord(rec->doc, m.body);
      m.headers = {{"x-dyad-origin", rec->doc.meta.origin}, {"x-dyad-id", rec->doc.meta.id}};
      if (Status st = publisher.Add(std::move(m)); !st.ok()) return Fail(st);
    }
    if (Status st = publisher.Flush(); !st.ok()) return Fail(st);
    if (failed > kMaxMessages)
      fmt::print(stderr, "dyad enqueue: … and {} more unreadable records\n", failed - kMaxMessages);
    const double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    fmt::print(stderr,
               "dyad enqueue: read {}, enqueued {}, failed {}; queue {}; {} reconnects; {:.2f} s "
               "({:.0f} documents/s)\n",
               read, publisher.confirmed(), failed, f->queue, publisher.reconnects(), s,
               s > 0 ? publisher.confirmed() / s : 0.0);
    return failed > 0 ? kExitData : kExitOk;
  };
}

}  // namespace dyad::cli
