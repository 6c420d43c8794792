// Scoring the parser on gold CoNLL-U trees (gold tokens, predicted tags), for `dyad eval parse`.
//
// Part of dyad_eval. UAS and LAS as CoNLL 2018 defines them: every word counts, punctuation
// included; LAS compares the universal part of the relation ("nsubj" for "nsubj:pass").
// `las_full` compares whole relations; per-relation F1 uses whole relations.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "dyad/io/conllu.h"
#include "dyad/parse/parser.h"
#include "dyad/tag/tagger.h"

namespace dyad {

struct ParseScores {
  size_t words = 0;
  size_t uas = 0, las = 0, las_full = 0;  // correct counts
  struct Label {
    size_t gold = 0, predicted = 0, correct = 0;  // correct = right head and relation
    double F1() const {
      return gold + predicted ? 200.0 * correct / static_cast<double>(gold + predicted) : 0.0;
    }
  };
  std::map<std::string, Label> labels;
  double Accuracy(size_t correct) const { return words ? 100.0 * correct / words : 0.0; }
};

// Tags with `tagger` (nullptr: gold tags from the file) and parses each gold sentence.
ParseScores EvaluateParser(const Parser& parser, const Tagger* tagger,
                           const std::vector<ConlluSentence>& gold);

}  // namespace dyad
