// The ingest run shared by `dyad ingest` and `dyad serve --corpus` (see ingest.h).
#include "ingest.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <optional>

#include "dyad/actors/actor_coder.h"
#include "dyad/places/knowledge_graph.h"
#include "event_stages.h"
#include "verbs.h"

namespace dyad::cli {
namespace {

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

// This process's resident memory now, from /proc/self/status: anonymous pages (heap, SQLite's
// page cache) and file pages (mapped models, gazetteer and the store's memory-mapped reads, which
// the kernel can drop). Zeros where /proc cannot be read.
struct Resident {
  double anon_mb = 0, file_mb = 0;
};
Resident ResidentNow() {
  Resident r;
  std::FILE* f = std::fopen("/proc/self/status", "r");
  if (!f) return r;
  char line[256];
  unsigned long kb = 0;
  while (std::fgets(line, sizeof line, f)) {
    if (std::sscanf(line, "RssAnon: %lu kB", &kb) == 1) r.anon_mb = kb / 1024.0;
    if (std::sscanf(line, "RssFile: %lu kB", &kb) == 1) r.file_mb = kb / 1024.0;
  }
  std::fclose(f);
  return r;
}

std::string Clock(double seconds) {
  int s = static_cast<int>(seconds + 0.5);
  return s >= 3600 ? fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
                   : fmt::format("{}:{:02}", s / 60, s % 60);
}

}  // namespace

StatusOr<IngestSummary> IngestIntoStore(const std::vector<std::string>& paths,
                                        const ReaderOptions& reader_options,
                                        const std::vector<std::shared_ptr<const Stage>>& stages,
                                        EventStore& store, const IngestOptions& options) {
  const char* verb = options.verb;
  std::unique_ptr<Reader> inputs = OpenReaders(paths, reader_options);
  NewDocumentReader reader(*inputs, store);
  const bool progress = ::isatty(::fileno(stderr));
  const uint64_t input_bytes = progress ? InputBytes(paths) : 0;

  IngestSummary sum;
  uint64_t in_batch = 0;
  Status& store_error = sum.store_error;
  auto start = std::chrono::steady_clock::now();
  auto last_draw = start;
  // The events of one store are coded one way; a run with other dictionaries or options
  // says so (its new documents would differ from the stored ones until a recode).
  DYAD_ASSIGN_OR_RETURN(std::string stored_coding, store.GetSetting("coding"));
  if (!stored_coding.empty() && stored_coding != options.coding_setting)
    fmt::print(stderr,
               "dyad {}: warning: {} was coded with {}; this run codes with {} (dyad recode "
               "--db {} re-codes every stored document alike)\n",
               verb, options.db, stored_coding, options.coding_setting, options.db);
  DYAD_RETURN_IF_ERROR(store.Begin());
  if (stored_coding.empty()) {
    if (Status st = store.SetSetting("coding", options.coding_setting); !st.ok()) {
      (void)store.Rollback();
      return st;
    }
  }
  // The GKG view's themes: the event coder's issues layer, or the actor dictionaries' issues.
  const Dictionary* themes = GkgThemeDictionary(stages);
  Pipeline pipeline(stages, PipelineOptions{.threads = options.threads});
  PipelineOutput po;
  po.max_messages = options.max_messages;
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
  uint64_t handed_back = 0;  // documents the pipeline gave back so far, failed ones included
  po.on_document = [&](const Document& doc, const Status& status) {
    const uint64_t seen = ++handed_back;
    if (options.log_every && seen % options.log_every == 0 && !progress) {
      double sec = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      Resident mem = ResidentNow();
      fmt::print(
          stderr,
          "dyad {}: log: {} coded, {} stored, {} events, {:.1f} s, {:.1f} docs/s, rss anon {:.1f} "
          "MB, file {:.1f} MB\n",
          verb, seen, sum.inserted + sum.replaced + sum.unchanged, sum.events, sec,
          sec > 0 ? seen / sec : 0.0, mem.anon_mb, mem.file_mb);
    }
    bool redraw = show_diagnostics();
    std::string hash = reader.PopHash();
    if (!status.ok() || !store_error.ok()) return;
    StatusOr<PutResult> r = store.Put(doc, hash);
    if (!r.ok()) {
      store_error = Status(r.status().code(), doc.meta.origin + ": " + r.status().message());
      return;
    }
    if (*r == PutResult::kInserted) ++sum.inserted;
    if (*r == PutResult::kReplaced) ++sum.replaced;
    if (*r == PutResult::kUnchanged) ++sum.unchanged;  // an id repeated in the input
    if (*r != PutResult::kUnchanged) sum.events += doc.events.size();
    if (*r != PutResult::kUnchanged && options.gkg) {
      if (Status st = store.PutGkg(doc.meta.id, BuildGkg(doc, themes)); !st.ok()) {
        store_error = Status(st.code(), doc.meta.origin + ": " + st.message());
        return;
      }
    }
    if (++in_batch >= options.batch) {
      in_batch = 0;
      store_error = store.Commit();
      if (store_error.ok()) store_error = store.Begin();
    }
    auto now = std::chrono::steady_clock::now();
    if (progress && (redraw || now - last_draw > std::chrono::milliseconds(200))) {
      last_draw = now;
      double sec = std::chrono::duration<double>(now - start).count();
      uint64_t done = sum.inserted + sum.replaced + sum.unchanged;
      // Text bytes read over input bytes: an estimate (markup and metadata are not text).
      double frac = input_bytes ? std::min(0.99, double(reader.text_bytes()) / input_bytes) : 0;
      int width = 30, fill = static_cast<int>(frac * width);
      fmt::print(stderr, "\r[{}{}] {} docs, {} events, {:.1f} docs/s, ETA {}   ",
                 std::string(fill, '#'), std::string(width - fill, '.'), done, sum.events,
                 sec > 0 ? done / sec : 0.0,
                 frac > 0.01 ? Clock(sec / frac * (1 - frac)) : std::string("?"));
    }
  };
  sum.stats = pipeline.Run(reader, po);
  const RunStats& stats = sum.stats;
  sum.skipped = reader.skipped();
  if (store_error.ok()) store_error = store.Commit();
  if (store_error.ok() && sum.inserted + sum.replaced > 0) store_error = store.Analyze();
  if (progress) fmt::print(stderr, "\r\033[K");
  show_diagnostics();
  if (diag) {
    std::fclose(diag);
    std::free(diag_buf);
  }
  for (const std::string& note : reader.Notes()) fmt::print(stderr, "dyad {}: {}\n", verb, note);
  if (!store_error.ok()) {
    (void)store.Rollback();
    fmt::print(stderr, "dyad {}: {}\n", verb, store_error.message());
  }
  fmt::print(stderr,
             "dyad {}: read {}, ok {}, failed {}, skipped-unchanged {}, inserted {}, "
             "replaced {}; {} sentences, {} events in {:.2f} s ({:.1f} docs/s, {:.0f} "
             "sentences/s, {} threads) -> {}\n",
             verb, stats.read + sum.skipped, stats.ok, stats.failed, sum.skipped + sum.unchanged,
             sum.inserted, sum.replaced, stats.sentences, sum.events, stats.seconds,
             stats.seconds > 0 ? stats.read / stats.seconds : 0.0,
             stats.seconds > 0 ? stats.sentences / stats.seconds : 0.0, stats.threads, options.db);
  return sum;
}

int IngestExitCode(const IngestSummary& summary) {
  if (!summary.store_error.ok())
    return summary.store_error.code() == StatusCode::kInternal ? kExitInternal : kExitData;
  return summary.stats.failed > 0 ? kExitData : kExitOk;
}

}  // namespace dyad::cli
