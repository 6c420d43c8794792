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
    std::string dictionaries;
    std::string db = "dyad.db";
    size_t batch = 64;
    bool all_events = false;
    bool null_actors = false;
  };
  auto f = std::make_shared<Flags>();
  AddInputFlags(app, f->in);
  app.add_option("more", f->more, "further input files or directories");
  AddModelFlags(app, f->models, Analysis::kParse);
  app.add_option("--db", f->db, "the event store (created when missing)")->capture_default_str();
  app.add_option("--dictionaries", f->dictionaries,
                 "actors and verbs: a directory, a PETR_config.ini or a TABARI .project "
                 "(default: dyad's own, compiled in)");
  app.add_option("--batch", f->batch, "documents per transaction")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_flag("--all-events", f->all_events,
               "keep repeated (source, target, code) events of a story (one-a-story filter off)");
  app.add_flag("--no-require-dyad", f->null_actors, "keep events without a source or target");
  return [f]() -> int {
    StatusOr<ReaderOptions> ro = MakeReaderOptions(f->in);
    if (!ro.ok()) return Fail(ro.status());
    auto dicts = LoadEventDictionaries(f->dictionaries, "ingest");
    if (!dicts.ok()) return Fail(dicts.status());
    auto coding =
        MakeCodingStages(*dicts, {.require_dyad = !f->null_actors, .one_a_story = !f->all_events});
    if (!coding.ok()) return Fail(coding.status());
    auto stages = MakeTextStages(f->in);
    if (!stages.ok()) return Fail(stages.status());
    if (Status st = AddAnalysisStages(f->models, Analysis::kParse, *stages); !st.ok())
      return Fail(st);
    stages->push_back(coding->actors);
    stages->push_back(coding->events);
    auto store = EventStore::Open(f->db, {});
    if (!store.ok()) return Fail(store.status());
    std::vector<std::string> paths = {f->in.path};
    paths.insert(paths.end(), f->more.begin(), f->more.end());
    StatusOr<IngestSummary> summary = IngestIntoStore(
        paths, *ro, *stages, **store,
        {.db = f->db,
         .coding_setting = CodingSetting(f->dictionaries, f->all_events, !f->null_actors),
         .batch = f->batch,
         .threads = f->in.threads,
         .verb = "ingest"});
    if (!summary.ok()) return Fail(summary.status());
    return IngestExitCode(*summary);
  };
}

}  // namespace dyad::cli
