#include "tag_features.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

namespace dyad::tag_internal {
namespace {

// What the tagger's per-word score cache relies on: the word features and the context
// features of a position are, together, its features. Random keys (few distinct values, so
// that zero affixes, missing clusters and clustered neighbours all occur) at every position.
TEST(TagFeaturesTest, WordAndContextFeaturesAreTheFeatures) {
  std::mt19937_64 rng(3);
  auto small = [&](uint64_t k) { return rng() % k; };
  size_t with_cluster = 0, clustered_neighbour_only = 0;
  for (int trial = 0; trial < 500; ++trial) {
    const size_t n = 1 + small(12);
    std::vector<WordKeys> words(n);
    std::vector<int> prev(n);
    for (size_t i = 0; i < n; ++i) {
      WordKeys& w = words[i];
      w.form = small(5);
      w.lower = small(5);
      w.shape = small(3);
      for (auto& p : w.prefix) p = small(3);
      for (auto& s : w.suffix) s = small(3);
      w.ambiguity = static_cast<uint32_t>(small(4));
      w.cluster = small(2) ? 0 : static_cast<uint32_t>(10u << 24 | small(1000));
      w.flags = static_cast<uint8_t>(small(64));
      prev[i] = static_cast<int>(small(20));
    }
    const uint64_t profile = SentenceCaseProfile(words.data(), n);
    for (size_t i = 0; i < n; ++i) {
      std::vector<uint64_t> all, parts;
      TaggerFeatures(words.data(), n, i, prev.data(), profile, all);
      TaggerWordFeatures(words[i], parts);
      TaggerContextFeatures(words.data(), n, i, prev.data(), profile, parts);
      std::sort(all.begin(), all.end());
      std::sort(parts.begin(), parts.end());
      ASSERT_EQ(all, parts) << "trial " << trial << " word " << i;
      with_cluster += words[i].cluster != 0;
      const bool neighbour = (i > 0 && words[i - 1].cluster) || (i + 1 < n && words[i + 1].cluster);
      clustered_neighbour_only += words[i].cluster == 0 && neighbour;
    }
  }
  EXPECT_GT(with_cluster, 100u);
  EXPECT_GT(clustered_neighbour_only, 100u);
}

}  // namespace
}  // namespace dyad::tag_internal
