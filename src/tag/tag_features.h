// Feature extraction shared by the tagger and its trainer (private to dyad_tag).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/learn/feature_hash.h"
#include "dyad/learn/linear_model.h"
#include "dyad/learn/word_clusters.h"

namespace dyad::tag_internal {

// What the feature templates need of one word, hashed once.
struct WordKeys {
  uint64_t form = 0;   // as written
  uint64_t lower = 0;  // ASCII-lowercased
  uint64_t shape = 0;  // "Xxxx", "dd", "X.X."
  uint64_t prefix[3] = {0, 0, 0};
  uint64_t suffix[4] = {0, 0, 0, 0};
  uint32_t ambiguity = 0;  // tag-dictionary class of the word; 0 = not in the dictionary
  uint32_t cluster = 0;    // packed Brown path (learn::WordClusters); 0 = none
  uint8_t flags = 0;       // kHasDigit | kHasHyphen | kHasUpper | kAllUpper
};
enum : uint8_t {
  kHasDigit = 1,
  kHasHyphen = 2,
  kHasUpper = 4,
  kAllUpper = 8,
  kInitUpper = 16,
  kHasLetter = 32
};

using learn::AsciiLower;

// Fills keys for `word`; `tag_dict` maps lower-case word hashes to ambiguity classes.
// `clusters` may be empty.
void ComputeWordKeys(std::string_view word, const learn::HashIndex& tag_dict,
                     const learn::WordClusters& clusters, WordKeys& keys);

// Boundary keys for positions before the first and after the last word.
const WordKeys& StartKeys();
const WordKeys& EndKeys();

// How the sentence uses capitals (web text is often all lower case, headlines title case):
// a small number that tells the model how much an initial capital means here.
uint64_t SentenceCaseProfile(const WordKeys* words, size_t n);

// Appends the features of word i (given the classes already chosen for words < i).
// `words` has n entries; `prev` holds the chosen classes of words [0, i).
void TaggerFeatures(const WordKeys* words, size_t n, size_t i, const int* prev,
                    uint64_t case_profile, std::vector<uint64_t>& out);

// The same features in two parts, so that the tagger can keep the scores of the first per
// word type: TaggerWordFeatures read only the word itself; TaggerContextFeatures read its
// neighbours, the tags chosen before it, its position and the sentence. Together (as a
// multiset) they are the features of TaggerFeatures.
void TaggerWordFeatures(const WordKeys& word, std::vector<uint64_t>& out);
void TaggerContextFeatures(const WordKeys* words, size_t n, size_t i, const int* prev,
                           uint64_t case_profile, std::vector<uint64_t>& out);

}  // namespace dyad::tag_internal
