// AveragedPerceptron: the trainer behind dyad's tagger, parser and NER (Collins 2002, with
// lazily updated averages). Training-only: linked by the dyad_*_train targets, never by the
// run-time stages, which read the LinearModel it serialises.
//
// Part of dyad_learn_train. Not thread-safe.
//
//   AveragedPerceptron p(num_classes);
//   p.Score(f.data(), f.size(), scores.data());
//   if (guess != truth) p.Update(f.data(), f.size(), truth, guess);
//   p.Tick();                                   // once per training example
//   std::string bytes = p.Serialize(1e-3f);     // averaged weights, small ones pruned
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

namespace dyad::learn {

class AveragedPerceptron {
 public:
  explicit AveragedPerceptron(int num_classes);
  int num_classes() const { return num_classes_; }
  // scores[c] += current (not averaged) weight of (f, c).
  void Score(const uint64_t* features, size_t n, float* scores) const;
  // Moves weights toward `truth` and away from `guess` by `amount`.
  void Update(const uint64_t* features, size_t n, int truth, int guess, float amount = 1.0f);
  void Tick() { ++clock_; }
  size_t num_features() const { return rows_.size(); }
  // The averaged model; weights with |w| < prune are dropped, and so are features updated
  // fewer than `min_updates` times (rare features cost memory and cache misses, and are
  // mostly noise).
  std::string Serialize(float prune, uint32_t min_updates = 1) const;

 private:
  struct Weight {
    double total = 0;  // sum of the weight over time up to `stamp`
    float w = 0;
    uint32_t stamp = 0;
    uint8_t cls = 0;
  };
  void Add(uint64_t feature, int cls, float delta);

  int num_classes_;
  uint32_t clock_ = 1;
  std::unordered_map<uint64_t, uint32_t> index_;
  std::vector<std::vector<Weight>> rows_;
  std::vector<uint64_t> keys_;
  std::vector<uint32_t> updates_;  // per row
};

// Fisher-Yates with a 64-bit Mersenne twister: the same order on every platform for a seed.
template <typename T>
void DeterministicShuffle(std::vector<T>& v, std::mt19937_64& rng) {
  for (size_t i = v.size(); i > 1; --i) {
    size_t j = static_cast<size_t>(rng() % i);
    std::swap(v[i - 1], v[j]);
  }
}

}  // namespace dyad::learn
