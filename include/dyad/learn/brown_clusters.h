// Brown word clustering (Brown et al. 1992) with Liang's (2005) windowed algorithm: groups word
// types that occur in similar contexts into a binary hierarchy by greedily merging the clusters
// whose merge loses the least average mutual information of a class bigram model. Each clustered
// word gets the bit string of its cluster's path in the merge tree, like Liang's wcluster
// "paths" output; prefixes of the path are coarser clusters, used as tagger/NER features.
//
// Part of dyad_learn_train (training only; run-time stages read the paths from a model file).
//
//   BrownOptions o;
//   o.clusters = 256;
//   std::vector<std::pair<std::string, std::string>> paths = BrownClusters(sentences, o);
//   for (const auto& [word, bits] : paths) out << bits << '\t' << word << '\n';
//   // bits.substr(0, 4) is the word's cluster among at most 16 coarse ones.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace dyad::learn {

struct BrownOptions {
  // C: the number of active clusters kept while words are added (the window), and so the number
  // of distinct leaves (paths) in the result when there are at least C clustered words. Cost grows
  // as C^2 per word type. Values below 1 mean 1. Default 256.
  int clusters = 256;
  // Words seen fewer than this many times are not clustered and get no path; their tokens break
  // the bigram chain like a sentence boundary. Values below 1 mean 1. Default 3.
  int min_count = 3;
  // Threads for the O(C^2) merge-cost updates; the result is the same for every value. Values
  // below 1 mean 1, values above the number of hardware threads mean that number. Default 1.
  int threads = 1;
};

// Clusters the word types of `corpus` (sentences of tokens, used as given: lower-case them first
// if case should not matter). Bigrams are adjacent tokens within a sentence.
//
// Words are taken in order of decreasing frequency (ties by byte-wise string order); the first C
// start as singleton clusters, each later word joins as a new cluster followed by the cheapest
// merge, and the final C clusters are merged down to one to build the hierarchy. Returns one
// (word, path) pair per clustered word, in that frequency order; a path is a non-empty string of
// '0'/'1' ("0" when there is a single cluster), shared exactly by the words of one leaf cluster.
// Deterministic: the same corpus and options give the same result on every run and thread count.
// Empty input (or no word reaching min_count) gives an empty result. Time O(V * C^2) plus a
// sort of the corpus bigrams; memory O(C^2 + V + tokens). Words are opaque byte strings.
std::vector<std::pair<std::string, std::string>> BrownClusters(
    const std::vector<std::vector<std::string>>& corpus, const BrownOptions& o);

}  // namespace dyad::learn
