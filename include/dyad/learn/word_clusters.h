// WordClusters: Brown cluster paths of lower-cased words, as trained by `dyad train clusters`
// on unlabelled news and stored inside each model that uses them (section "clusters"), so a
// model and its clusters never disagree. Prefixes of a path are coarser clusters.
//
// Part of dyad_learn. Immutable view over model bytes; thread-safe.
//
//   DYAD_ASSIGN_OR_RETURN(WordClusters wc, WordClusters::FromBytes(section));
//   uint32_t path = wc.Find(HashText(AsciiLower(word)));    // 0 when the word has no cluster
//   uint64_t coarse = WordClusters::Prefix(path, 4);         // feature value
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dyad/core/status.h"
#include "dyad/learn/linear_model.h"

namespace dyad::learn {

class WordClusters {
 public:
  WordClusters() = default;
  static StatusOr<WordClusters> FromBytes(std::string_view bytes);
  // The clusters section of a `dyad train clusters` file, for a trainer to embed in its model.
  static StatusOr<std::string> ReadFile(const std::string& path);
  // (lower-cased word, path of '0'/'1') pairs -> bytes for FromBytes.
  static std::string Serialize(const std::vector<std::pair<std::string, std::string>>& paths);

  bool empty() const { return index_.size() == 0; }
  size_t size() const { return index_.size(); }
  // The packed path (length in the high byte, up to 24 leading bits below) or 0.
  uint32_t Find(uint64_t lower_word_hash) const {
    auto v = index_.Find(lower_word_hash);
    return v ? *v : 0;
  }
  // A feature value for the first `bits` bits of a packed path (the whole path if shorter);
  // 0 for an unknown word.
  static uint64_t Prefix(uint32_t packed, int bits) {
    if (packed == 0) return 0;
    int len = static_cast<int>(packed >> 24);
    int stored = len < 24 ? len : 24;
    int k = bits < stored ? bits : stored;
    uint64_t prefix = (packed & 0xFFFFFFu) >> (stored - k);
    return (prefix << 8 | static_cast<uint64_t>(k)) + 1;
  }

 private:
  HashIndex index_;
};

}  // namespace dyad::learn
