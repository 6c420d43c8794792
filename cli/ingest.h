// The ingest run `dyad ingest` and `dyad serve --corpus` share: read inputs, skip the documents
// the store already holds unchanged, code the rest with the given stages and put them into an
// event store in batched transactions.
//
//   auto store = EventStore::Open("dyad.db", {});
//   StatusOr<IngestSummary> s = IngestIntoStore({"news.jsonl"}, reader_options, stages, **store,
//                                               {.db = "dyad.db", .verb = "ingest"});
//   return IngestExitCode(*s);
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "dyad/core/stage.h"
#include "dyad/io/reader.h"
#include "dyad/pipeline/pipeline.h"
#include "dyad/store/event_store.h"

namespace dyad::cli {

struct IngestOptions {
  std::string db;              // the store's path, for messages
  std::string coding_setting;  // CodingSetting(...) of the stages; kept in a new store
  size_t batch = 64;           // documents per transaction
  int threads = 0;             // coding threads (0 = all cores)
  uint64_t log_every = 0;       // a log line per this many documents, with RSS (0 = none)
  size_t max_messages = 50;     // errors (and warnings) shown; the rest are counted
  const char* verb = "ingest";  // prefix of the messages on stderr
  // Keep each new document's knowledge-graph view (BuildGkg; themes from the actor coder's
  // dictionaries among `stages`; persons and organisations need the NER among them).
  bool gkg = true;
};

struct IngestSummary {
  RunStats stats;
  uint64_t skipped = 0;  // stored already with the same content
  uint64_t inserted = 0, replaced = 0, unchanged = 0, events = 0;
  Status store_error;  // a write that failed (the open batch was rolled back)
};

// Codes the records of `paths` (files or directories, one after another) with `stages` and
// stores each coded document with its content hash. Prints notes, a progress bar when stderr
// is a terminal, and a summary line to stderr. Errors before any document is read (reading the
// store's settings) are returned; a failing write ends the run and is `store_error`.
StatusOr<IngestSummary> IngestIntoStore(const std::vector<std::string>& paths,
                                        const ReaderOptions& reader_options,
                                        const std::vector<std::shared_ptr<const Stage>>& stages,
                                        EventStore& store, const IngestOptions& options);

// dyad's exit code for a run: 2 for failed documents or a store error, 3 for an internal one.
int IngestExitCode(const IngestSummary& summary);

}  // namespace dyad::cli
