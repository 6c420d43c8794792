// Training the entity recogniser from CoNLL-2003 files (`dyad train ner`).
//
// Part of dyad_ner_train (never linked by the run-time stages). The gazetteer comes from
// dyad's own dictionaries (data/dict/actors: country and capital names -> LOC, demonyms ->
// MISC, organisations -> ORG, people -> PER) and is stored inside the model. Words are tagged
// by `tagger` so that XPOS features match what the pipeline sees. Deterministic for a seed.
#pragma once

#include <cstdint>
#include <string>

#include "dyad/core/status.h"

namespace dyad {

struct NerTrainOptions {
  std::string train;          // CoNLL-2003 file (eng.train)
  std::string dev;            // optional: scored after training (eng.testa)
  std::string out;            // model file to write
  std::string tagger;         // tagger model for XPOS features; empty = no tag features
  std::string gazetteer_dir;  // folder of dyad dictionaries; empty = no gazetteer
  std::string clusters;       // optional `dyad train clusters` file; copied into the model
  int epochs = 10;
  uint64_t seed = 1;
  float prune = 1e-3f;
  bool verbose = true;
};

Status TrainNer(const NerTrainOptions& o);

}  // namespace dyad
