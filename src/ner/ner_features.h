// Feature extraction shared by the entity recogniser and its trainer (private to dyad_ner).
//
// Labels are BILOU over four types: 0 = O, then B, I, L, U for PER, ORG, LOC, MISC.
#pragma once

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "dyad/learn/linear_model.h"
#include "dyad/learn/word_clusters.h"

namespace dyad::ner_internal {

inline constexpr int kNumTypes = 4;
inline constexpr int kNumLabels = 1 + 4 * kNumTypes;
enum Part { kB = 0, kI = 1, kL = 2, kU = 3 };
inline int Label(int type, Part part) { return 1 + 4 * type + part; }
inline int LabelType(int label) { return label == 0 ? -1 : (label - 1) / 4; }
inline Part LabelPart(int label) { return static_cast<Part>((label - 1) % 4); }
// BILOU well-formedness: may `label` follow `prev` (-1 = sentence start)?
bool Allowed(int prev, int label);

struct NerWord {
  uint64_t form = 0, lower = 0, shape = 0;
  uint64_t prefix[3] = {0, 0, 0};
  uint64_t suffix[4] = {0, 0, 0, 0};
  uint64_t xpos = 0;      // tagger's XPOS id + 1, or 0 without tags
  uint32_t cluster = 0;   // packed Brown path (learn::WordClusters); 0 = none
  uint32_t gazetteer = 0; // bits: type t matched as B/I/L/U (4 bits per type)
  uint8_t flags = 0;      // kInitCap | kAllCaps | kHasDigit | kHasHyphen | kLowerElsewhere
};
enum : uint8_t { kInitCap = 1, kAllCaps = 2, kHasDigit = 4, kHasHyphen = 8, kLowerElsewhere = 16 };

// What the recogniser remembers about a document while it reads it.
struct DocumentMemory {
  std::unordered_set<uint64_t> lower_forms;          // words seen starting lower-case
  std::unordered_map<uint64_t, uint8_t> last_type;   // word -> 1 + entity type last given
  void Clear() {
    lower_forms.clear();
    last_type.clear();
  }
};

// Keys of one word (flags other than kLowerElsewhere).
void ComputeNerWord(std::string_view word, NerWord& w);
// Marks words whose lower-case form the document also writes in lower case.
void NoteLowerCase(std::string_view word, uint64_t lower, DocumentMemory& memory);

// Gazetteer: phrases (lower-cased words joined by ' ') -> bit set of types (bit t for entity
// type t, kGazetteerGivenName for a person's given name); longest match wins.
inline constexpr uint32_t kGazetteerGivenName = 1u << 4;
struct Gazetteer {
  learn::HashIndex phrases;  // hash of the phrase -> type bits
  int max_words = 0;
};
void MarkGazetteer(const Gazetteer& g, const std::vector<std::string_view>& words,
                   std::vector<NerWord>& out);

void NerFeatures(const NerWord* words, size_t n, size_t i, const int* prev,
                 const DocumentMemory& memory, std::vector<uint64_t>& out);

// After a sentence is labelled: remember the type of each entity word.
void Remember(const NerWord* words, size_t n, const int* labels, DocumentMemory& memory);

}  // namespace dyad::ner_internal
