// dyad ingest: codes documents as `dyad code` does and keeps them — text, sentences, parses,
// actors, events — in an event store (SQLite), idempotent by document id and crash-safe.
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>

#include "dyad/store/event_store.h"
#include "event_stages.h"
#include "store_flags.h"
#include "verbs.h"

namespace dyad::cli {
namespace {

// The records of several inputs, one after another.
class ChainReader final : public Reader {
 public:
  ChainReader(std::vector<std::string> paths, ReaderOptions options)
      : paths_(std::move(paths)), options_(std::move(options)) {}
  std::optional<ReadRecord> Next() override {
    while (true) {
      if (!current_) {
        if (next_ >= paths_.size()) return std::nullopt;
        const std::string& path = paths_[next_++];
        auto r = OpenReader(path, options_);
        if (!r.ok()) {
          ReadRecord rec;
          rec.doc.meta.origin = path;
          rec.status = r.status();
          return rec;
        }
        current_ = std::move(*r);
      }
      if (auto rec = current_->Next()) return rec;
      for (std::string& n : current_->Notes()) notes_.push_back(std::move(n));
      current_.reset();
    }
  }
  std::vector<std::string> Notes() const override { return notes_; }

 private:
  std::vector<std::string> paths_;
  ReaderOptions options_;
  size_t next_ = 0;
  std::unique_ptr<Reader> current_;
  std::vector<std::string> notes_;
};

// Passes on the records whose document is not stored yet (or changed) and remembers each one's
// content hash, taken before any stage touches the metadata. The pipeline hands documents back
// in input order, so the hashes wait in a queue.
class NewDocumentReader final : public Reader {
 public:
  NewDocumentReader(Reader& inner, EventStore& store) : inner_(inner), store_(store) {}
  std::optional<ReadRecord> Next() override {
    while (auto rec = inner_.Next()) {
      text_bytes_ += rec->doc.text.size();
      if (!rec->status.ok()) {
        hashes_.emplace_back();
        return rec;
      }
      std::string hash = DocumentHash(rec->doc);
      StatusOr<bool> stored = store_.IsStored(rec->doc.meta.id, hash);
      if (!stored.ok()) {
        rec->status = stored.status();
        hashes_.emplace_back();
        return rec;
      }
      if (*stored) {
        ++skipped_;
        continue;
      }
      hashes_.push_back(std::move(hash));
      return rec;
    }
    return std::nullopt;
  }
  std::vector<std::string> Notes() const override { return inner_.Notes(); }
  std::string PopHash() {
    std::string h = std::move(hashes_.front());
    hashes_.pop_front();
    return h;
  }
  uint64_t skipped() const { return skipped_; }
  uint64_t text_bytes() const { return text_bytes_; }

 private:
  Reader& inner_;
  EventStore& store_;
  std::deque<std::string> hashes_;
  uint64_t skipped_ = 0, text_bytes_ = 0;
};

uint64_t InputBytes(const std::vector<std::string>& paths) {
  uint64_t total = 0;
  std::error_code ec;
  for (const std::string& p : paths) {
    if (std::filesystem::is_directory(p, ec)) {
      for (const auto& e : std::filesystem::recursive_directory_iterator(p, ec))
        if (e.is_regular_file(ec)) total += e.file_size(ec);
    } else if (std::filesystem::is_regular_file(p, ec)) {
      total += std::filesystem::file_size(p, ec);
    }
  }
  return total;
}

std::string Clock(double seconds) {
  int s = static_cast<int>(seconds + 0.5);
  return s >= 3600 ? fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
                   : fmt::format("{}:{:02}", s / 60, s % 60);
}

}  // namespace

VerbRun SetupIngest(CLI::App& app) {
  struct Flags {
    InputFlags in;
    std::vector<std::string> more;
    ModelFlags models;
    CodingFlags coding;
    std::string db = "dyad.db";
    size_t batch = 64;
  };
  auto f = std::make_shared<Flags>();
  AddInputFlags(app, f->in);
  app.add_option("more", f->more, "further input files or directories");
  AddModelFlags(app, f->models, Analysis::kParse);
  app.add_option("--db", f->db, "the event store (created when missing)")->capture_default_str();
  AddCodingFlags(app, f->coding);
  app.add_option("--batch", f->batch, "documents per transaction")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  return [f]() -> int {
    StatusOr<ReaderOptions> ro = MakeReaderOptions(f->in);
    if (!ro.ok()) return Fail(ro.status());
    auto stages = MakeEventPipelineStages(f->in, f->models, f->coding, "ingest");
    if (!stages.ok()) return Fail(stages.status());
    auto store = EventStore::Open(f->db, {});
    if (!store.ok()) return Fail(store.status());

    std::vector<std::string> paths = {f->in.path};
    paths.insert(paths.end(), f->more.begin(), f->more.end());
    ChainReader inputs(paths, *ro);
    NewDocumentReader reader(inputs, **store);
    const bool progress = ::isatty(::fileno(stderr));
    const uint64_t input_bytes = progress ? InputBytes(paths) : 0;

    uint64_t inserted = 0, replaced = 0, unchanged = 0, events = 0, in_batch = 0;
    Status store_error;
    auto start = std::chrono::steady_clock::now();
    auto last_draw = start;
    // The events of one store are coded one way; a run with other dictionaries or options
    // says so (its new documents would differ from the stored ones until a recode).
    const std::string how_coded =
        CodingSetting(f->coding.dictionaries, f->coding.all_events, !f->coding.null_actors);
    auto stored_coding = (*store)->GetSetting("coding");
    if (!stored_coding.ok()) return Fail(stored_coding.status());
    if (!stored_coding->empty() && *stored_coding != how_coded)
      fmt::print(stderr,
                 "dyad ingest: warning: {} was coded with {}; this run codes with {} (dyad recode "
                 "--db {} re-codes every stored document alike)\n",
                 f->db, *stored_coding, how_coded, f->db);
    if (Status st = (*store)->Begin(); !st.ok()) return Fail(st);
    if (stored_coding->empty()) {
      if (Status st = (*store)->SetSetting("coding", how_coded); !st.ok()) return Fail(st);
    }
    Pipeline pipeline(*stages, PipelineOptions{.threads = f->in.threads});
    PipelineOutput po;
    // Under a progress bar, the pipeline's error lines are collected and printed above the bar
    // instead of running into it.
    char* diag_buf = nullptr;
    size_t diag_len = 0, diag_shown = 0;
    std::FILE* diag = progress ? ::open_memstream(&diag_buf, &diag_len) : nullptr;
    if (diag) po.diagnostics = diag;
    auto show_diagnostics = [&] {
      if (!diag) return false;
      std::fflush(diag);
      if (diag_len == diag_shown) return false;
      fmt::print(stderr, "\r\033[K{}",
                 std::string_view(diag_buf + diag_shown, diag_len - diag_shown));
      diag_shown = diag_len;
      return true;
    };
    po.on_document = [&](const Document& doc, const Status& status) {
      bool redraw = show_diagnostics();
      std::string hash = reader.PopHash();
      if (!status.ok() || !store_error.ok()) return;
      StatusOr<PutResult> r = (*store)->Put(doc, hash);
      if (!r.ok()) {
        store_error = Status(r.status().code(), doc.meta.origin + ": " + r.status().message());
        return;
      }
      if (*r == PutResult::kInserted) ++inserted;
      if (*r == PutResult::kReplaced) ++replaced;
      if (*r == PutResult::kUnchanged) ++unchanged;  // an id repeated in the input
      if (*r != PutResult::kUnchanged) events += doc.events.size();
      if (++in_batch >= f->batch) {
        in_batch = 0;
        store_error = (*store)->Commit();
        if (store_error.ok()) store_error = (*store)->Begin();
      }
      auto now = std::chrono::steady_clock::now();
      if (progress && (redraw || now - last_draw > std::chrono::milliseconds(200))) {
        last_draw = now;
        double sec = std::chrono::duration<double>(now - start).count();
        uint64_t done = inserted + replaced + unchanged;
        // Text bytes read over input bytes: an estimate (markup and metadata are not text).
        double frac = input_bytes ? std::min(0.99, double(reader.text_bytes()) / input_bytes) : 0;
        int width = 30, fill = static_cast<int>(frac * width);
        fmt::print(stderr, "\r[{}{}] {} docs, {} events, {:.1f} docs/s, ETA {}   ",
                   std::string(fill, '#'), std::string(width - fill, '.'), done, events,
                   sec > 0 ? done / sec : 0.0,
                   frac > 0.01 ? Clock(sec / frac * (1 - frac)) : std::string("?"));
      }
    };
    RunStats stats = pipeline.Run(reader, po);
    if (store_error.ok()) store_error = (*store)->Commit();
    if (store_error.ok() && inserted + replaced > 0) store_error = (*store)->Analyze();
    if (progress) fmt::print(stderr, "\r\033[K");
    show_diagnostics();
    if (diag) {
      std::fclose(diag);
      std::free(diag_buf);
    }
    for (const std::string& note : reader.Notes()) fmt::print(stderr, "dyad ingest: {}\n", note);
    if (!store_error.ok()) {
      (void)(*store)->Rollback();
      fmt::print(stderr, "dyad ingest: {}\n", store_error.message());
    }
    fmt::print(stderr,
               "dyad ingest: read {}, ok {}, failed {}, skipped-unchanged {}, inserted {}, "
               "replaced {}; {} sentences, {} events in {:.2f} s ({:.1f} docs/s, {:.0f} "
               "sentences/s, {} threads) -> {}\n",
               stats.read + reader.skipped(), stats.ok, stats.failed, reader.skipped() + unchanged,
               inserted, replaced, stats.sentences, events, stats.seconds,
               stats.seconds > 0 ? stats.read / stats.seconds : 0.0,
               stats.seconds > 0 ? stats.sentences / stats.seconds : 0.0, stats.threads, f->db);
    if (!store_error.ok())
      return store_error.code() == StatusCode::kInternal ? kExitInternal : kExitData;
    return stats.failed > 0 ? kExitData : kExitOk;
  };
}

}  // namespace dyad::cli
