#include "dyad/learn/brown_clusters.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace dyad::learn {
namespace {

using Corpus = std::vector<std::vector<std::string>>;
using Paths = std::vector<std::pair<std::string, std::string>>;

BrownOptions Options(int clusters, int min_count, int threads = 1) {
  BrownOptions o;
  o.clusters = clusters;
  o.min_count = min_count;
  o.threads = threads;
  return o;
}

std::map<std::string, std::string> AsMap(const Paths& paths) {
  return std::map<std::string, std::string>(paths.begin(), paths.end());
}

// Sentences from a small hidden Markov model: `states` hidden classes, each emitting its own
// `words_per_state` words with Zipf-like weights, so the corpus has real cluster structure.
Corpus RandomCorpus(uint64_t seed, int sentences, int states, int words_per_state) {
  std::mt19937_64 rng(seed);
  auto uniform = [&rng](int n) { return static_cast<int>(rng() % static_cast<uint64_t>(n)); };
  std::vector<std::vector<int>> next(states);
  for (auto& row : next) {
    for (int k = 0; k < 3; ++k) {
      row.push_back(uniform(states));
    }
  }
  Corpus corpus;
  for (int s = 0; s < sentences; ++s) {
    std::vector<std::string> sentence;
    int state = uniform(states);
    const int length = 2 + uniform(10);
    for (int t = 0; t < length; ++t) {
      int word = uniform(words_per_state);
      word = std::min(word, uniform(words_per_state));  // more weight on small ids
      sentence.push_back("s" + std::to_string(state) + "w" + std::to_string(word));
      state = next[state][uniform(3)];
    }
    corpus.push_back(std::move(sentence));
  }
  return corpus;
}

// The same algorithm with every loss recomputed from its definition: the mutual information
// terms n(x,y) log(n(x,y) / (left(x) right(y))) between active clusters that involve a or b,
// minus those that involve a+b. Slots, tie-breaking and tree orientation follow the header's
// contract as implemented: the new word takes the freed slot, the merged cluster keeps the
// lower slot and becomes the '0' child.
Paths ReferenceBrown(const Corpus& corpus, int c, int min_count) {
  std::map<std::string, int64_t> freq;
  for (const auto& s : corpus) {
    for (const auto& t : s) {
      ++freq[t];
    }
  }
  std::vector<std::pair<int64_t, std::string>> vocab;
  for (const auto& [w, n] : freq) {
    if (n >= min_count) {
      vocab.emplace_back(n, w);
    }
  }
  std::sort(vocab.begin(), vocab.end(), [](const auto& x, const auto& y) {
    return x.first != y.first ? x.first > y.first : x.second < y.second;
  });
  const int v = static_cast<int>(vocab.size());
  if (v == 0) {
    return {};
  }
  std::map<std::string, int> id;
  for (int w = 0; w < v; ++w) {
    id[vocab[w].second] = w;
  }
  std::map<std::pair<int, int>, int64_t> bigram;
  std::vector<int64_t> left(v, 0), right(v, 0);
  for (const auto& s : corpus) {
    int prev = -1;
    for (const auto& t : s) {
      auto it = id.find(t);
      const int cur = it == id.end() ? -1 : it->second;
      if (prev >= 0 && cur >= 0) {
        ++bigram[{prev, cur}];
        ++left[prev];
        ++right[cur];
      }
      prev = cur;
    }
  }

  const int slots = std::min(v, c) + 1;
  std::vector<int> slot_of_word(v, -1);  // -1: not added yet
  std::vector<bool> active(slots, false);
  // N * (mutual information lost) by merging the active clusters in slots a and b.
  auto loss = [&](int a, int b) {
    std::map<std::pair<int, int>, int64_t> n;
    for (const auto& [key, count] : bigram) {
      const int x = slot_of_word[key.first], y = slot_of_word[key.second];
      if (x < 0 || y < 0) {
        continue;
      }
      n[{x, y}] += count;
    }
    std::vector<int64_t> l(slots, 0), r(slots, 0);
    for (int w = 0; w < v; ++w) {
      if (slot_of_word[w] >= 0) {
        l[slot_of_word[w]] += left[w];
        r[slot_of_word[w]] += right[w];
      }
    }
    auto q = [](int64_t count, int64_t lx, int64_t ry) {
      return count == 0 ? 0.0
                        : static_cast<double>(count) *
                              std::log(static_cast<double>(count) /
                                       (static_cast<double>(lx) * static_cast<double>(ry)));
    };
    double before = 0;
    std::map<std::pair<int, int>, int64_t> merged;
    for (const auto& [key, count] : n) {
      const auto [x, y] = key;
      if (x != a && x != b && y != a && y != b) {
        continue;
      }
      before += q(count, l[x], r[y]);
      merged[{x == b ? a : x, y == b ? a : y}] += count;
    }
    double after = 0;
    for (const auto& [key, count] : merged) {
      const auto [x, y] = key;
      after += q(count, x == a ? l[a] + l[b] : l[x], y == a ? r[a] + r[b] : r[y]);
    }
    return before - after;
  };
  auto best = [&] {
    double best_loss = 0;
    std::pair<int, int> best_pair(-1, -1);
    for (int a = 0; a < slots; ++a) {
      for (int b = a + 1; b < slots; ++b) {
        if (!active[a] || !active[b]) {
          continue;
        }
        const double x = loss(a, b);
        if (best_pair.first < 0 || x < best_loss - 1e-9 * (1 + std::abs(best_loss))) {
          best_loss = x;
          best_pair = {a, b};
        }
      }
    }
    return best_pair;
  };
  auto merge = [&](int i, int j) {
    for (int w = 0; w < v; ++w) {
      if (slot_of_word[w] == j) {
        slot_of_word[w] = i;
      }
    }
    active[j] = false;
  };

  int free_slot = 0;
  for (int w = 0; w < v; ++w) {
    slot_of_word[w] = free_slot;
    active[free_slot] = true;
    if (std::count(active.begin(), active.end(), true) < slots) {
      ++free_slot;
      continue;
    }
    const auto [i, j] = best();
    merge(i, j);
    free_slot = j;
  }
  std::vector<std::vector<int>> members(slots);
  std::vector<int> leaf_slot(v);
  for (int w = 0; w < v; ++w) {
    leaf_slot[w] = slot_of_word[w];
  }
  for (int s = 0; s < slots; ++s) {
    if (active[s]) {
      members[s].push_back(s);
    }
  }
  std::vector<std::string> leaf_path(slots);
  while (std::count(active.begin(), active.end(), true) > 1) {
    const auto [i, j] = best();
    for (int s : members[i]) {
      leaf_path[s] = "0" + leaf_path[s];
    }
    for (int s : members[j]) {
      leaf_path[s] = "1" + leaf_path[s];
    }
    members[i].insert(members[i].end(), members[j].begin(), members[j].end());
    members[j].clear();
    merge(i, j);
  }
  Paths out;
  for (int w = 0; w < v; ++w) {
    const std::string& p = leaf_path[leaf_slot[w]];
    out.emplace_back(vocab[w].second, p.empty() ? "0" : p);
  }
  return out;
}

TEST(BrownClustersTest, EmptyInputGivesEmptyOutput) {
  EXPECT_TRUE(BrownClusters({}, BrownOptions()).empty());
  EXPECT_TRUE(BrownClusters({{}, {}}, BrownOptions()).empty());
  // Every word below min_count.
  EXPECT_TRUE(BrownClusters({{"a", "b"}, {"a", "c"}}, Options(4, 3)).empty());
}

TEST(BrownClustersTest, SingleWordGetsPathZero) {
  const Paths p = BrownClusters({{"x", "x"}, {"x"}}, Options(8, 1));
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0], std::make_pair(std::string("x"), std::string("0")));
}

TEST(BrownClustersTest, MinCountIsRespectedAndOrderIsByFrequency) {
  const Corpus corpus = {
      {"the", "cat", "sat"}, {"the", "dog", "sat"}, {"the", "cat", "ran"}, {"a", "cat", "sat"}};
  const Paths p = BrownClusters(corpus, Options(2, 2));
  std::vector<std::string> words;
  for (const auto& [w, bits] : p) {
    words.push_back(w);
  }
  // the: 3, cat: 3, sat: 3 (ties by string); dog, ran, a: 1.
  EXPECT_EQ(words, (std::vector<std::string>{"cat", "sat", "the"}));
  EXPECT_EQ(BrownClusters(corpus, Options(2, 1)).size(), 6u);
  EXPECT_EQ(BrownClusters(corpus, Options(2, 4)).size(), 0u);
  // Options below 1 mean 1.
  EXPECT_EQ(BrownClusters(corpus, Options(0, 0, 0)).size(), 6u);
}

TEST(BrownClustersTest, WordsAreOpaqueUtf8BytesWithBytewiseTies) {
  // Equal counts sort by bytes: "e" (0x65) < "z" (0x7a) < "é" (0xc3 0xa9) < "日本" (0xe6 ...).
  const Corpus corpus = {{"日本", "é", "z", "e"}, {"e", "z", "é", "日本"}, {"é", "日本", "e", "z"}};
  const Paths p = BrownClusters(corpus, Options(2, 3));
  std::vector<std::string> words;
  for (const auto& [w, bits] : p) {
    words.push_back(w);
  }
  EXPECT_EQ(words, (std::vector<std::string>{"e", "z", "é", "日本"}));
  EXPECT_EQ(AsMap(p).size(), 4u);
}

// Two groups that never share a context: days occur only among day words ("on", "morning",
// other days), cities only among city words. The class bigram model gains most from telling the
// two apart, so the root splits them, whatever the window size.
TEST(BrownClustersTest, GroupsInDifferentContextsSplitOnTheFirstBit) {
  const std::vector<std::string> days = {"monday", "tuesday", "wednesday", "thursday",
                                         "friday", "on",      "morning",   "evening"};
  const std::vector<std::string> cities = {"paris", "london", "berlin", "madrid",
                                           "rome",  "in",     "today",  "city"};
  Corpus corpus;
  std::mt19937 rng(7);
  for (int k = 0; k < 300; ++k) {
    for (const auto* group : {&days, &cities}) {
      std::vector<std::string> sentence;
      sentence.reserve(6);
      for (int t = 0; t < 6; ++t) {
        sentence.push_back((*group)[rng() % group->size()]);
      }
      corpus.push_back(std::move(sentence));
    }
  }
  for (int c : {2, 3, 4, 8, 32}) {
    SCOPED_TRACE("clusters=" + std::to_string(c));
    const auto m = AsMap(BrownClusters(corpus, Options(c, 3)));
    ASSERT_EQ(m.size(), 16u);
    const char day_bit = m.at("monday")[0];
    for (const auto& d : days) {
      EXPECT_EQ(m.at(d)[0], day_bit) << d;
    }
    for (const auto& x : cities) {
      EXPECT_NE(m.at(x)[0], day_bit) << x;
    }
    if (c == 2) {
      EXPECT_EQ(m.at("friday"), m.at("monday"));
      EXPECT_EQ(m.at("rome"), m.at("paris"));
    }
  }
}

TEST(BrownClustersTest, PathsAreBitStringsOneLeafPerCluster) {
  const Corpus corpus = RandomCorpus(11, 800, 6, 12);
  for (int c : {1, 2, 5, 16, 100}) {
    SCOPED_TRACE("clusters=" + std::to_string(c));
    const Paths p = BrownClusters(corpus, Options(c, 2));
    ASSERT_FALSE(p.empty());
    std::set<std::string> leaves;
    std::set<std::string> words;
    for (const auto& [w, bits] : p) {
      EXPECT_FALSE(bits.empty()) << w;
      EXPECT_EQ(bits.find_first_not_of("01"), std::string::npos) << w << " " << bits;
      leaves.insert(bits);
      words.insert(w);
    }
    EXPECT_EQ(words.size(), p.size());
    // C leaves when there are more words than clusters, else one leaf per word.
    EXPECT_EQ(leaves.size(), std::min(p.size(), static_cast<size_t>(c)));
    // Leaves of one binary tree: no path is a prefix of another.
    for (auto it = leaves.begin(); std::next(it) != leaves.end(); ++it) {
      const std::string& next = *std::next(it);
      EXPECT_FALSE(next.compare(0, it->size(), *it) == 0) << *it << " is a prefix of " << next;
    }
  }
}

TEST(BrownClustersTest, FewerWordsThanClustersGivesOneLeafPerWord) {
  const Corpus corpus = {{"a", "b", "c", "a", "b"}, {"c", "a", "d", "d"}};
  const Paths p = BrownClusters(corpus, Options(10, 1));
  ASSERT_EQ(p.size(), 4u);
  std::set<std::string> distinct;
  for (const auto& [w, bits] : p) {
    distinct.insert(bits);
  }
  EXPECT_EQ(distinct.size(), 4u);
}

TEST(BrownClustersTest, DeterministicAcrossRunsAndThreadCounts) {
  // 250 clusters is large enough for the parallel sections to run.
  const Corpus corpus = RandomCorpus(5, 6000, 20, 40);
  const Paths one = BrownClusters(corpus, Options(250, 2, 1));
  EXPECT_GT(one.size(), 400u);
  EXPECT_EQ(one, BrownClusters(corpus, Options(250, 2, 1)));
  EXPECT_EQ(one, BrownClusters(corpus, Options(250, 2, 3)));
  const Paths small = BrownClusters(corpus, Options(20, 2, 1));
  EXPECT_EQ(small, BrownClusters(corpus, Options(20, 2, 4)));
}

// Differential test: the incremental loss bookkeeping against losses recomputed from scratch.
TEST(BrownClustersTest, MatchesFromScratchReference) {
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    const Corpus corpus = RandomCorpus(seed, 300, 3 + static_cast<int>(seed % 3), 8);
    for (int c : {1, 2, 4, 7}) {
      SCOPED_TRACE("seed=" + std::to_string(seed) + " clusters=" + std::to_string(c));
      const Paths expected = ReferenceBrown(corpus, c, 2);
      ASSERT_GT(expected.size(), static_cast<size_t>(c));
      EXPECT_EQ(BrownClusters(corpus, Options(c, 2)), expected);
    }
  }
}

TEST(BrownClustersTest, RareWordsBreakBigramsLikeSentenceBoundaries) {
  // "zzz" is below min_count, so "a b zzz c" must count like "a b" and "c" as two sentences.
  Corpus with_rare, split;
  const Corpus base = RandomCorpus(3, 200, 3, 6);
  int inserted = 0;
  for (const auto& s : base) {
    if (s.size() > 3 && inserted < 5) {
      ++inserted;
      split.emplace_back(s.begin(), s.begin() + 2);
      split.emplace_back(s.begin() + 2, s.end());
      std::vector<std::string> x = s;
      x.insert(x.begin() + 2, "zzz");
      with_rare.push_back(x);
    } else {
      split.push_back(s);
      with_rare.push_back(s);
    }
  }
  ASSERT_EQ(inserted, 5);
  const Paths expected = BrownClusters(split, Options(4, 10));
  EXPECT_GT(expected.size(), 8u);
  EXPECT_EQ(BrownClusters(with_rare, Options(4, 10)), expected);
}

}  // namespace
}  // namespace dyad::learn
