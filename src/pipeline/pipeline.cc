#include "dyad/pipeline/pipeline.h"

#include <fmt/format.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

namespace dyad {
namespace {

using Clock = std::chrono::steady_clock;

double Since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

struct Batch {
  uint64_t seq = 0;
  std::vector<ReadRecord> records;
  std::string formatted;
  std::vector<double> stage_seconds;
};

}  // namespace

std::string RunStats::Summary() const {
  return fmt::format("read {}, ok {}, failed {}, warnings {}", read, ok, failed, warnings);
}

Pipeline::Pipeline(std::vector<std::shared_ptr<const Stage>> stages, PipelineOptions options)
    : stages_(std::move(stages)), options_(options) {}

RunStats Pipeline::Run(Reader& reader, const PipelineOutput& output) const {
  const auto start = Clock::now();
  RunStats stats;
  int threads = options_.threads > 0 ? options_.threads
                                     : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  stats.threads = threads;
  const size_t in_flight_max =
      options_.max_batches_in_flight > 0 ? options_.max_batches_in_flight : 4 * static_cast<size_t>(threads);
  const size_t batch_size = std::max<size_t>(1, options_.batch_documents);

  std::mutex mu;
  std::condition_variable work_cv, done_cv;
  std::deque<std::unique_ptr<Batch>> todo;
  std::map<uint64_t, std::unique_ptr<Batch>> done;
  bool closing = false;

  auto process = [&](Batch& b, std::vector<std::unique_ptr<Stage::Workspace>>& ws) {
    b.stage_seconds.assign(stages_.size(), 0.0);
    for (ReadRecord& rec : b.records) {
      if (!rec.status.ok()) continue;
      for (size_t s = 0; s < stages_.size() && rec.status.ok(); ++s) {
        auto t0 = Clock::now();
        Status st = stages_[s]->Process(rec.doc, *ws[s]);
        b.stage_seconds[s] += Since(t0);
        if (!st.ok()) {
          rec.status = Status(st.code(), rec.doc.meta.origin + " (" + rec.doc.meta.id + "): " +
                                             std::string(stages_[s]->name()) + ": " + st.message());
        }
      }
      if (rec.status.ok() && output.writer) output.writer->Append(rec.doc, b.formatted);
    }
  };

  auto worker = [&] {
    std::vector<std::unique_ptr<Stage::Workspace>> ws;
    for (const auto& s : stages_) ws.push_back(s->NewWorkspace());
    while (true) {
      std::unique_ptr<Batch> b;
      {
        std::unique_lock<std::mutex> lock(mu);
        work_cv.wait(lock, [&] { return closing || !todo.empty(); });
        if (todo.empty()) return;
        b = std::move(todo.front());
        todo.pop_front();
      }
      process(*b, ws);
      {
        std::lock_guard<std::mutex> lock(mu);
        done.emplace(b->seq, std::move(b));
      }
      done_cv.notify_all();
    }
  };

  size_t errors_shown = 0, warnings_shown = 0;
  std::vector<double> stage_totals(stages_.size(), 0.0);
  auto emit = [&](Batch& b) {
    for (size_t s = 0; s < stage_totals.size() && s < b.stage_seconds.size(); ++s)
      stage_totals[s] += b.stage_seconds[s];
    for (const ReadRecord& rec : b.records) {
      ++stats.read;
      if (rec.status.ok()) {
        ++stats.ok;
        stats.sentences += rec.doc.sentences.size();
        stats.tokens += rec.doc.tokens.size();
        stats.bytes += rec.doc.text.size();
      } else {
        ++stats.failed;
        if (output.diagnostics && errors_shown++ < output.max_messages) {
          fmt::print(output.diagnostics, "dyad: error: {}\n", rec.status.message());
        }
      }
      for (const std::string& w : rec.doc.warnings) {
        ++stats.warnings;
        if (output.diagnostics && warnings_shown++ < output.max_messages) {
          fmt::print(output.diagnostics, "dyad: warning: {} ({}): {}\n", rec.doc.meta.origin,
                     rec.doc.meta.id, w);
        }
      }
      if (output.on_document) output.on_document(rec.doc, rec.status);
    }
    if (output.out && !b.formatted.empty()) {
      std::fwrite(b.formatted.data(), 1, b.formatted.size(), output.out);
    }
  };

  std::vector<std::thread> pool;
  // One thread: process on the calling thread, no hand-offs.
  std::vector<std::unique_ptr<Stage::Workspace>> local_ws;
  if (threads == 1) {
    for (const auto& s : stages_) local_ws.push_back(s->NewWorkspace());
  } else {
    for (int i = 0; i < threads; ++i) pool.emplace_back(worker);
  }

  uint64_t next_seq = 0, next_emit = 0;
  // Emits finished batches in sequence until fewer than `limit` remain in flight.
  auto drain = [&](uint64_t limit) {
    std::unique_lock<std::mutex> lock(mu);
    while (next_seq - next_emit >= limit) {
      auto it = done.find(next_emit);
      if (it == done.end()) {
        done_cv.wait(lock);
        continue;
      }
      std::unique_ptr<Batch> ready = std::move(it->second);
      done.erase(it);
      lock.unlock();
      emit(*ready);
      lock.lock();
      ++next_emit;
    }
  };
  bool eof = false;
  while (!eof) {
    auto b = std::make_unique<Batch>();
    b->seq = next_seq;
    auto t0 = Clock::now();
    while (b->records.size() < batch_size) {
      std::optional<ReadRecord> rec = reader.Next();
      if (!rec) {
        eof = true;
        break;
      }
      b->records.push_back(std::move(*rec));
    }
    stats.read_seconds += Since(t0);
    if (b->records.empty()) break;
    ++next_seq;
    if (threads == 1) {
      process(*b, local_ws);
      emit(*b);
      ++next_emit;
      continue;
    }
    {
      std::lock_guard<std::mutex> lock(mu);
      todo.push_back(std::move(b));
    }
    work_cv.notify_one();
    // Emit what is ready in order; block while too many batches are in flight.
    drain(in_flight_max);
  }
  if (threads > 1) {
    drain(1);  // everything
    {
      std::lock_guard<std::mutex> lock(mu);
      closing = true;
    }
    work_cv.notify_all();
    for (std::thread& t : pool) t.join();
  }
  if (output.diagnostics) {
    for (const std::string& note : reader.Notes()) fmt::print(output.diagnostics, "dyad: note: {}\n", note);
    if (errors_shown > output.max_messages)
      fmt::print(output.diagnostics, "dyad: {} more errors not shown\n", errors_shown - output.max_messages);
    if (warnings_shown > output.max_messages)
      fmt::print(output.diagnostics, "dyad: {} more warnings not shown\n", warnings_shown - output.max_messages);
  }
  for (size_t s = 0; s < stages_.size(); ++s)
    stats.stage_seconds.emplace_back(std::string(stages_[s]->name()), stage_totals[s]);
  stats.seconds = Since(start);
  return stats;
}

}  // namespace dyad
