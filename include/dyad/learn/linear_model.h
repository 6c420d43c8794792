// Read-only views over the arrays a trained model stores: a hash index (64-bit key -> 32-bit
// value, for lexicons) and a sparse linear model (feature id -> weights of the classes it
// votes for). Both read their section of a memory-mapped ModelFile in place: no copying, no
// allocation at lookup time.
//
// Part of dyad_learn. Thread-safe (immutable); the bytes must outlive the view.
//
//   DYAD_ASSIGN_OR_RETURN(LinearModel lm, LinearModel::FromBytes(*file->Section("weights")));
//   std::vector<float> scores(lm.num_classes());
//   lm.AddScores(features.data(), features.size(), scores.data());
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dyad/core/status.h"

namespace dyad::learn {

class HashIndex {
 public:
  HashIndex() = default;
  static StatusOr<HashIndex> FromBytes(std::string_view bytes);
  std::optional<uint32_t> Find(uint64_t key) const;
  size_t size() const { return count_; }

  // Builds the serialised form of `entries` (keys must be distinct).
  static std::string Serialize(const std::vector<std::pair<uint64_t, uint32_t>>& entries);

 private:
  struct Slot {
    uint64_t key;
    uint32_t value;
    uint32_t pad;
  };
  const Slot* slots_ = nullptr;
  uint64_t mask_ = 0;
  uint64_t count_ = 0;
};

class LinearModel {
 public:
  // One feature's weights: (class, weight) pairs.
  using Row = std::vector<std::pair<uint8_t, float>>;

  LinearModel() = default;
  static StatusOr<LinearModel> FromBytes(std::string_view bytes);
  int num_classes() const { return num_classes_; }
  size_t num_features() const { return num_rows_; }
  size_t num_weights() const { return num_entries_; }

  // scores[c] += weight(f, c) for every feature f; unknown features add nothing. Looks up
  // all slots first (prefetching), so the cache misses of different features overlap.
  void AddScores(const uint64_t* features, size_t n, float* scores) const;

  // Serialised form of a model with `num_classes` (<= 128) classes. Weights are stored with
  // 16 bits of mantissa (the low 8 bits hold the class).
  static std::string Serialize(int num_classes,
                               const std::vector<std::pair<uint64_t, Row>>& rows);

 private:
  // A slot holds the feature's 32-bit fingerprint and its weights: up to two entries inline
  // (one cache miss per feature for most features), longer rows in entries_. An entry is
  // (weight bits & ~0xFF) | class.
  static constexpr uint32_t kInline = 2;
  struct Slot {
    uint32_t fp;
    uint32_t info;  // length in the low 7 bits; start in entries_ above them if spilled
    uint32_t e[kInline];
  };
  static uint32_t Fingerprint(uint64_t f) {
    uint32_t fp = static_cast<uint32_t>(f >> 32);
    return fp == 0 ? 1 : fp;
  }
  int num_classes_ = 0;
  uint64_t mask_ = 0;
  size_t num_rows_ = 0;
  size_t num_entries_ = 0;
  const Slot* slots_ = nullptr;
  const uint32_t* entries_ = nullptr;
};

}  // namespace dyad::learn
