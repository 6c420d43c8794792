#include "transition.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <utility>
#include <vector>

namespace dyad::parse_internal {
namespace {

// A random projective tree over n words (heads use n for the root): each span picks a head
// and attaches left and right sub-spans to it.
void RandomProjective(int lo, int hi, int parent, std::mt19937& rng, std::vector<int>& head) {
  if (lo >= hi) return;
  int h = lo + static_cast<int>(rng() % (hi - lo));
  head[h] = parent;
  // Split each side into consecutive sub-spans headed by children of h.
  for (int side = 0; side < 2; ++side) {
    int a = side == 0 ? lo : h + 1, b = side == 0 ? h : hi;
    while (a < b) {
      int len = 1 + static_cast<int>(rng() % (b - a));
      RandomProjective(a, a + len, h, rng, head);
      a += len;
    }
  }
}

TEST(TransitionTest, ZeroCostActionsRebuildEveryProjectiveTree) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 500; ++trial) {
    int n = 1 + static_cast<int>(rng() % 25);
    std::vector<int> head(n, -1), label(n);
    RandomProjective(0, n, n, rng, head);
    for (int i = 0; i < n; ++i)
      label[i] =
          head[i] == n ? kRootLabel : 2 + static_cast<int>(rng() % 10);  // never the root label
    State st;
    st.Reset(n);
    std::vector<int> costs;
    int steps = 0;
    while (!st.Terminal()) {
      ActionCosts(st, head, label, costs);
      // Take a random zero-cost action: any order must reach the gold tree.
      std::vector<int> zero;
      for (int a = 0; a < kNumActions; ++a) {
        if (st.Valid(a) && costs[a] == 0) zero.push_back(a);
      }
      if (zero.empty()) {
        std::string msg = "heads:";
        for (int h : head) msg += " " + std::to_string(h);
        msg += " stack:";
        for (int k : st.stack()) msg += " " + std::to_string(k);
        msg += " b=" + std::to_string(st.buffer_front());
        msg += " costs shift=" + std::to_string(costs[kShift]);
        for (int l : {kRootLabel, label[0]}) {
          msg += " L" + std::to_string(l) + "=" + std::to_string(costs[LeftAction(l)]) + " R" +
                 std::to_string(l) + "=" + std::to_string(costs[RightAction(l)]);
        }
        FAIL() << "trial " << trial << " " << msg;
      }
      st.Apply(zero[rng() % zero.size()]);
      ASSERT_LT(++steps, 4 * n + 4);
    }
    for (int i = 0; i < n; ++i) {
      EXPECT_EQ(st.head[i], head[i]) << "trial " << trial << " word " << i;
      EXPECT_EQ(st.label[i], label[i]);
    }
  }
}

TEST(TransitionTest, CostCountsLostArcs) {
  // "a b c": b heads a and c, b is the root.
  std::vector<int> head{1, 3, 1}, label{5, kRootLabel, 6};
  State st;
  st.Reset(3);
  std::vector<int> costs;
  st.Apply(kShift);  // stack [a], buffer b c ROOT
  ActionCosts(st, head, label, costs);
  EXPECT_EQ(costs[LeftAction(5)], 0);  // a <- b
  EXPECT_EQ(costs[LeftAction(6)], 1);  // right arc, wrong label
  EXPECT_EQ(costs[kShift], 1);         // a can no longer take b as head
  EXPECT_FALSE(st.Valid(RightAction(5)));
}

TEST(TransitionTest, ProjectivizeLiftsCrossingArcs) {
  // 0 -> 2, 1 -> 3 cross (heads: word 0 headed by 2, word 1 by 3, 2 and 3 by root=4... ).
  std::vector<int> head{2, 3, 4, 2};
  int lifts = Projectivize(head);
  EXPECT_GE(lifts, 1);
  // After lifting no arc may cross another.
  for (int a = 0; a < 4; ++a) {
    for (int b = 0; b < 4; ++b) {
      int a1 = std::min(a, head[a]), a2 = std::max(a, head[a]);
      int b1 = std::min(b, head[b]), b2 = std::max(b, head[b]);
      bool cross = a1 < b1 && b1 < a2 && a2 < b2;
      EXPECT_FALSE(cross) << a << " " << b;
    }
  }
  std::vector<int> proj{1, 3, 1};
  EXPECT_EQ(Projectivize(proj), 0);
}

// Random words for feature tests; the root entry says the model has clusters.
std::vector<ParseWord> RandomWords(int n, std::mt19937& rng) {
  std::vector<ParseWord> words(n + 1);
  for (int i = 0; i < n; ++i) {
    words[i] =
        ParseWord{rng() % 7, static_cast<uint32_t>(rng() % 5), static_cast<uint32_t>(rng() % 4),
                  (rng() % 3 == 0) ? 0u : (20u << 24 | static_cast<uint32_t>(rng() % 997))};
  }
  words[n] = ParseWord{12345, 998, 998, 1};
  return words;
}

std::vector<uint64_t> Features(const State& st, const ParseWord* words, unsigned groups) {
  std::vector<uint64_t> f(kMaxParserFeatures);
  f.resize(ParserFeatures(st, words, groups, f.data()));
  return f;
}

// What the parser's score cache relies on: the groups split the features, the stack group
// depends only on s0 and how many children it has, the buffer group only on b0 and how many
// children it has. Random parses (any valid action) of random words check all three.
TEST(TransitionTest, FeatureGroupsSplitTheFeaturesAndDependOnlyOnTheirKey) {
  std::mt19937 rng(11);
  size_t stack_repeats = 0, buffer_repeats = 0;
  for (int trial = 0; trial < 300; ++trial) {
    const int n = static_cast<int>(rng() % 30);
    std::vector<ParseWord> words = RandomWords(n, rng);
    State st;
    st.Reset(n);
    std::vector<int> children(n + 1, 0);
    std::map<std::pair<int, int>, std::vector<uint64_t>> stack_seen, buffer_seen;
    while (!st.Terminal()) {
      std::vector<uint64_t> all;
      ParserFeatures(st, words.data(), all);
      ASSERT_EQ(all, Features(st, words.data(), kAllFeatures));
      std::vector<uint64_t> parts;
      for (unsigned g : {kBiasFeature, kStackFeatures, kBufferFeatures, kCrossFeatures}) {
        std::vector<uint64_t> f = Features(st, words.data(), g);
        parts.insert(parts.end(), f.begin(), f.end());
      }
      std::sort(all.begin(), all.end());
      std::sort(parts.begin(), parts.end());
      ASSERT_EQ(all, parts) << "trial " << trial;
      const int s0 = st.S(0), b0 = st.B(0);
      auto check = [&](std::map<std::pair<int, int>, std::vector<uint64_t>>& seen, int key,
                       unsigned group, size_t& repeats) {
        std::vector<uint64_t> f = Features(st, words.data(), group);
        auto [it, inserted] = seen.emplace(std::make_pair(key, key < 0 ? 0 : children[key]), f);
        if (!inserted) {
          ++repeats;
          EXPECT_EQ(it->second, f) << "trial " << trial << " key " << key;
        }
      };
      check(stack_seen, s0, kStackFeatures, stack_repeats);
      check(buffer_seen, b0, kBufferFeatures, buffer_repeats);
      std::vector<int> valid;
      for (int a = 0; a < kNumActions; ++a) {
        if (st.Valid(a)) valid.push_back(a);
      }
      ASSERT_FALSE(valid.empty());
      const int a = valid[rng() % valid.size()];
      if (IsLeft(a)) ++children[st.B(0)];
      if (IsRight(a)) ++children[st.S(1)];
      st.Apply(a);
    }
  }
  EXPECT_GT(stack_repeats, 100u);  // the property was tested, not vacuously true
  EXPECT_GT(buffer_repeats, 30u);
}

}  // namespace
}  // namespace dyad::parse_internal
