#include "dyad/tag/tagger_trainer.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <random>
#include <set>
#include <unordered_map>

#include "dyad/eval/tag_eval.h"
#include "dyad/learn/model_file.h"
#include "dyad/learn/perceptron.h"
#include "dyad/tag/tagger.h"
#include "lemma_keys.h"
#include "tag_features.h"

namespace dyad {
namespace {

using learn::HashText;
using tag_internal::WordKeys;

struct Example {
  std::vector<WordKeys> keys;
  std::vector<int> gold;
};

struct LemmaModel {
  std::string lexicon;
  std::string rules;
  std::string pool;
};

uint32_t AddToPool(std::string& pool, std::map<std::string, uint32_t>& seen,
                   const std::string& s) {
  auto it = seen.find(s);
  if (it != seen.end()) return it->second;
  uint32_t off = static_cast<uint32_t>(pool.size());
  std::string v = s.size() > 255 ? s.substr(0, 255) : s;
  pool.push_back(static_cast<char>(v.size()));
  pool += v;
  seen.emplace(s, off);
  return off;
}

// Lexicon of seen (word, XPOS) -> lemma, plus suffix rules learned over word types.
LemmaModel TrainLemmatiser(const std::vector<ConlluSentence>& train) {
  std::map<std::pair<std::string, Xpos>, std::map<std::string, int>> lexicon;
  for (const ConlluSentence& s : train) {
    for (const ConlluWord& w : s.words) {
      auto x = XposFromName(w.xpos);
      if (!x || w.lemma.empty() || w.lemma == "_") continue;
      std::string base = tag_internal::IsProperXpos(*x) ? w.form : tag_internal::AsciiLower(w.form);
      ++lexicon[{base, *x}][w.lemma];
    }
  }
  LemmaModel m;
  std::map<std::string, uint32_t> pooled;
  std::vector<std::pair<uint64_t, uint32_t>> lex_entries;
  // (suffix, xpos) -> (strip, append) -> number of word types
  std::map<std::pair<std::string, Xpos>, std::map<std::pair<uint32_t, std::string>, int>> rules;
  for (const auto& [key, lemmas] : lexicon) {
    const auto& [base, xpos] = key;
    const std::string& lemma =
        std::max_element(lemmas.begin(), lemmas.end(), [](const auto& a, const auto& b) {
          return a.second < b.second;
        })->first;
    lex_entries.emplace_back(tag_internal::LexiconKey(base, xpos), AddToPool(m.pool, pooled, lemma));
    size_t p = 0;
    while (p < base.size() && p < lemma.size() && base[p] == lemma[p]) ++p;
    uint32_t strip = static_cast<uint32_t>(base.size() - p);
    if (strip > 255) continue;
    std::string append = lemma.substr(p);
    for (size_t k = 0; k <= std::min(tag_internal::kMaxRuleSuffix, base.size()); ++k) {
      ++rules[{base.substr(base.size() - k), xpos}][{strip, append}];
    }
  }
  std::vector<std::pair<uint64_t, uint32_t>> rule_entries;
  for (const auto& [key, options] : rules) {
    int total = 0;
    const std::pair<uint32_t, std::string>* best = nullptr;
    int best_count = 0;
    for (const auto& [t, c] : options) {
      total += c;
      if (c > best_count) best = &t, best_count = c;
    }
    // Long suffixes need support; the empty suffix is the per-tag fallback.
    if (!key.first.empty() && (best_count < 2 || best_count * 2 < total)) continue;
    rule_entries.emplace_back(tag_internal::RuleKey(key.first, key.second),
                              tag_internal::PackRule(best->first, AddToPool(m.pool, pooled, best->second)));
  }
  m.lexicon = learn::HashIndex::Serialize(lex_entries);
  m.rules = learn::HashIndex::Serialize(rule_entries);
  return m;
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

}  // namespace

Status TrainTaggerOn(const std::vector<ConlluSentence>& train, const TaggerTrainOptions& o,
                     const std::string& out, uint64_t fingerprint) {
  auto start = std::chrono::steady_clock::now();
  // Classes: (UPOS, XPOS) pairs in order of first appearance.
  std::map<std::pair<Upos, Xpos>, int> class_of;
  std::string classes_text;
  std::unordered_map<std::string, std::map<int, int>> word_classes;
  std::vector<std::vector<int>> gold(train.size());
  for (size_t si = 0; si < train.size(); ++si) {
    for (const ConlluWord& w : train[si].words) {
      auto u = UposFromName(w.upos);
      auto x = XposFromName(w.xpos);
      std::pair<Upos, Xpos> key{u.value_or(Upos::kX), x.value_or(0)};
      auto [it, inserted] = class_of.try_emplace(key, static_cast<int>(class_of.size()));
      if (inserted) {
        classes_text += fmt::format("{}\t{}\n", UposName(key.first), XposName(key.second));
      }
      gold[si].push_back(it->second);
      ++word_classes[tag_internal::AsciiLower(w.form)][it->second];
    }
  }
  if (class_of.size() > 256) return DataError("more than 256 (UPOS, XPOS) pairs in " + o.train);
  classes_text.pop_back();
  // Tag dictionary: words seen at least twice -> the set of classes they took.
  std::map<std::set<int>, uint32_t> ambiguity_ids;
  std::vector<std::pair<uint64_t, uint32_t>> dict_entries;
  std::vector<std::string> dict_words;
  for (const auto& [word, counts] : word_classes) dict_words.push_back(word);
  std::sort(dict_words.begin(), dict_words.end());
  for (const std::string& word : dict_words) {
    const auto& counts = word_classes[word];
    int total = 0;
    for (const auto& [c, n] : counts) total += n;
    if (total < 2) continue;
    std::set<int> set;
    for (const auto& [c, n] : counts) {
      if (n * 20 >= total) set.insert(c);
    }
    auto [it, inserted] = ambiguity_ids.try_emplace(set, static_cast<uint32_t>(ambiguity_ids.size() + 1));
    dict_entries.emplace_back(HashText(word), it->second);
  }
  std::string tag_dict_bytes = learn::HashIndex::Serialize(dict_entries);
  DYAD_ASSIGN_OR_RETURN(learn::HashIndex tag_dict, learn::HashIndex::FromBytes(tag_dict_bytes));

  // Words seen once stand in for the unknown words of new text: half the time their own
  // word features are hidden, so affix, shape and context features learn to do the work.
  std::unordered_map<uint64_t, int> lower_count;
  for (const ConlluSentence& s : train) {
    for (const ConlluWord& w : s.words) ++lower_count[HashText(tag_internal::AsciiLower(w.form))];
  }
  const uint64_t unknown = HashText("<unknown>");
  std::string cluster_bytes;
  learn::WordClusters clusters;
  if (!o.clusters.empty()) {
    DYAD_ASSIGN_OR_RETURN(cluster_bytes, learn::WordClusters::ReadFile(o.clusters));
    DYAD_ASSIGN_OR_RETURN(clusters, learn::WordClusters::FromBytes(cluster_bytes));
  }
  std::vector<Example> examples(train.size());
  for (size_t si = 0; si < train.size(); ++si) {
    examples[si].gold = gold[si];
    examples[si].keys.resize(train[si].words.size());
    for (size_t i = 0; i < train[si].words.size(); ++i) {
      tag_internal::ComputeWordKeys(train[si].words[i].form, tag_dict, clusters, examples[si].keys[i]);
    }
  }
  const int num_classes = static_cast<int>(class_of.size());
  learn::AveragedPerceptron model(num_classes);
  std::vector<size_t> order(examples.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937_64 rng(o.seed);
  std::vector<uint64_t> features;
  std::vector<float> scores(num_classes);
  std::vector<int> predicted;
  std::vector<WordKeys> keys;
  for (int epoch = 0; epoch < o.epochs; ++epoch) {
    learn::DeterministicShuffle(order, rng);
    size_t correct = 0, total = 0;
    for (size_t idx : order) {
      const Example& ex = examples[idx];
      predicted.assign(ex.keys.size(), 0);
      keys = ex.keys;
      for (WordKeys& k : keys) {
        if (lower_count[k.lower] <= o.hide_below && (rng() & 1)) {
          k.form = k.lower = unknown;
          k.ambiguity = 0;
        }
      }
      const uint64_t profile = tag_internal::SentenceCaseProfile(keys.data(), keys.size());
      for (size_t i = 0; i < keys.size(); ++i) {
        features.clear();
        tag_internal::TaggerFeatures(keys.data(), keys.size(), i, predicted.data(), profile, features);
        std::fill(scores.begin(), scores.end(), 0.0f);
        model.Score(features.data(), features.size(), scores.data());
        int guess = static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
        model.Update(features.data(), features.size(), ex.gold[i], guess);
        model.Tick();
        // Train on the model's own history, as it will run.
        predicted[i] = guess;
        correct += guess == ex.gold[i];
        ++total;
      }
    }
    if (o.verbose) {
      fmt::print(stderr, "tagger: epoch {} train accuracy {:.2f} ({} features, {:.1f} s)\n",
                 epoch + 1, 100.0 * correct / std::max<size_t>(total, 1), model.num_features(),
                 Seconds(start));
    }
  }
  LemmaModel lemmas = TrainLemmatiser(train);
  learn::ModelWriter writer;
  writer.AddSection("classes", classes_text);
  writer.AddSection("tagdict", tag_dict_bytes);
  writer.AddSection("weights", model.Serialize(o.prune, o.min_updates));
  writer.AddSection("lemma_lexicon", lemmas.lexicon);
  writer.AddSection("lemma_rules", lemmas.rules);
  writer.AddSection("lemma_pool", lemmas.pool);
  if (!cluster_bytes.empty()) writer.AddSection("clusters", cluster_bytes);
  return writer.Write(out, "tagger", fingerprint);
}

Status TrainTagger(const TaggerTrainOptions& o) {
  DYAD_ASSIGN_OR_RETURN(std::vector<ConlluSentence> train, ReadConlluSentences(o.train));
  if (train.empty()) return DataError(o.train + ": no sentences");
  std::vector<std::string> inputs{o.train};
  if (!o.clusters.empty()) inputs.push_back(o.clusters);
  DYAD_ASSIGN_OR_RETURN(uint64_t fingerprint, learn::FingerprintFiles(inputs));
  DYAD_RETURN_IF_ERROR(TrainTaggerOn(train, o, o.out, fingerprint));
  if (!o.dev.empty()) {
    DYAD_ASSIGN_OR_RETURN(std::vector<ConlluSentence> dev, ReadConlluSentences(o.dev));
    DYAD_ASSIGN_OR_RETURN(auto tagger, Tagger::Load(o.out));
    TagScores s = EvaluateTagger(*tagger, dev);
    fmt::print(stderr, "tagger: dev UPOS {:.2f} XPOS {:.2f} lemma {:.2f}\n", s.Accuracy(s.upos),
               s.Accuracy(s.xpos), s.Accuracy(s.lemma));
  }
  return Status::Ok();
}

}  // namespace dyad
