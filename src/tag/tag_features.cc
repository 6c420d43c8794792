#include "tag_features.h"

namespace dyad::tag_internal {

using learn::Feature;
using learn::HashText;

void ComputeWordKeys(std::string_view word, const learn::HashIndex& tag_dict,
                     const learn::WordClusters& clusters, WordKeys& keys) {
  std::string lower = AsciiLower(word);
  keys.form = HashText(word);
  keys.lower = HashText(lower);
  keys.shape = HashText(learn::WordShape(word));
  learn::AffixHashes(lower, keys.prefix, keys.suffix);
  auto amb = tag_dict.Find(keys.lower);
  keys.ambiguity = amb ? *amb : 0;
  keys.cluster = clusters.Find(keys.lower);
  uint8_t flags = 0;
  bool all_upper = !word.empty();
  for (unsigned char c : word) {
    if (c >= '0' && c <= '9') flags |= kHasDigit;
    if (c == '-') flags |= kHasHyphen;
    if (c >= 'A' && c <= 'Z') flags |= kHasUpper | kHasLetter;
    if (c >= 'a' && c <= 'z') all_upper = false, flags |= kHasLetter;
  }
  if (!word.empty() && word[0] >= 'A' && word[0] <= 'Z') flags |= kInitUpper;
  if (all_upper && (flags & kHasUpper)) flags |= kAllUpper;
  keys.flags = flags;
}

namespace {
WordKeys Boundary(std::string_view name) {
  WordKeys k;
  k.form = k.lower = k.shape = HashText(name);
  for (auto& p : k.prefix) p = k.form;
  for (auto& s : k.suffix) s = k.form;
  k.ambiguity = 0xFFFFFFF0u + (name == "<e>" ? 1 : 0);
  return k;
}
}  // namespace

const WordKeys& StartKeys() {
  static const WordKeys k = Boundary("<s>");
  return k;
}
const WordKeys& EndKeys() {
  static const WordKeys k = Boundary("<e>");
  return k;
}

uint64_t SentenceCaseProfile(const WordKeys* words, size_t n) {
  size_t letters = 0, initial = 0, all_upper = 0;
  for (size_t i = 1; i < n; ++i) {
    if (!(words[i].flags & kHasLetter)) continue;
    ++letters;
    initial += (words[i].flags & kInitUpper) != 0;
    all_upper += (words[i].flags & kAllUpper) != 0;
  }
  if (letters == 0) return 1;
  uint64_t share = initial == 0 ? 0 : initial * 5 < letters ? 1 : initial * 2 < letters ? 2 : 3;
  return 2 + share * 2 + (all_upper * 2 > letters ? 1 : 0);
}

namespace {

enum : unsigned { kWordPart = 1, kContextPart = 2 };

// The features of word i in template order, those of the parts in `parts` only: the word
// part reads only words[i]; the context part reads the neighbours, the tags chosen before i,
// i itself and the sentence. Cluster features of the word belong to the word part when it has
// a cluster, else (emitted only for a clustered neighbour) to the context part.
void AppendFeatures(const WordKeys* words, size_t n, size_t i, const int* prev,
                    uint64_t case_profile, unsigned parts, std::vector<uint64_t>& out) {
  auto at = [&](long j) -> const WordKeys& {
    if (j < 0) return StartKeys();
    if (j >= static_cast<long>(n)) return EndKeys();
    return words[j];
  };
  long li = static_cast<long>(i);
  const WordKeys& w = words[i];
  const WordKeys& p1 = at(li - 1);
  const WordKeys& p2 = at(li - 2);
  const WordKeys& n1 = at(li + 1);
  const WordKeys& n2 = at(li + 2);
  const bool word = parts & kWordPart, context = parts & kContextPart;
  uint64_t t1 = 999, t2 = 999;
  if (context) {
    t1 = i >= 1 ? static_cast<uint64_t>(prev[i - 1]) : 999;
    t2 = i >= 2 ? static_cast<uint64_t>(prev[i - 2]) : 999;
  }
  if (word) {
    out.push_back(Feature(1, 0));
    out.push_back(Feature(2, w.form));
    out.push_back(Feature(3, w.lower));
    for (int k = 0; k < 4; ++k) {
      if (w.suffix[k]) out.push_back(Feature(4 + k, w.suffix[k]));
    }
    for (int k = 0; k < 3; ++k) {
      if (w.prefix[k]) out.push_back(Feature(8 + k, w.prefix[k]));
    }
    out.push_back(Feature(11, w.shape));
    out.push_back(Feature(12, w.ambiguity));
  }
  if (context) {
    out.push_back(Feature(13, p1.lower));
    out.push_back(Feature(14, n1.lower));
    out.push_back(Feature(15, p2.lower));
    out.push_back(Feature(16, n2.lower));
    out.push_back(Feature(17, t1));
    out.push_back(Feature(18, t2, t1));
    out.push_back(Feature(19, t1, w.lower));
    out.push_back(Feature(20, p1.suffix[2]));
    out.push_back(Feature(21, n1.suffix[2]));
    out.push_back(Feature(22, n1.shape));
    out.push_back(Feature(23, p1.shape));
    out.push_back(Feature(24, n1.ambiguity));
    out.push_back(Feature(25, n2.ambiguity));
    out.push_back(Feature(26, t1, w.ambiguity));
    out.push_back(Feature(27, w.ambiguity, n1.ambiguity));
    out.push_back(Feature(28, w.lower, n1.lower));
    out.push_back(Feature(29, p1.lower, w.lower));
    out.push_back(Feature(30, w.flags, i == 0 ? 1 : 0));
    out.push_back(Feature(31, t1, w.suffix[2]));
    out.push_back(Feature(32, w.suffix[1], n1.ambiguity));
    out.push_back(Feature(33, t1, n1.lower));
    out.push_back(Feature(50, case_profile, w.flags, i == 0 ? 1 : 0));
    out.push_back(Feature(51, case_profile, w.shape));
  }
  if (w.cluster | n1.cluster | p1.cluster) {
    using learn::WordClusters;
    const bool own = w.cluster != 0 ? word : context;
    if (own) {
      out.push_back(Feature(40, WordClusters::Prefix(w.cluster, 4)));
      out.push_back(Feature(41, WordClusters::Prefix(w.cluster, 6)));
      out.push_back(Feature(42, WordClusters::Prefix(w.cluster, 10)));
      out.push_back(Feature(43, WordClusters::Prefix(w.cluster, 24)));
    }
    if (context) {
      out.push_back(Feature(44, WordClusters::Prefix(p1.cluster, 6)));
      out.push_back(Feature(45, WordClusters::Prefix(n1.cluster, 6)));
      out.push_back(Feature(46, WordClusters::Prefix(n1.cluster, 24)));
      out.push_back(Feature(47, t1, WordClusters::Prefix(w.cluster, 10)));
    }
    if (own) out.push_back(Feature(48, WordClusters::Prefix(w.cluster, 24), w.suffix[2]));
  }
}

}  // namespace

void TaggerFeatures(const WordKeys* words, size_t n, size_t i, const int* prev,
                    uint64_t case_profile, std::vector<uint64_t>& out) {
  AppendFeatures(words, n, i, prev, case_profile, kWordPart | kContextPart, out);
}

void TaggerWordFeatures(const WordKeys& word, std::vector<uint64_t>& out) {
  // The word part reads only the word itself: a one-word sentence is enough.
  AppendFeatures(&word, 1, 0, nullptr, 0, kWordPart, out);
}

void TaggerContextFeatures(const WordKeys* words, size_t n, size_t i, const int* prev,
                           uint64_t case_profile, std::vector<uint64_t>& out) {
  AppendFeatures(words, n, i, prev, case_profile, kContextPart, out);
}

}  // namespace dyad::tag_internal
