// CoNLL-2003 named-entity files (word, POS, chunk, IOB1 entity tag per line; -DOCSTART- lines
// separate documents), for the NER trainer and `dyad eval ner`.
//
// Part of dyad_io.
//
//   DYAD_ASSIGN_OR_RETURN(auto docs, ReadConll2003("eng.testb"));
//   for (auto& e : IobEntities(docs[0].sentences[0].tags)) ...   // {begin, end, "PER"}
#pragma once

#include <string>
#include <vector>

#include "dyad/core/status.h"

namespace dyad {

struct Conll2003Sentence {
  std::vector<std::string> words;
  std::vector<std::string> tags;  // "O", "I-PER", "B-LOC" ... as in the file
  size_t line = 0;
};

struct Conll2003Document {
  std::vector<Conll2003Sentence> sentences;
};

// Malformed lines are reported in `warnings` as "file:line: what" and skipped.
StatusOr<std::vector<Conll2003Document>> ReadConll2003(const std::string& path,
                                                       std::vector<std::string>* warnings =
                                                           nullptr);

struct TaggedSpan {
  size_t begin = 0, end = 0;  // words [begin, end)
  std::string type;
  friend bool operator==(const TaggedSpan&, const TaggedSpan&) = default;
};
// Entity chunks of an IOB1/IOB2/BILOU tag sequence, with conlleval's rules: a chunk starts at
// B-X, U-X, or an I-X/L-X whose predecessor is not of type X, and ends before the next start.
std::vector<TaggedSpan> IobEntities(const std::vector<std::string>& tags);

}  // namespace dyad
