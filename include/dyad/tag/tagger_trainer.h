// Training the tagger and lemmatiser from a CoNLL-U treebank (`dyad train tagger`).
//
// Part of dyad_tag_train (never linked by the run-time stages). Deterministic for a seed.
//
//   TaggerTrainOptions o;
//   o.train = "../shared/data/ud_english_ewt/en_ewt-ud-train.conllu";
//   o.out = "models/tagger.dyad";
//   DYAD_RETURN_IF_ERROR(TrainTagger(o));
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "dyad/core/status.h"
#include "dyad/io/conllu.h"

namespace dyad {

struct TaggerTrainOptions {
  std::string train;        // CoNLL-U file with gold UPOS, XPOS and lemmas
  std::string dev;          // optional CoNLL-U file scored after training
  std::string out;          // model file to write
  std::string clusters;     // optional `dyad train clusters` file; copied into the model
  int epochs = 10;          // passes over the training data
  uint64_t seed = 1;        // order of sentences in each pass
  float prune = 1e-3f;      // averaged weights with smaller magnitude are dropped
  uint32_t min_updates = 1; // features updated fewer times are dropped
  int hide_below = 1;       // words seen at most this often are half the time trained as unknown
  bool verbose = true;      // progress lines on stderr
};

// Trains on o.train, writes o.out, and reports dev accuracy on stderr when o.dev is set.
Status TrainTagger(const TaggerTrainOptions& o);

// Trains on the given sentences and writes `out` (used for jackknifing in the parser trainer).
Status TrainTaggerOn(const std::vector<ConlluSentence>& train, const TaggerTrainOptions& o,
                     const std::string& out, uint64_t fingerprint);

}  // namespace dyad
