#include "transition.h"

#include <gtest/gtest.h>

#include <random>

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
    for (int i = 0; i < n; ++i) label[i] = head[i] == n ? kRootLabel : 2 + static_cast<int>(rng() % 10);  // never the root label
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

}  // namespace
}  // namespace dyad::parse_internal
