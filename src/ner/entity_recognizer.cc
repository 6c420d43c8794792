#include "dyad/ner/entity_recognizer.h"

#include <cstring>
#include <limits>

#include "dyad/learn/feature_hash.h"
#include "ner_features.h"

namespace dyad {
namespace {

using namespace ner_internal;

class NerWorkspace : public Stage::Workspace {
 public:
  DocumentMemory memory;
  std::vector<NerWord> words;
  std::vector<int> labels;
  std::vector<uint64_t> features;
  std::vector<learn::LinearModel::Score> scores;
  std::vector<std::string_view> texts;
  std::vector<Xpos> xpos;
};

}  // namespace

std::string EntityRecognizer::LabelName(int label) {
  if (label <= 0 || label >= kNumLabels) return "O";
  static const char* kParts = "BILU";
  return std::string(1, kParts[LabelPart(label)]) + "-" +
         std::string(EntityTypeName(static_cast<EntityType>(LabelType(label))));
}

StatusOr<std::shared_ptr<const EntityRecognizer>> EntityRecognizer::Load(const std::string& path) {
  DYAD_ASSIGN_OR_RETURN(std::unique_ptr<learn::ModelFile> file, learn::ModelFile::Open(path, "ner"));
  std::shared_ptr<EntityRecognizer> r(new EntityRecognizer());
  DYAD_ASSIGN_OR_RETURN(std::string_view w, file->Section("weights"));
  DYAD_ASSIGN_OR_RETURN(r->weights_, learn::LinearModel::FromBytes(w));
  if (r->weights_.num_classes() != kNumLabels) {
    return DataError(path + ": NER model has " + std::to_string(r->weights_.num_classes()) +
                     " labels, this dyad uses " + std::to_string(kNumLabels));
  }
  DYAD_ASSIGN_OR_RETURN(std::string_view g, file->Section("gazetteer"));
  DYAD_ASSIGN_OR_RETURN(r->gazetteer_, learn::HashIndex::FromBytes(g));
  DYAD_ASSIGN_OR_RETURN(std::string_view gm, file->Section("gazetteer_max_words"));
  if (gm.size() != 4) return DataError(path + ": bad gazetteer_max_words section");
  std::memcpy(&r->gazetteer_max_words_, gm.data(), 4);
  if (r->gazetteer_max_words_ < 0 || r->gazetteer_max_words_ > 64) {
    return DataError(path + ": bad gazetteer_max_words section");
  }
  if (auto c = file->Section("clusters"); c.ok()) {
    DYAD_ASSIGN_OR_RETURN(r->clusters_, learn::WordClusters::FromBytes(*c));
  }
  r->file_ = std::move(file);
  return std::shared_ptr<const EntityRecognizer>(std::move(r));
}

std::unique_ptr<Stage::Workspace> EntityRecognizer::NewWorkspace() const {
  auto ws = std::make_unique<NerWorkspace>();
  ws->scores.resize(weights_.score_size());
  return ws;
}

void EntityRecognizer::StartDocument(const std::vector<std::vector<std::string_view>>& sentences,
                                     Workspace& workspace) const {
  auto& ws = static_cast<NerWorkspace&>(workspace);
  ws.memory.Clear();
  for (const auto& s : sentences) {
    for (std::string_view w : s) NoteLowerCase(w, learn::HashText(learn::AsciiLower(w)), ws.memory);
  }
}

const std::vector<int>& EntityRecognizer::LabelWords(const std::vector<std::string_view>& words,
                                                     const Xpos* xpos,
                                                     Workspace& workspace) const {
  auto& ws = static_cast<NerWorkspace&>(workspace);
  const size_t n = words.size();
  ws.words.resize(n);
  ws.labels.assign(n, 0);
  for (size_t i = 0; i < n; ++i) {
    ComputeNerWord(words[i], ws.words[i]);
    ws.words[i].xpos = xpos ? static_cast<uint64_t>(xpos[i]) + 1 : 0;
    ws.words[i].cluster = clusters_.Find(ws.words[i].lower);
  }
  Gazetteer g{gazetteer_, gazetteer_max_words_};
  MarkGazetteer(g, words, ws.words);
  for (size_t i = 0; i < n; ++i) {
    ws.features.clear();
    NerFeatures(ws.words.data(), n, i, ws.labels.data(), ws.memory, ws.features);
    std::fill(ws.scores.begin(), ws.scores.end(), 0);
    weights_.AddScores(ws.features.data(), ws.features.size(), ws.scores.data());
    int prev = i > 0 ? ws.labels[i - 1] : -1;
    int best = -1;
    learn::LinearModel::Score best_score = 0;
    for (int c = 0; c < kNumLabels; ++c) {
      if (Allowed(prev, c) && (best < 0 || ws.scores[c] > best_score)) {
        best = c;
        best_score = ws.scores[c];
      }
    }
    ws.labels[i] = best;
  }
  // A sentence cannot end inside an entity: close it.
  if (n > 0 && ws.labels[n - 1] > 0) {
    int l = ws.labels[n - 1];
    int type = LabelType(l);
    if (LabelPart(l) == kB) ws.labels[n - 1] = Label(type, kU);
    if (LabelPart(l) == kI) ws.labels[n - 1] = Label(type, kL);
  }
  Remember(ws.words.data(), n, ws.labels.data(), ws.memory);
  return ws.labels;
}

Status EntityRecognizer::Process(Document& doc, Workspace& workspace) const {
  auto& ws = static_cast<NerWorkspace&>(workspace);
  ws.memory.Clear();
  for (const Token& t : doc.tokens) {
    std::string_view w = doc.SpanText(t.span);
    NoteLowerCase(w, learn::HashText(learn::AsciiLower(w)), ws.memory);
  }
  const bool tagged = doc.words.size() == doc.tokens.size();
  for (SentenceIndex si = 0; si < doc.sentences.size(); ++si) {
    const Sentence& s = doc.sentences[si];
    ws.texts.clear();
    ws.xpos.clear();
    for (TokenIndex t = s.first_token; t < s.end_token; ++t) {
      ws.texts.push_back(doc.SpanText(doc.tokens[t].span));
      if (tagged) ws.xpos.push_back(doc.words[t].xpos);
    }
    const std::vector<int>& labels = LabelWords(ws.texts, tagged ? ws.xpos.data() : nullptr, workspace);
    for (size_t i = 0; i < labels.size(); ++i) {
      int l = labels[i];
      if (l == 0 || !(LabelPart(l) == kB || LabelPart(l) == kU)) continue;
      size_t end = i + 1;
      if (LabelPart(l) == kB) {
        while (end < labels.size() && labels[end] > 0 && LabelPart(labels[end]) != kB &&
               LabelPart(labels[end]) != kU) {
          bool last = LabelPart(labels[end]) == kL;
          ++end;
          if (last) break;
        }
      }
      Entity e;
      e.sentence = si;
      e.first_token = s.first_token + static_cast<TokenIndex>(i);
      e.end_token = s.first_token + static_cast<TokenIndex>(end);
      e.span = Span{doc.tokens[e.first_token].span.begin, doc.tokens[e.end_token - 1].span.end};
      e.type = static_cast<EntityType>(LabelType(l));
      doc.entities.push_back(e);
    }
  }
  return Status::Ok();
}

}  // namespace dyad
