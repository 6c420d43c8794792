// Pipeline: streams documents from a Reader through the configured stages on N worker
// threads and hands them on in input order.
//
// Part of dyad_pipeline, the top of the library; the CLI verbs and the server drive it.
// The calling thread reads batches and emits results in order; workers each own one
// Workspace per stage. Memory stays bounded: at most `max_batches_in_flight` batches exist.
//
//   Pipeline p({dateliner, segmenter}, PipelineOptions{.threads = 2});
//   RunStats stats = p.Run(*reader, {.writer = writer.get(), .out = stdout});
//   std::cerr << stats.Summary();   // read / ok / failed / warnings
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "dyad/core/stage.h"
#include "dyad/io/reader.h"
#include "dyad/io/writer.h"

namespace dyad {

struct PipelineOptions {
  int threads = 0;                  // worker threads; 0 = all cores
  size_t batch_documents = 32;      // documents handed to a worker at once
  size_t max_batches_in_flight = 0; // 0 = 4 per thread
};

// Where results go. Everything here is called on the thread that called Run, in input order.
struct PipelineOutput {
  const DocumentWriter* writer = nullptr;  // formats each ok document (in a worker)
  std::FILE* out = nullptr;                // receives the formatted text
  std::FILE* diagnostics = stderr;         // errors and warnings, one line each; null = quiet
  size_t max_messages = 50;                // per kind (errors, warnings); the rest are counted
  std::function<void(const Document&, const Status&)> on_document;  // optional
};

struct RunStats {
  uint64_t read = 0, ok = 0, failed = 0, warnings = 0;
  uint64_t sentences = 0, tokens = 0, bytes = 0;
  double seconds = 0;       // wall clock
  double read_seconds = 0;  // time the reader took (on the calling thread)
  std::vector<std::pair<std::string, double>> stage_seconds;  // summed over workers
  int threads = 1;
  // "read 40, ok 39, failed 1, warnings 2"
  std::string Summary() const;
};

class Pipeline {
 public:
  Pipeline(std::vector<std::shared_ptr<const Stage>> stages, PipelineOptions options);
  RunStats Run(Reader& reader, const PipelineOutput& output) const;

 private:
  std::vector<std::shared_ptr<const Stage>> stages_;
  PipelineOptions options_;
};

}  // namespace dyad
