// Segmentation scores against a CoNLL-U gold file (CoNLL 2018 shared-task definitions).
//
// Part of dyad_eval (evaluation helpers for `dyad eval`). Rebuilds each gold document's raw
// text (conllu.h), runs the given stages on it, and scores exact span matches: surface tokens
// (a multiword token counts once), syntactic words and sentences.
//
//   std::ifstream in(path);
//   ConlluDocumentReader gold(in, path);
//   StatusOr<SegmentScores> s = EvaluateSegmentation(gold, {segmenter});
//   s->token.F1();
#pragma once

#include <memory>
#include <vector>

#include "dyad/core/stage.h"
#include "dyad/io/conllu.h"

namespace dyad {

struct SpanScore {
  uint64_t gold = 0, predicted = 0, correct = 0;
  double Precision() const { return predicted ? 100.0 * correct / predicted : 0; }
  double Recall() const { return gold ? 100.0 * correct / gold : 0; }
  double F1() const {
    double p = Precision(), r = Recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

struct SegmentScores {
  SpanScore token, word, sentence;
  uint64_t documents = 0;
  std::vector<std::string> warnings;
};

StatusOr<SegmentScores> EvaluateSegmentation(ConlluDocumentReader& gold,
                                             const std::vector<std::shared_ptr<const Stage>>& stages);

// Counts exact matches of two sorted span lists into `score`.
void ScoreSpans(const std::vector<Span>& gold, const std::vector<Span>& predicted, SpanScore& score);

}  // namespace dyad
