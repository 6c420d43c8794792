// The arc-hybrid transition system with the root at the end of the buffer, its features and
// its dynamic oracle (private to dyad_parse; shared with the trainer).
//
// Words are 0..n-1 and the root is n. SHIFT moves the buffer front onto the stack; LEFT(l)
// makes the buffer front the head of the stack top and pops it; RIGHT(l) makes the word below
// the stack top its head and pops it. LEFT onto the root is allowed only for the last word on
// the stack, so every parse has exactly one root.
#pragma once

#include <cstdint>
#include <vector>

#include "dyad/core/tags.h"

namespace dyad::parse_internal {

inline constexpr int kNumLabels = static_cast<int>(Deprel::kCount);
inline constexpr int kShift = 0;
inline constexpr int kNumActions = 1 + 2 * kNumLabels;
inline int LeftAction(int label) { return 1 + label; }
inline int RightAction(int label) { return 1 + kNumLabels + label; }
inline bool IsLeft(int a) { return a >= 1 && a <= kNumLabels; }
inline bool IsRight(int a) { return a > kNumLabels; }
inline int ActionLabel(int a) { return IsLeft(a) ? a - 1 : a - 1 - kNumLabels; }
inline constexpr int kRootLabel = static_cast<int>(Deprel::kRoot);

// What the features read of one word, hashed once per sentence.
struct ParseWord {
  uint64_t word = 0;  // lower-cased form
  uint32_t xpos = 0;
  uint32_t upos = 0;
  uint32_t cluster = 0;  // packed Brown path; the root entry holds 1 when the model has clusters
};

class State {
 public:
  // `words` must have n + 1 entries: the sentence and the root.
  void Reset(int n);
  int n() const { return n_; }
  bool Terminal() const { return stack_.empty() && b_ == n_; }
  bool Valid(int action) const;
  void Apply(int action);

  int S(int i) const {  // i-th from the stack top, -1 if none
    return i < static_cast<int>(stack_.size()) ? stack_[stack_.size() - 1 - i] : -1;
  }
  int B(int i) const { return b_ + i <= n_ ? b_ + i : -1; }
  const std::vector<int>& stack() const { return stack_; }
  int buffer_front() const { return b_; }

  std::vector<int> head;                // per word; -1 unattached, n = root
  std::vector<int> label;               // per word
  std::vector<int> lc1, lc2, rc1, rc2;  // leftmost / rightmost children, -1 if none
  std::vector<uint8_t> left_count, right_count;
  std::vector<uint64_t> left_labels, right_labels;  // label bit sets

 private:
  void Attach(int h, int d, int l);
  int n_ = 0;
  int b_ = 0;
  std::vector<int> stack_;
};

// The parts of the state a feature template reads, so that the parser can keep the scores
// of a part while it does not change. kStackFeatures read only s0, s1, s2 and their children
// (fixed while s0 is on the stack and gains no right child); kBufferFeatures read only b0, b1,
// b2 and the left children of b0 (fixed while b0 gains no left child); kCrossFeatures read
// both sides; kBiasFeature reads nothing.
enum : unsigned {
  kBiasFeature = 1,
  kStackFeatures = 2,
  kBufferFeatures = 4,
  kCrossFeatures = 8,
  kAllFeatures = 15,
};

// At most this many features per state.
inline constexpr size_t kMaxParserFeatures = 128;

// Writes the feature ids of `state` (words has n + 1 entries; the last is the root) of the
// templates in `groups` (one of the bits above, or kAllFeatures) to out[0, kMaxParserFeatures)
// and returns their number. A template's id does not depend on `groups`: the features of the
// groups together are those of kAllFeatures.
size_t ParserFeatures(const State& state, const ParseWord* words, unsigned groups, uint64_t* out);
// Appends all the features of `state`, in template order.
void ParserFeatures(const State& state, const ParseWord* words, std::vector<uint64_t>& out);

// Costs of every action for the dynamic oracle: how many gold arcs (head and label) become
// unreachable. `gold_head` uses n for the root. Invalid actions get a large cost.
void ActionCosts(const State& state, const std::vector<int>& gold_head,
                 const std::vector<int>& gold_label, std::vector<int>& costs);

// Lifts non-projective arcs (a word's head becomes its grandparent) until the tree is
// projective; heads use n for the root. Returns the number of lifts.
int Projectivize(std::vector<int>& head);

}  // namespace dyad::parse_internal
