// Stage: the interface every pipeline step implements.
//
// Part of dyad_core. A stage is an immutable, thread-safe resource (dictionaries, weights,
// options) plus a per-thread Workspace of scratch memory that the caller owns and reuses
// across documents. One stage object serves every worker thread.
//
//   std::shared_ptr<const Stage> seg = *Segmenter::Load(SegmenterOptions{});
//   std::unique_ptr<Stage::Workspace> ws = seg->NewWorkspace();
//   for (Document& doc : docs) DYAD_RETURN_IF_ERROR(seg->Process(doc, *ws));
#pragma once

#include <memory>
#include <string_view>

#include "dyad/core/document.h"
#include "dyad/core/status.h"

namespace dyad {

class Stage {
 public:
  // Scratch state for one thread. Stages derive their own.
  class Workspace {
   public:
    virtual ~Workspace() = default;
  };

  virtual ~Stage() = default;
  // Short name used in timings and messages ("segment").
  virtual std::string_view name() const = 0;
  virtual std::unique_ptr<Workspace> NewWorkspace() const = 0;
  // Adds this stage's layers to `doc`. An error marks the document failed; the batch goes on.
  virtual Status Process(Document& doc, Workspace& workspace) const = 0;
};

}  // namespace dyad
