// SegmentLexicon: the word lists the segmenter consults, parsed from data/dict/segment.txt
// (compiled into the binary). Private to dyad_text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dyad/core/status.h"
#include "dyad/core/string_hash.h"

namespace dyad::text_internal {

// A set of words that can be queried with a string_view without allocating.
using WordSet = StringSet;

struct SegmentLexicon {
  WordSet title;    // "Gen." — never ends a sentence
  WordSet abbrev;   // "Inc." — ends one before a starter
  WordSet prefix;   // "pre" — stays joined across a hyphen
  WordSet starter;  // "The"
  std::vector<std::string> clitics;         // "'s", "’re" …, longest first

  // Parses the lexicon format; `name` is used in file:line messages.
  static StatusOr<SegmentLexicon> Parse(std::string_view text, std::string_view name);
  // The lexicon compiled from data/dict/segment.txt.
  static const SegmentLexicon& Builtin();
};

}  // namespace dyad::text_internal
