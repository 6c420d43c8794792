// Scoring the entity recogniser on CoNLL-2003 files, for `dyad eval ner`: exact entity match
// (type and both boundaries) as conlleval counts it, overall and per type.
//
// Part of dyad_eval.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "dyad/io/conll2003.h"
#include "dyad/ner/entity_recognizer.h"
#include "dyad/tag/tagger.h"

namespace dyad {

struct NerScores {
  struct Counts {
    size_t gold = 0, predicted = 0, correct = 0;
    double Precision() const { return predicted ? 100.0 * correct / predicted : 0.0; }
    double Recall() const { return gold ? 100.0 * correct / gold : 0.0; }
    double F1() const {
      return gold + predicted ? 200.0 * correct / static_cast<double>(gold + predicted) : 0.0;
    }
  };
  Counts all;
  std::map<std::string, Counts> by_type;
  size_t words = 0;
};

// `tagger` may be null (no tag features).
NerScores EvaluateNer(const EntityRecognizer& ner, const Tagger* tagger,
                      const std::vector<Conll2003Document>& gold);

}  // namespace dyad
