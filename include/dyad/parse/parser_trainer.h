// Training the dependency parser from a CoNLL-U treebank (`dyad train parser`).
//
// Part of dyad_parse_train (never linked by the run-time stages). The parser learns from the
// tags it will see at run time: the training set is tagged by taggers trained on the other
// folds (jackknifing); trees are projectivised by lifting; a dynamic oracle with exploration
// teaches it to recover from its own mistakes. Deterministic for a seed and thread count.
#pragma once

#include <cstdint>
#include <string>

#include "dyad/core/status.h"

namespace dyad {

struct ParserTrainOptions {
  std::string train;         // CoNLL-U with gold heads and relations
  std::string dev;           // optional: scored after training (with `tagger` tags)
  std::string tagger;        // tagger model for scoring dev; empty = gold dev tags
  std::string out;           // model file to write
  std::string clusters;      // optional `dyad train clusters` file (tagger folds and parser)
  int epochs = 15;           // passes over the training data
  int folds = 10;            // jackknife folds for predicted training tags (0 = gold tags)
  int tagger_epochs = 8;     // passes for each fold's tagger
  int threads = 2;           // fold taggers trained in parallel
  double explore = 0.9;      // after epoch 1, follow the model's own wrong action this often
  uint64_t seed = 1;
  float prune = 1e-3f;
  uint32_t min_updates = 1;  // features updated fewer times are dropped from the model
  bool verbose = true;
};

Status TrainParser(const ParserTrainOptions& o);

}  // namespace dyad
