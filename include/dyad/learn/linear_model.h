// Read-only views over the arrays a trained model stores: a hash index (64-bit key -> 32-bit
// value, for lexicons) and a sparse linear model (feature id -> weights of the classes it
// votes for). Both read their section of a memory-mapped ModelFile in place: no copying, no
// allocation at lookup time.
//
// Part of dyad_learn. Thread-safe (immutable); the bytes must outlive the view.
//
//   DYAD_ASSIGN_OR_RETURN(LinearModel lm, LinearModel::FromBytes(*file->Section("weights")));
//   std::vector<LinearModel::Score> scores(lm.score_size());
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

// Weights are 16-bit integers (one scale per model) and scores 32-bit integer sums, so the
// hot loop is integer adds: a feature voting for few classes keeps (class, weight) pairs; one
// voting for many (tags, tag pairs, the bias) keeps a dense row added eight classes at a time.
class LinearModel {
 public:
  using Score = int32_t;
  // One feature's weights: (class, weight) pairs.
  using Row = std::vector<std::pair<uint8_t, float>>;

  LinearModel() = default;
  static StatusOr<LinearModel> FromBytes(std::string_view bytes);
  int num_classes() const { return num_classes_; }
  // Size of the score array AddScores writes (num_classes rounded up to a multiple of 8).
  int score_size() const { return stride_; }
  size_t num_features() const { return num_rows_; }
  size_t num_weights() const { return num_entries_ + num_dense_ * static_cast<size_t>(stride_); }
  // The real-valued weight one integer unit stands for.
  float scale() const { return scale_; }

  // scores[c] += weight(f, c) for every feature f; unknown features add nothing. `scores`
  // has score_size() entries. Slots of a batch of features are prefetched together so that
  // their cache misses overlap.
  void AddScores(const uint64_t* features, size_t n, Score* scores) const;

  // Serialised form of a model with `num_classes` (<= 128) classes. Rows longer than
  // `dense_from` entries are stored dense.
  static std::string Serialize(int num_classes,
                               const std::vector<std::pair<uint64_t, Row>>& rows,
                               int dense_from = 16);

 private:
  // info: bit 31 set = dense row (index in the low bits); else length in the low 7 bits and
  // start of the sparse entries above them.
  struct Slot {
    uint32_t fp;
    uint32_t info;
  };
  struct Entry {
    int16_t weight;
    uint16_t cls;
  };
  static constexpr uint32_t kDense = 0x80000000u;
  static uint32_t Fingerprint(uint64_t f) {
    uint32_t fp = static_cast<uint32_t>(f >> 32);
    return fp == 0 ? 1 : fp;
  }
  int num_classes_ = 0;
  int stride_ = 0;
  float scale_ = 1;
  uint64_t mask_ = 0;
  size_t num_rows_ = 0;
  size_t num_entries_ = 0;
  size_t num_dense_ = 0;
  const Slot* slots_ = nullptr;
  const Entry* entries_ = nullptr;
  const int16_t* dense_ = nullptr;
};

}  // namespace dyad::learn
