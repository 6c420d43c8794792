#include "dyad/learn/perceptron.h"

#include <algorithm>
#include <cmath>

#include "dyad/learn/linear_model.h"

namespace dyad::learn {

AveragedPerceptron::AveragedPerceptron(int num_classes) : num_classes_(num_classes) {
  index_.reserve(1 << 20);
}

void AveragedPerceptron::Score(const uint64_t* features, size_t n, float* scores) const {
  for (size_t i = 0; i < n; ++i) {
    auto it = index_.find(features[i]);
    if (it == index_.end()) continue;
    for (const Weight& w : rows_[it->second]) scores[w.cls] += w.w;
  }
}

void AveragedPerceptron::Add(uint64_t feature, int cls, float delta) {
  auto [it, inserted] = index_.try_emplace(feature, static_cast<uint32_t>(rows_.size()));
  if (inserted) {
    rows_.emplace_back();
    keys_.push_back(feature);
    updates_.push_back(0);
  }
  std::vector<Weight>& row = rows_[it->second];
  Weight* w = nullptr;
  for (Weight& x : row) {
    if (x.cls == cls) {
      w = &x;
      break;
    }
  }
  if (w == nullptr) {
    row.push_back(Weight{0, 0, clock_, static_cast<uint8_t>(cls)});
    w = &row.back();
  }
  w->total += static_cast<double>(clock_ - w->stamp) * w->w;
  w->stamp = clock_;
  w->w += delta;
}

void AveragedPerceptron::Update(const uint64_t* features, size_t n, int truth, int guess,
                                float amount) {
  if (truth == guess) return;
  for (size_t i = 0; i < n; ++i) {
    Add(features[i], truth, amount);
    Add(features[i], guess, -amount);
    ++updates_[index_.find(features[i])->second];
  }
}

std::string AveragedPerceptron::Serialize(float prune, uint32_t min_updates) const {
  // Sorted by feature id so the output does not depend on hash-map order.
  std::vector<uint32_t> order(rows_.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return keys_[a] < keys_[b]; });
  std::vector<std::pair<uint64_t, LinearModel::Row>> rows;
  rows.reserve(rows_.size());
  for (uint32_t r : order) {
    if (updates_[r] < min_updates) continue;
    LinearModel::Row out;
    for (const Weight& w : rows_[r]) {
      double total = w.total + static_cast<double>(clock_ - w.stamp) * w.w;
      float avg = static_cast<float>(total / clock_);
      if (std::fabs(avg) >= prune) out.emplace_back(w.cls, avg);
    }
    if (out.empty()) continue;
    std::sort(out.begin(), out.end());
    rows.emplace_back(keys_[r], std::move(out));
  }
  return LinearModel::Serialize(num_classes_, rows);
}

}  // namespace dyad::learn
