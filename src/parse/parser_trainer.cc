#include "dyad/parse/parser_trainer.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <limits>
#include <random>
#include <thread>

#include "dyad/eval/parse_eval.h"
#include "dyad/io/conllu.h"
#include "dyad/learn/model_file.h"
#include "dyad/learn/perceptron.h"
#include "dyad/parse/parser.h"
#include "dyad/tag/tagger.h"
#include "dyad/tag/tagger_trainer.h"
#include "parse_words.h"
#include "transition.h"

namespace dyad {
namespace {

using namespace parse_internal;

struct Example {
  std::vector<ParseWord> words;  // n + 1 (root last)
  std::vector<int> gold_head;    // projectivised; n = root
  std::vector<int> gold_label;
};

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// Tags of every training sentence from taggers that did not see it.
Status JackknifeTags(const std::vector<ConlluSentence>& train, const ParserTrainOptions& o,
                     std::vector<std::vector<WordAnalysis>>& tags) {
  tags.assign(train.size(), {});
  std::string dir = (std::filesystem::temp_directory_path() /
                     fmt::format("dyad-jackknife-{}", ::getpid())).string();
  std::filesystem::create_directories(dir);
  std::atomic<int> next{0};
  std::vector<Status> results(o.folds);
  auto work = [&]() {
    for (int k = next++; k < o.folds; k = next++) {
      std::vector<ConlluSentence> rest;
      for (size_t i = 0; i < train.size(); ++i) {
        if (static_cast<int>(i % o.folds) != k) rest.push_back(train[i]);
      }
      TaggerTrainOptions to;
      to.epochs = o.tagger_epochs;
      to.seed = o.seed + k;
      to.verbose = false;
      to.clusters = o.clusters;
      std::string path = fmt::format("{}/fold{}.dyad", dir, k);
      Status s = TrainTaggerOn(rest, to, path, 0);
      if (!s.ok()) {
        results[k] = s;
        continue;
      }
      auto tagger = Tagger::Load(path);
      if (!tagger.ok()) {
        results[k] = tagger.status();
        continue;
      }
      auto ws = (*tagger)->NewWorkspace();
      std::vector<std::string_view> words;
      for (size_t i = k; i < train.size(); i += o.folds) {
        words.clear();
        for (const ConlluWord& w : train[i].words) words.push_back(w.form);
        tags[i].assign(words.size(), WordAnalysis{});
        (*tagger)->TagWords(words.data(), words.size(), *ws, tags[i].data());
      }
      std::filesystem::remove(path);
    }
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < std::max(1, o.threads); ++t) pool.emplace_back(work);
  for (auto& t : pool) t.join();
  std::filesystem::remove_all(dir);
  for (const Status& s : results) DYAD_RETURN_IF_ERROR(s);
  return Status::Ok();
}

int ArgMax(const std::vector<float>& scores, const State& st, const std::vector<int>* costs,
           bool zero_cost_only) {
  int best = -1;
  float best_score = -std::numeric_limits<float>::infinity();
  for (int a = 0; a < kNumActions; ++a) {
    if (!st.Valid(a)) continue;
    if (zero_cost_only && (*costs)[a] != 0) continue;
    if (best < 0 || scores[a] > best_score) {
      best = a;
      best_score = scores[a];
    }
  }
  return best;
}

}  // namespace

Status TrainParser(const ParserTrainOptions& o) {
  auto start = std::chrono::steady_clock::now();
  DYAD_ASSIGN_OR_RETURN(std::vector<ConlluSentence> train, ReadConlluSentences(o.train));
  if (train.empty()) return DataError(o.train + ": no sentences");
  std::vector<std::string> inputs{o.train};
  if (!o.clusters.empty()) inputs.push_back(o.clusters);
  DYAD_ASSIGN_OR_RETURN(uint64_t fingerprint, learn::FingerprintFiles(inputs));

  std::vector<std::vector<WordAnalysis>> tags;
  if (o.folds >= 2) {
    DYAD_RETURN_IF_ERROR(JackknifeTags(train, o, tags));
    size_t right = 0, all = 0;
    for (size_t i = 0; i < train.size(); ++i) {
      for (size_t j = 0; j < train[i].words.size(); ++j) {
        right += XposName(tags[i][j].xpos) == train[i].words[j].xpos;
        ++all;
      }
    }
    if (o.verbose) {
      fmt::print(stderr, "parser: jackknifed tags ({} folds), XPOS accuracy {:.2f} ({:.1f} s)\n",
                 o.folds, 100.0 * right / std::max<size_t>(all, 1), Seconds(start));
    }
  } else {
    tags.resize(train.size());
    for (size_t i = 0; i < train.size(); ++i) {
      for (const ConlluWord& w : train[i].words) {
        WordAnalysis a;
        a.upos = UposFromName(w.upos).value_or(Upos::kX);
        a.xpos = XposFromName(w.xpos).value_or(0);
        tags[i].push_back(a);
      }
    }
  }

  std::string cluster_bytes;
  learn::WordClusters clusters;
  if (!o.clusters.empty()) {
    DYAD_ASSIGN_OR_RETURN(cluster_bytes, learn::WordClusters::ReadFile(o.clusters));
    DYAD_ASSIGN_OR_RETURN(clusters, learn::WordClusters::FromBytes(cluster_bytes));
  }
  std::vector<Example> examples;
  size_t lifted = 0, skipped = 0;
  for (size_t i = 0; i < train.size(); ++i) {
    const ConlluSentence& s = train[i];
    const int n = static_cast<int>(s.words.size());
    Example ex;
    std::vector<std::string_view> texts;
    for (const ConlluWord& w : s.words) texts.push_back(w.form);
    MakeParseWords(texts.data(), tags[i].data(), n, clusters, ex.words);
    bool ok = n > 0;
    for (const ConlluWord& w : s.words) {
      if (w.head < 0 || w.head > n) ok = false;
      ex.gold_head.push_back(w.head == 0 ? n : w.head - 1);
      ex.gold_label.push_back(static_cast<int>(DeprelFromName(w.deprel).value_or(Deprel::kDep)));
    }
    if (!ok) {
      ++skipped;
      continue;
    }
    lifted += Projectivize(ex.gold_head) > 0;
    examples.push_back(std::move(ex));
  }
  if (o.verbose) {
    fmt::print(stderr, "parser: {} training sentences ({} projectivised, {} skipped)\n",
               examples.size(), lifted, skipped);
  }

  learn::AveragedPerceptron model(kNumActions);
  std::mt19937_64 rng(o.seed);
  std::uniform_real_distribution<double> coin(0.0, 1.0);
  std::vector<size_t> order(examples.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  State st;
  std::vector<uint64_t> features;
  std::vector<float> scores(kNumActions);
  std::vector<int> costs;
  for (int epoch = 0; epoch < o.epochs; ++epoch) {
    learn::DeterministicShuffle(order, rng);
    size_t steps = 0, errors = 0;
    for (size_t idx : order) {
      const Example& ex = examples[idx];
      st.Reset(static_cast<int>(ex.words.size()) - 1);
      while (!st.Terminal()) {
        features.clear();
        ParserFeatures(st, ex.words.data(), features);
        std::fill(scores.begin(), scores.end(), 0.0f);
        model.Score(features.data(), features.size(), scores.data());
        ActionCosts(st, ex.gold_head, ex.gold_label, costs);
        int guess = ArgMax(scores, st, &costs, false);
        int best_zero = ArgMax(scores, st, &costs, true);
        if (best_zero < 0) best_zero = guess;  // cannot happen on projective trees
        int next = guess;
        if (costs[guess] > 0) {
          model.Update(features.data(), features.size(), best_zero, guess);
          ++errors;
          if (epoch == 0 || coin(rng) > o.explore) next = best_zero;
        }
        model.Tick();
        ++steps;
        st.Apply(next);
      }
    }
    if (o.verbose) {
      fmt::print(stderr, "parser: epoch {} wrong actions {:.2f}% ({} features, {:.1f} s)\n",
                 epoch + 1, 100.0 * errors / std::max<size_t>(steps, 1), model.num_features(),
                 Seconds(start));
    }
  }
  learn::ModelWriter writer;
  writer.AddSection("weights", model.Serialize(o.prune, o.min_updates));
  if (!cluster_bytes.empty()) writer.AddSection("clusters", cluster_bytes);
  DYAD_RETURN_IF_ERROR(writer.Write(o.out, "parser", fingerprint));

  if (!o.dev.empty()) {
    DYAD_ASSIGN_OR_RETURN(std::vector<ConlluSentence> dev, ReadConlluSentences(o.dev));
    DYAD_ASSIGN_OR_RETURN(auto parser, Parser::Load(o.out));
    std::shared_ptr<const Tagger> tagger;
    if (!o.tagger.empty()) {
      DYAD_ASSIGN_OR_RETURN(tagger, Tagger::Load(o.tagger));
    }
    ParseScores s = EvaluateParser(*parser, tagger.get(), dev);
    fmt::print(stderr, "parser: dev UAS {:.2f} LAS {:.2f} ({} tags, {:.1f} s)\n",
               s.Accuracy(s.uas), s.Accuracy(s.las), tagger ? "predicted" : "gold",
               Seconds(start));
  }
  return Status::Ok();
}

}  // namespace dyad
