// dyad ingest: codes documents as `dyad code` does and keeps them — text, sentences, parses,
// actors, events — in an event store (SQLite), idempotent by document id and crash-safe.
#include "dyad/store/event_store.h"
#include "event_stages.h"
#include "ingest.h"
#include "store_flags.h"
#include "verbs.h"

namespace dyad::cli {

VerbRun SetupIngest(CLI::App& app) {
  struct Flags {
    InputFlags in;
    std::vector<std::string> more;
    ModelFlags models;
    CodingFlags coding;
    std::string db = "dyad.db";
    size_t batch = 64;
    uint64_t log_every = 0;
  };
  auto f = std::make_shared<Flags>();
  AddInputFlags(app, f->in);
  app.add_option("more", f->more, "further input files or directories");
  AddModelFlags(app, f->models, Analysis::kAll);
  app.add_option("--db", f->db, "the event store (created when missing)")->capture_default_str();
  AddCodingFlags(app, f->coding);
  AddStoreNerFlag(app, f->coding);
  app.add_option("--batch", f->batch, "documents per transaction")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--log-every", f->log_every,
                 "without a terminal, a log line per this many documents: counts, rate and "
                 "resident memory (0: only the summary)")
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
    StatusOr<IngestSummary> summary = IngestIntoStore(
        paths, *ro, *stages, **store,
        {.db = f->db,
         .coding_setting = CodingSetting(f->coding.dictionaries, f->coding.all_events,
                                         !f->coding.null_actors, f->coding.gazetteer),
         .batch = f->batch,
         .threads = f->in.threads,
         .log_every = f->log_every,
         .max_messages = MessageLimit(f->in),
         .verb = "ingest"});
    if (!summary.ok()) return Fail(summary.status());
    return IngestExitCode(*summary);
  };
}

}  // namespace dyad::cli
