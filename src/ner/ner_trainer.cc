#include "dyad/ner/ner_trainer.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <random>

#include "dyad/eval/ner_eval.h"
#include "dyad/io/conll2003.h"
#include "dyad/learn/feature_hash.h"
#include "dyad/learn/model_file.h"
#include "dyad/learn/perceptron.h"
#include "dyad/ner/entity_recognizer.h"
#include "dyad/tag/tagger.h"
#include "ner_features.h"

namespace dyad {
namespace {

using namespace ner_internal;

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

std::string Trim(std::string s) {
  size_t a = s.find_first_not_of(" \t");
  size_t b = s.find_last_not_of(" \t\r");
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

// Lower-cased, space-joined words of a dictionary phrase, split roughly as the segmenter
// would (punctuation apart from letters, so "U.S." stays one word but "al-Assad" splits).
std::string PhraseKey(const std::string& phrase) {
  std::string out;
  std::string word;
  auto flush = [&]() {
    if (word.empty()) return;
    if (!out.empty()) out.push_back(' ');
    out += learn::AsciiLower(word);
    word.clear();
  };
  for (char c : phrase) {
    if (c == ' ' || c == '\t') {
      flush();
    } else if (c == '-' || c == ',' || c == '(' || c == ')' || c == '"') {
      flush();
      word.push_back(c);
      flush();
    } else {
      word.push_back(c);
    }
  }
  flush();
  return out;
}

// Names from dyad's dictionary files (format: data/dict/README.md) with their entity type.
void ReadGazetteerFile(const std::filesystem::path& path, std::map<std::string, uint32_t>& phrases) {
  std::ifstream in(path);
  std::string line;
  bool in_person = path.filename().string().rfind("people-", 0) == 0;
  bool in_org = path.filename() == "igos.txt";
  auto add = [&](const std::string& list, int type) {
    size_t pos = 0;
    while (pos <= list.size()) {
      size_t bar = list.find('|', pos);
      if (bar == std::string::npos) bar = list.size();
      std::string p = Trim(list.substr(pos, bar - pos));
      if (p.rfind("the ", 0) == 0) p = p.substr(4);
      if (!p.empty()) phrases[PhraseKey(p)] |= 1u << type;
      pos = bar + 1;
    }
  };
  constexpr int kPer = 0, kOrg = 1, kLoc = 2, kMisc = 3;
  constexpr uint32_t kGivenName = ner_internal::kGazetteerGivenName;
  while (std::getline(in, line)) {
    line = line.substr(0, line.find('#'));
    std::string t = Trim(line);
    if (t.empty()) continue;
    auto starts = [&](const char* kw) { return t.rfind(kw, 0) == 0 && t.size() > std::strlen(kw) && (t[std::strlen(kw)] == ' ' || t[std::strlen(kw)] == '\t'); };
    auto rest = [&](const char* kw) { return Trim(t.substr(std::strlen(kw))); };
    if (starts("actor")) {
      add(rest("actor"), in_person ? kPer : in_org ? kOrg : kOrg);
      if (in_person) {
        // The given name of a multi-word name: unknown people often share it.
        std::string name = rest("actor");
        size_t space = name.find(' ');
        if (space != std::string::npos && space > 1) phrases[PhraseKey(name.substr(0, space))] |= kGivenName;
      }
    } else if (starts("alias")) {
      add(rest("alias"), in_person ? kPer : kOrg);
    } else if (starts("name")) {
      add(rest("name"), kLoc);
    } else if (starts("gov")) {
      add(rest("gov"), kLoc);
    } else if (starts("demonym")) {
      add(rest("demonym"), kMisc);
    }
  }
}

struct Gaz {
  std::string bytes;
  int max_words = 0;
};

Gaz BuildGazetteer(const std::string& dir, bool verbose) {
  std::map<std::string, uint32_t> phrases;
  if (!dir.empty() && std::filesystem::is_directory(dir)) {
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
      if (e.path().extension() == ".txt") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) ReadGazetteerFile(f, phrases);
  }
  Gaz g;
  std::vector<std::pair<uint64_t, uint32_t>> entries;
  for (const auto& [p, bits] : phrases) {
    entries.emplace_back(learn::HashText(p), bits);
    g.max_words = std::max<int>(g.max_words, 1 + static_cast<int>(std::count(p.begin(), p.end(), ' ')));
  }
  g.max_words = std::min(g.max_words, 8);
  g.bytes = learn::HashIndex::Serialize(entries);
  if (verbose) fmt::print(stderr, "ner: gazetteer of {} phrases from {}\n", entries.size(), dir.empty() ? "(none)" : dir);
  return g;
}

// BILOU labels of a CoNLL sentence.
std::vector<int> GoldLabels(const Conll2003Sentence& s) {
  std::vector<int> labels(s.words.size(), 0);
  for (const TaggedSpan& e : IobEntities(s.tags)) {
    auto type = EntityTypeFromName(e.type);
    if (!type) continue;
    int t = static_cast<int>(*type);
    if (e.end - e.begin == 1) {
      labels[e.begin] = Label(t, kU);
    } else {
      labels[e.begin] = Label(t, kB);
      for (size_t i = e.begin + 1; i + 1 < e.end; ++i) labels[i] = Label(t, kI);
      labels[e.end - 1] = Label(t, kL);
    }
  }
  return labels;
}

}  // namespace

Status TrainNer(const NerTrainOptions& o) {
  auto start = std::chrono::steady_clock::now();
  DYAD_ASSIGN_OR_RETURN(std::vector<Conll2003Document> docs, ReadConll2003(o.train));
  if (docs.empty()) return DataError(o.train + ": no documents");
  // The fingerprint covers everything the model was built from: the training file, the
  // clusters and every gazetteer file.
  std::vector<std::string> fingerprinted{o.train};
  if (!o.clusters.empty()) fingerprinted.push_back(o.clusters);
  if (!o.gazetteer_dir.empty() && std::filesystem::is_directory(o.gazetteer_dir)) {
    std::vector<std::string> gaz;
    for (const auto& e : std::filesystem::directory_iterator(o.gazetteer_dir)) {
      if (e.path().extension() == ".txt") gaz.push_back(e.path().string());
    }
    std::sort(gaz.begin(), gaz.end());
    fingerprinted.insert(fingerprinted.end(), gaz.begin(), gaz.end());
  }
  DYAD_ASSIGN_OR_RETURN(uint64_t fingerprint, learn::FingerprintFiles(fingerprinted));
  std::shared_ptr<const Tagger> tagger;
  if (!o.tagger.empty()) {
    DYAD_ASSIGN_OR_RETURN(tagger, Tagger::Load(o.tagger));
  }
  Gaz gaz = BuildGazetteer(o.gazetteer_dir, o.verbose);
  std::string cluster_bytes;
  learn::WordClusters clusters;
  if (!o.clusters.empty()) {
    DYAD_ASSIGN_OR_RETURN(cluster_bytes, learn::WordClusters::ReadFile(o.clusters));
    DYAD_ASSIGN_OR_RETURN(clusters, learn::WordClusters::FromBytes(cluster_bytes));
  }
  DYAD_ASSIGN_OR_RETURN(learn::HashIndex gaz_index, learn::HashIndex::FromBytes(gaz.bytes));
  Gazetteer gazetteer{gaz_index, gaz.max_words};

  // Per document: word keys of every sentence (tags and gazetteer marks included).
  struct Sent {
    std::vector<NerWord> words;
    std::vector<int> gold;
  };
  struct Doc {
    std::vector<Sent> sentences;
    DocumentMemory initial;
  };
  std::vector<Doc> data(docs.size());
  auto tws = tagger ? tagger->NewWorkspace() : nullptr;
  for (size_t d = 0; d < docs.size(); ++d) {
    for (const Conll2003Sentence& s : docs[d].sentences) {
      std::vector<std::string_view> words(s.words.begin(), s.words.end());
      Sent sent;
      sent.words.resize(words.size());
      std::vector<WordAnalysis> tags(words.size());
      if (tagger) tagger->TagWords(words.data(), words.size(), *tws, tags.data());
      for (size_t i = 0; i < words.size(); ++i) {
        ComputeNerWord(words[i], sent.words[i]);
        sent.words[i].xpos = tagger ? static_cast<uint64_t>(tags[i].xpos) + 1 : 0;
        sent.words[i].cluster = clusters.Find(sent.words[i].lower);
        NoteLowerCase(words[i], sent.words[i].lower, data[d].initial);
      }
      MarkGazetteer(gazetteer, words, sent.words);
      sent.gold = GoldLabels(s);
      data[d].sentences.push_back(std::move(sent));
    }
  }
  if (o.verbose) fmt::print(stderr, "ner: {} documents prepared ({:.1f} s)\n", data.size(), Seconds(start));

  learn::AveragedPerceptron model(kNumLabels);
  std::mt19937_64 rng(o.seed);
  std::vector<size_t> order(data.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<uint64_t> features;
  std::vector<float> scores(kNumLabels);
  std::vector<int> predicted;
  for (int epoch = 0; epoch < o.epochs; ++epoch) {
    learn::DeterministicShuffle(order, rng);
    size_t wrong = 0, total = 0;
    for (size_t d : order) {
      DocumentMemory memory = data[d].initial;
      for (const Sent& s : data[d].sentences) {
        const size_t n = s.words.size();
        predicted.assign(n, 0);
        for (size_t i = 0; i < n; ++i) {
          features.clear();
          NerFeatures(s.words.data(), n, i, predicted.data(), memory, features);
          std::fill(scores.begin(), scores.end(), 0.0f);
          model.Score(features.data(), features.size(), scores.data());
          int prev = i > 0 ? predicted[i - 1] : -1;
          int guess = -1;
          float best = -std::numeric_limits<float>::infinity();
          for (int c = 0; c < kNumLabels; ++c) {
            if (Allowed(prev, c) && scores[c] > best) guess = c, best = scores[c];
          }
          int truth = s.gold[i];
          // A gold label that cannot follow our own wrong history: learn from it anyway.
          model.Update(features.data(), features.size(), truth, guess);
          model.Tick();
          wrong += guess != truth;
          ++total;
          predicted[i] = guess;
        }
        Remember(s.words.data(), n, predicted.data(), memory);
      }
    }
    if (o.verbose) {
      fmt::print(stderr, "ner: epoch {} label errors {:.2f}% ({} features, {:.1f} s)\n", epoch + 1,
                 100.0 * wrong / std::max<size_t>(total, 1), model.num_features(), Seconds(start));
    }
  }
  learn::ModelWriter writer;
  writer.AddSection("weights", model.Serialize(o.prune));
  writer.AddSection("gazetteer", gaz.bytes);
  std::string max_words(4, '\0');
  std::memcpy(max_words.data(), &gaz.max_words, 4);
  writer.AddSection("gazetteer_max_words", max_words);
  if (!cluster_bytes.empty()) writer.AddSection("clusters", cluster_bytes);
  DYAD_RETURN_IF_ERROR(writer.Write(o.out, "ner", fingerprint));

  if (!o.dev.empty()) {
    DYAD_ASSIGN_OR_RETURN(std::vector<Conll2003Document> dev, ReadConll2003(o.dev));
    DYAD_ASSIGN_OR_RETURN(auto ner, EntityRecognizer::Load(o.out));
    NerScores s = EvaluateNer(*ner, tagger.get(), dev);
    fmt::print(stderr, "ner: dev P {:.2f} R {:.2f} F1 {:.2f} ({:.1f} s)\n", s.all.Precision(),
               s.all.Recall(), s.all.F1(), Seconds(start));
  }
  return Status::Ok();
}

}  // namespace dyad
