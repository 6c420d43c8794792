#include "transition.h"

#include <algorithm>

#include "dyad/core/status.h"
#include "dyad/learn/feature_hash.h"
#include "dyad/learn/word_clusters.h"

namespace dyad::parse_internal {

using learn::Feature;

void State::Reset(int n) {
  n_ = n;
  b_ = 0;
  stack_.clear();
  head.assign(n + 1, -1);
  label.assign(n + 1, 0);
  lc1.assign(n + 1, -1);
  lc2.assign(n + 1, -1);
  rc1.assign(n + 1, -1);
  rc2.assign(n + 1, -1);
  left_count.assign(n + 1, 0);
  right_count.assign(n + 1, 0);
  left_labels.assign(n + 1, 0);
  right_labels.assign(n + 1, 0);
}

bool State::Valid(int a) const {
  if (a == kShift) return b_ < n_;
  int l = ActionLabel(a);
  if (IsLeft(a)) {
    if (stack_.empty()) return false;
    if (b_ == n_) return l == kRootLabel && stack_.size() == 1;
    return l != kRootLabel;
  }
  return stack_.size() >= 2 && l != kRootLabel;
}

void State::Attach(int h, int d, int l) {
  head[d] = h;
  label[d] = l;
  if (d < h) {
    if (lc1[h] == -1 || d < lc1[h]) {
      lc2[h] = lc1[h];
      lc1[h] = d;
    } else if (lc2[h] == -1 || d < lc2[h]) {
      lc2[h] = d;
    }
    if (left_count[h] < 255) ++left_count[h];
    left_labels[h] |= uint64_t{1} << l;
  } else {
    if (rc1[h] == -1 || d > rc1[h]) {
      rc2[h] = rc1[h];
      rc1[h] = d;
    } else if (rc2[h] == -1 || d > rc2[h]) {
      rc2[h] = d;
    }
    if (right_count[h] < 255) ++right_count[h];
    right_labels[h] |= uint64_t{1} << l;
  }
}

void State::Apply(int a) {
  if (a == kShift) {
    stack_.push_back(b_++);
    return;
  }
  int s0 = stack_.back();
  stack_.pop_back();
  if (IsLeft(a)) {
    Attach(b_, s0, ActionLabel(a));
  } else {
    Attach(stack_.back(), s0, ActionLabel(a));
  }
}

namespace {

constexpr uint64_t kNone = 0x6e6f6e65ULL;  // features of a missing position

#define DYAD_INLINE __attribute__((always_inline))

// The templates of the groups in G, in template order. Everything is inlined into one
// function per G, so that the values a group does not read are never loaded.
template <unsigned G>
uint64_t* AppendFeatures(const State& st, const ParseWord* words, uint64_t* out) {
  auto w = [&](int k) DYAD_INLINE -> uint64_t { return k < 0 ? kNone : words[k].word; };
  auto p = [&](int k) DYAD_INLINE -> uint64_t { return k < 0 ? 999 : words[k].xpos; };
  auto u = [&](int k) DYAD_INLINE -> uint64_t { return k < 0 ? 999 : words[k].upos; };
  auto l = [&](int k)
               DYAD_INLINE -> uint64_t { return k < 0 ? 999 : static_cast<uint64_t>(st.label[k]); };
  auto c = [&](const std::vector<int>& v, int k) DYAD_INLINE { return k < 0 ? -1 : v[k]; };

  const int s0 = st.S(0), s1 = st.S(1), s2 = st.S(2);
  const int b0 = st.B(0), b1 = st.B(1), b2 = st.B(2);
  const int s0l1 = c(st.lc1, s0), s0l2 = c(st.lc2, s0), s0r1 = c(st.rc1, s0), s0r2 = c(st.rc2, s0);
  const int s1l1 = c(st.lc1, s1), s1r1 = c(st.rc1, s1), s1r2 = c(st.rc2, s1);
  const int b0l1 = c(st.lc1, b0), b0l2 = c(st.lc2, b0);
  const uint64_t ws0 = w(s0), ws1 = w(s1), wb0 = w(b0), wb1 = w(b1);
  const uint64_t ps0 = p(s0), ps1 = p(s1), ps2 = p(s2), pb0 = p(b0), pb1 = p(b1), pb2 = p(b2);
  uint64_t dist = 0;
  if (s0 >= 0 && b0 >= 0) dist = std::min(b0 - s0, 8);
  uint64_t dist_s = 0;
  if (s0 >= 0 && s1 >= 0) dist_s = std::min(s0 - s1, 8);
  auto count = [&](const std::vector<uint8_t>& v, int k)
                   DYAD_INLINE -> uint64_t { return k < 0 ? 99 : std::min<int>(v[k], 4); };
  auto labels = [&](const std::vector<uint64_t>& v, int k)
                    DYAD_INLINE -> uint64_t { return k < 0 ? 0 : v[k]; };

  // Template numbers count every template, emitted or not, so a feature's id does not depend
  // on which groups were asked for.
  uint32_t t = 0;
  auto add1 = [&](unsigned g, uint64_t a) DYAD_INLINE {
    ++t;
    if (G & g) *out++ = Feature(t, a);
  };
  auto add2 = [&](unsigned g, uint64_t a, uint64_t b) DYAD_INLINE {
    ++t;
    if (G & g) *out++ = Feature(t, a, b);
  };
  auto add3 = [&](unsigned g, uint64_t a, uint64_t b, uint64_t cc) DYAD_INLINE {
    ++t;
    if (G & g) *out++ = Feature(t, a, b, cc);
  };
  constexpr unsigned S = kStackFeatures, B = kBufferFeatures, X = kCrossFeatures;

  add1(kBiasFeature, 0);
  // Single positions.
  add1(S, ws0);
  add1(S, ps0);
  add2(S, ws0, ps0);
  add1(S, ws1);
  add1(S, ps1);
  add2(S, ws1, ps1);
  add1(B, wb0);
  add1(B, pb0);
  add2(B, wb0, pb0);
  add1(B, wb1);
  add1(B, pb1);
  add2(B, wb1, pb1);
  add1(B, w(b2));
  add1(B, pb2);
  add1(S, w(s2));
  add1(S, ps2);
  add1(S, u(s0));
  add1(B, u(b0));
  add1(S, u(s1));
  // Pairs.
  add3(X, ws0, ps0, wb0);
  add3(X, ws0, wb0, pb0);
  add3(X, ws0, ps0, pb0);
  add3(X, ps0, wb0, pb0);
  add2(X, ws0, wb0);
  add2(X, ps0, pb0);
  add2(B, pb0, pb1);
  add2(S, ws1, ws0);
  add2(S, ps1, ps0);
  add3(S, ws1, ps1, ps0);
  add3(S, ps1, ws0, ps0);
  add2(X, ws1, wb0);
  add2(X, ps1, pb0);
  // Triples of tags.
  add3(B, pb0, pb1, pb2);
  add3(X, ps0, pb0, pb1);
  add3(X, ps1, ps0, pb0);
  add3(S, ps2, ps1, ps0);
  add3(X, ps0, p(s0l1), pb0);
  add3(X, ps0, p(s0r1), pb0);
  add3(X, ps0, pb0, p(b0l1));
  add3(S, ps1, ps0, p(s0l1));
  add3(S, ps1, p(s1r1), ps0);
  add3(S, ps1, ps0, p(s0r1));
  // Distance and valency.
  add2(X, ws0, dist);
  add2(X, ps0, dist);
  add2(X, wb0, dist);
  add2(X, pb0, dist);
  add3(X, ws0, wb0, dist);
  add3(X, ps0, pb0, dist);
  add3(S, ps1, ps0, dist_s);
  add2(S, ws0, count(st.right_count, s0));
  add2(S, ps0, count(st.right_count, s0));
  add2(S, ws0, count(st.left_count, s0));
  add2(S, ps0, count(st.left_count, s0));
  add2(B, wb0, count(st.left_count, b0));
  add2(B, pb0, count(st.left_count, b0));
  add2(S, ps1, count(st.right_count, s1));
  // Children.
  add1(S, w(s0l1));
  add1(S, p(s0l1));
  add1(S, l(s0l1));
  add1(S, w(s0r1));
  add1(S, p(s0r1));
  add1(S, l(s0r1));
  add1(B, w(b0l1));
  add1(B, p(b0l1));
  add1(B, l(b0l1));
  add1(S, p(s0l2));
  add1(S, l(s0l2));
  add1(S, p(s0r2));
  add1(S, l(s0r2));
  add1(B, p(b0l2));
  add1(B, l(b0l2));
  add1(S, w(s1r1));
  add1(S, p(s1r1));
  add1(S, l(s1r1));
  add1(S, l(s1l1));
  add1(S, p(s1r2));
  add3(S, ps0, l(s0l1), l(s0l2));
  add3(S, ps0, l(s0r1), l(s0r2));
  add3(B, pb0, l(b0l1), l(b0l2));
  add3(S, ps0, p(s0l1), p(s0l2));
  add3(S, ps0, p(s0r1), p(s0r2));
  add3(B, pb0, p(b0l1), p(b0l2));
  add3(S, ps1, p(s1r1), p(s1r2));
  // Label sets.
  add2(S, ws0, labels(st.right_labels, s0));
  add2(S, ps0, labels(st.right_labels, s0));
  add2(S, ws0, labels(st.left_labels, s0));
  add2(S, ps0, labels(st.left_labels, s0));
  add2(B, wb0, labels(st.left_labels, b0));
  add2(B, pb0, labels(st.left_labels, b0));
  add2(S, ps1, labels(st.right_labels, s1));
  // Word classes (Brown cluster prefixes), when the model has clusters.
  if (words[st.n()].cluster != 0) {
    auto c = [&](int k, int bits) DYAD_INLINE -> uint64_t {
      return k < 0 ? 999 : learn::WordClusters::Prefix(words[k].cluster, bits);
    };
    add1(S, c(s0, 6));
    add1(B, c(b0, 6));
    add1(S, c(s1, 6));
    add1(B, c(b1, 6));
    add1(S, c(s0, 24));
    add1(B, c(b0, 24));
    add2(X, c(s0, 6), pb0);
    add2(X, ps0, c(b0, 6));
    add2(X, c(s0, 4), c(b0, 4));
    add3(X, c(s0, 6), c(b0, 6), dist);
    add2(S, c(s1, 6), c(s0, 6));
    add2(S, c(s0l1, 4), ps0);
    add2(S, c(s0r1, 4), ps0);
  }
  return out;
}

}  // namespace

size_t ParserFeatures(const State& state, const ParseWord* words, unsigned groups, uint64_t* out) {
  uint64_t* end = out;
  switch (groups) {
    case kBiasFeature:
      end = AppendFeatures<kBiasFeature>(state, words, out);
      break;
    case kStackFeatures:
      end = AppendFeatures<kStackFeatures>(state, words, out);
      break;
    case kBufferFeatures:
      end = AppendFeatures<kBufferFeatures>(state, words, out);
      break;
    case kCrossFeatures:
      end = AppendFeatures<kCrossFeatures>(state, words, out);
      break;
    case kAllFeatures:
      end = AppendFeatures<kAllFeatures>(state, words, out);
      break;
    default:
      DYAD_CHECK(!"ParserFeatures: unsupported set of groups");
  }
  return static_cast<size_t>(end - out);
}

#undef DYAD_INLINE

void ParserFeatures(const State& state, const ParseWord* words, std::vector<uint64_t>& out) {
  const size_t at = out.size();
  out.resize(at + kMaxParserFeatures);
  out.resize(at + ParserFeatures(state, words, kAllFeatures, out.data() + at));
}

void ActionCosts(const State& st, const std::vector<int>& gold_head,
                 const std::vector<int>& gold_label, std::vector<int>& costs) {
  constexpr int kInvalid = 1 << 20;
  costs.assign(kNumActions, kInvalid);
  const int n = st.n();
  const int b = st.buffer_front();
  const std::vector<int>& stack = st.stack();
  const int s0 = st.S(0), s1 = st.S(1);
  // Gold dependents of x still in the buffer, which lose their head when x is popped.
  auto buffer_deps = [&](int x) {
    int k = 0;
    for (int d = b; d < n; ++d) k += gold_head[d] == x;
    return k;
  };
  if (st.Valid(kShift)) {
    int cost = 0;
    for (size_t i = 0; i < stack.size(); ++i) {
      int k = stack[i];
      if (gold_head[k] == b) ++cost;             // k could have taken b as head by LEFT
      if (k != s0 && gold_head[b] == k) ++cost;  // b can no longer reach heads below s0
    }
    costs[kShift] = cost;
  }
  if (s0 >= 0) {
    int deps = buffer_deps(s0);
    int h = gold_head[s0];
    // LEFT: s0's head becomes b.
    bool head_reachable_elsewhere = (h == s1 && s1 >= 0) || (h > b);
    int left_cost = deps + ((h != b && head_reachable_elsewhere) ? 1 : 0);
    for (int l = 0; l < kNumLabels; ++l) {
      int a = LeftAction(l);
      if (!st.Valid(a)) continue;
      costs[a] = left_cost + ((h == b && gold_label[s0] != l) ? 1 : 0);
    }
    if (s1 >= 0) {
      // RIGHT: s0's head becomes s1.
      int right_cost = deps + ((h != s1 && h >= b) ? 1 : 0);
      for (int l = 0; l < kNumLabels; ++l) {
        int a = RightAction(l);
        if (!st.Valid(a)) continue;
        costs[a] = right_cost + ((h == s1 && gold_label[s0] != l) ? 1 : 0);
      }
    }
  }
}

namespace {

// True if `h` dominates `k` (following heads; `n` is the root).
bool Dominates(const std::vector<int>& head, int h, int k, int n) {
  for (int steps = 0; k != n && k >= 0 && steps <= n; ++steps) {
    if (k == h) return true;
    k = head[k];
  }
  return h == n;
}

}  // namespace

int Projectivize(std::vector<int>& head) {
  const int n = static_cast<int>(head.size());
  int lifts = 0;
  for (int guard = 0; guard < 4 * n + 4; ++guard) {
    // The shortest non-projective arc is lifted first (Nivre & Nilsson 2005).
    int best = -1, best_len = n + 2;
    for (int d = 0; d < n; ++d) {
      int h = head[d];
      if (h < 0) continue;
      int lo = std::min(h, d), hi = std::max(h, d);
      if (hi - lo >= best_len) continue;
      for (int k = lo + 1; k < hi; ++k) {
        if (!Dominates(head, h, k, n)) {
          best = d;
          best_len = hi - lo;
          break;
        }
      }
    }
    if (best < 0) return lifts;
    int h = head[best];
    if (h == n) return lifts;  // cannot lift past the root
    head[best] = head[h];
    ++lifts;
  }
  return lifts;
}

}  // namespace dyad::parse_internal
