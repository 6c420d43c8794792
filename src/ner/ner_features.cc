#include "ner_features.h"

#include <string>

#include "dyad/learn/feature_hash.h"

namespace dyad::ner_internal {

using learn::Feature;
using learn::HashText;

bool Allowed(int prev, int label) {
  bool open = prev > 0 && (LabelPart(prev) == kB || LabelPart(prev) == kI);
  if (open) {
    return label > 0 && LabelType(label) == LabelType(prev) &&
           (LabelPart(label) == kI || LabelPart(label) == kL);
  }
  return label == 0 || LabelPart(label) == kB || LabelPart(label) == kU;
}

void ComputeNerWord(std::string_view word, NerWord& w) {
  std::string lower = learn::AsciiLower(word);
  w.form = HashText(word);
  w.lower = HashText(lower);
  w.shape = HashText(learn::WordShape(word));
  learn::AffixHashes(lower, w.prefix, w.suffix);
  uint8_t flags = 0;
  bool any_letter = false, all_caps = true;
  for (unsigned char c : word) {
    if (c >= '0' && c <= '9') flags |= kHasDigit;
    if (c == '-') flags |= kHasHyphen;
    if (c >= 'a' && c <= 'z') all_caps = false, any_letter = true;
    if (c >= 'A' && c <= 'Z') any_letter = true;
  }
  if (!word.empty() && word[0] >= 'A' && word[0] <= 'Z') flags |= kInitCap;
  if (any_letter && all_caps) flags |= kAllCaps;
  w.flags = flags;
  w.gazetteer = 0;
}

void NoteLowerCase(std::string_view word, uint64_t lower, DocumentMemory& memory) {
  if (!word.empty() && word[0] >= 'a' && word[0] <= 'z') memory.lower_forms.insert(lower);
}

void MarkGazetteer(const Gazetteer& g, const std::vector<std::string_view>& words,
                   std::vector<NerWord>& out) {
  if (g.max_words == 0) return;
  std::string phrase;
  for (size_t i = 0; i < words.size(); ++i) {
    phrase.clear();
    size_t best_len = 0;
    uint32_t best_bits = 0;
    for (size_t len = 1; len <= static_cast<size_t>(g.max_words) && i + len <= words.size(); ++len) {
      if (len > 1) phrase.push_back(' ');
      phrase += learn::AsciiLower(words[i + len - 1]);
      if (auto bits = g.phrases.Find(HashText(phrase))) {
        best_len = len;
        best_bits = *bits;
      }
    }
    if (best_len == 0) continue;
    if (best_len == 1 && (best_bits & kGazetteerGivenName)) out[i].gazetteer |= 1u << 16;
    for (int t = 0; t < kNumTypes; ++t) {
      if (!(best_bits & (1u << t))) continue;
      if (best_len == 1) {
        out[i].gazetteer |= 1u << (4 * t + kU);
      } else {
        out[i].gazetteer |= 1u << (4 * t + kB);
        for (size_t k = 1; k + 1 < best_len; ++k) out[i + k].gazetteer |= 1u << (4 * t + kI);
        out[i + best_len - 1].gazetteer |= 1u << (4 * t + kL);
      }
    }
  }
}

void NerFeatures(const NerWord* words, size_t n, size_t i, const int* prev,
                 const DocumentMemory& memory, std::vector<uint64_t>& out) {
  static const NerWord kStart = [] {
    NerWord w;
    w.form = w.lower = w.shape = HashText("<s>");
    return w;
  }();
  static const NerWord kEnd = [] {
    NerWord w;
    w.form = w.lower = w.shape = HashText("</s>");
    return w;
  }();
  auto at = [&](long j) -> const NerWord& {
    if (j < 0) return kStart;
    if (j >= static_cast<long>(n)) return kEnd;
    return words[j];
  };
  const long li = static_cast<long>(i);
  const NerWord& w = words[i];
  const NerWord& p1 = at(li - 1);
  const NerWord& p2 = at(li - 2);
  const NerWord& n1 = at(li + 1);
  const NerWord& n2 = at(li + 2);
  uint64_t t1 = i >= 1 ? static_cast<uint64_t>(prev[i - 1]) : 99;
  uint64_t t2 = i >= 2 ? static_cast<uint64_t>(prev[i - 2]) : 99;
  uint8_t flags = w.flags;
  if ((flags & kInitCap) && memory.lower_forms.count(w.lower)) flags |= kLowerElsewhere;
  uint64_t first = i == 0 ? 1 : 0;
  uint64_t remembered = 0;
  if (auto it = memory.last_type.find(w.lower); it != memory.last_type.end()) remembered = it->second;

  uint32_t t = 0;
  auto add1 = [&](uint64_t a) { out.push_back(Feature(++t, a)); };
  auto add2 = [&](uint64_t a, uint64_t b) { out.push_back(Feature(++t, a, b)); };
  auto add3 = [&](uint64_t a, uint64_t b, uint64_t c) { out.push_back(Feature(++t, a, b, c)); };
  add1(0);
  add1(w.form); add1(w.lower); add1(w.shape);
  for (uint64_t s : w.suffix) add1(s);
  for (uint64_t p : w.prefix) add1(p);
  add2(flags, first);
  add1(p1.lower); add1(n1.lower); add1(p2.lower); add1(n2.lower);
  add1(p1.form); add1(n1.form);
  add1(p1.shape); add1(n1.shape);
  add2(p1.shape, w.shape); add2(w.shape, n1.shape); add3(p1.shape, w.shape, n1.shape);
  add1(t1); add2(t2, t1); add2(t1, w.lower); add2(t1, w.shape);
  add2(p1.lower, w.lower); add2(w.lower, n1.lower);
  add2(w.xpos, 0); add2(p1.xpos, w.xpos); add2(w.xpos, n1.xpos); add2(w.xpos, w.shape);
  add2(remembered, 0); add2(remembered, w.shape);
  add2(w.gazetteer, 0); add2(p1.gazetteer, w.gazetteer); add2(w.gazetteer, n1.gazetteer);
  add2(w.gazetteer, flags);
  add1(p1.suffix[2]); add1(n1.suffix[2]);
  if (w.cluster | p1.cluster | n1.cluster) {
    using learn::WordClusters;
    add1(WordClusters::Prefix(w.cluster, 4)); add1(WordClusters::Prefix(w.cluster, 6));
    add1(WordClusters::Prefix(w.cluster, 10)); add1(WordClusters::Prefix(w.cluster, 24));
    add1(WordClusters::Prefix(p1.cluster, 6)); add1(WordClusters::Prefix(n1.cluster, 6));
    add1(WordClusters::Prefix(p1.cluster, 24)); add1(WordClusters::Prefix(n1.cluster, 24));
    add2(WordClusters::Prefix(w.cluster, 10), t1);
    add2(WordClusters::Prefix(w.cluster, 24), flags);
  }
}

void Remember(const NerWord* words, size_t n, const int* labels, DocumentMemory& memory) {
  for (size_t i = 0; i < n; ++i) {
    if (labels[i] > 0 && (words[i].flags & kInitCap)) {
      memory.last_type[words[i].lower] = static_cast<uint8_t>(1 + LabelType(labels[i]));
    }
  }
}

}  // namespace dyad::ner_internal
