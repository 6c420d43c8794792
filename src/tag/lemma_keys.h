// Keys of the lemmatiser's lexicon and rules (private to dyad_tag; shared with the trainer).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "dyad/core/tags.h"
#include "dyad/learn/feature_hash.h"

namespace dyad::tag_internal {

inline constexpr size_t kMaxRuleSuffix = 5;

// Proper nouns keep their case in lemmas; everything else is lemmatised lower-cased.
inline bool IsProperXpos(Xpos x) {
  std::string_view n = XposName(x);
  return n == "NNP" || n == "NNPS";
}
inline uint64_t LexiconKey(std::string_view base, Xpos xpos) {
  return learn::Feature(100, learn::HashText(base), xpos);
}
inline uint64_t RuleKey(std::string_view suffix, Xpos xpos) {
  return learn::Feature(101, learn::HashText(suffix), xpos, suffix.size());
}
// A rule value packs how many bytes to strip (high 8 bits) and where the appended string
// starts in the pool (low 24 bits).
inline uint32_t PackRule(uint32_t strip, uint32_t pool_offset) {
  return (strip << 24) | pool_offset;
}

}  // namespace dyad::tag_internal
