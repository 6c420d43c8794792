// Scoring the tagger against gold CoNLL-U words (gold tokenisation), for `dyad eval pos`.
//
// Part of dyad_eval. Accuracies are over syntactic words, CoNLL 2018 style (lemmas compared
// exactly).
//
//   DYAD_ASSIGN_OR_RETURN(auto gold, ReadConlluSentences("en_ewt-ud-test.conllu"));
//   TagScores s = EvaluateTagger(*tagger, gold);   // s.Accuracy(s.upos)
#pragma once

#include <cstddef>
#include <vector>

#include "dyad/io/conllu.h"
#include "dyad/tag/tagger.h"

namespace dyad {

struct TagScores {
  size_t words = 0;
  size_t upos = 0, xpos = 0, lemma = 0, all_tags = 0;  // correct counts
  double Accuracy(size_t correct) const { return words ? 100.0 * correct / words : 0.0; }
};

TagScores EvaluateTagger(const Tagger& tagger, const std::vector<ConlluSentence>& gold);

}  // namespace dyad
