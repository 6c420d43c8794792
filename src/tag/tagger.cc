#include "dyad/tag/tagger.h"

#include <algorithm>

#include "lemma_keys.h"
#include "tag_features.h"

namespace dyad {
namespace {

using tag_internal::WordKeys;

class TaggerWorkspace : public Stage::Workspace {
 public:
  std::vector<WordKeys> keys;
  std::vector<int> classes;
  std::vector<uint64_t> features;
  std::vector<learn::LinearModel::Score> scores;
  std::vector<std::string_view> words;
};

// A pool string: one length byte, then the bytes.
std::string_view PoolString(std::string_view pool, uint32_t offset) {
  if (offset >= pool.size()) return {};
  size_t len = static_cast<unsigned char>(pool[offset]);
  return pool.substr(offset + 1, len);
}

}  // namespace

StatusOr<std::shared_ptr<const Tagger>> Tagger::Load(const std::string& path) {
  DYAD_ASSIGN_OR_RETURN(std::unique_ptr<learn::ModelFile> file,
                        learn::ModelFile::Open(path, "tagger"));
  std::shared_ptr<Tagger> t(new Tagger());
  auto section = [&](std::string_view name) { return file->Section(name); };
  DYAD_ASSIGN_OR_RETURN(std::string_view classes, section("classes"));
  size_t pos = 0;
  while (pos < classes.size()) {
    size_t nl = classes.find('\n', pos);
    if (nl == std::string_view::npos) nl = classes.size();
    std::string_view line = classes.substr(pos, nl - pos);
    pos = nl + 1;
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos) return DataError(path + ": bad class line in tagger model");
    auto u = UposFromName(line.substr(0, tab));
    auto x = XposFromName(line.substr(tab + 1));
    if (!u || !x) return DataError(path + ": unknown tag in tagger model: " + std::string(line));
    t->class_upos_.push_back(*u);
    t->class_xpos_.push_back(*x);
  }
  DYAD_ASSIGN_OR_RETURN(std::string_view w, section("weights"));
  DYAD_ASSIGN_OR_RETURN(t->weights_, learn::LinearModel::FromBytes(w));
  if (t->weights_.num_classes() != static_cast<int>(t->class_upos_.size())) {
    return DataError(path + ": tagger model has " + std::to_string(t->class_upos_.size()) +
                     " classes but weights for " + std::to_string(t->weights_.num_classes()));
  }
  DYAD_ASSIGN_OR_RETURN(std::string_view td, section("tagdict"));
  DYAD_ASSIGN_OR_RETURN(t->tag_dict_, learn::HashIndex::FromBytes(td));
  DYAD_ASSIGN_OR_RETURN(std::string_view lx, section("lemma_lexicon"));
  DYAD_ASSIGN_OR_RETURN(t->lemma_lexicon_, learn::HashIndex::FromBytes(lx));
  DYAD_ASSIGN_OR_RETURN(std::string_view lr, section("lemma_rules"));
  DYAD_ASSIGN_OR_RETURN(t->lemma_rules_, learn::HashIndex::FromBytes(lr));
  DYAD_ASSIGN_OR_RETURN(t->lemma_pool_, section("lemma_pool"));
  if (auto c = section("clusters"); c.ok()) {
    DYAD_ASSIGN_OR_RETURN(t->clusters_, learn::WordClusters::FromBytes(*c));
  }
  t->file_ = std::move(file);
  return std::shared_ptr<const Tagger>(std::move(t));
}

std::unique_ptr<Stage::Workspace> Tagger::NewWorkspace() const {
  auto ws = std::make_unique<TaggerWorkspace>();
  ws->scores.resize(weights_.score_size());
  return ws;
}

std::string Tagger::Lemmatize(std::string_view word, Xpos xpos) const {
  std::string base = tag_internal::IsProperXpos(xpos) ? std::string(word)
                                                      : tag_internal::AsciiLower(word);
  if (auto v = lemma_lexicon_.Find(tag_internal::LexiconKey(base, xpos))) {
    return std::string(PoolString(lemma_pool_, *v));
  }
  size_t max_k = std::min(tag_internal::kMaxRuleSuffix, base.size());
  for (size_t k = max_k + 1; k-- > 0;) {
    std::string_view suffix = std::string_view(base).substr(base.size() - k);
    if (auto v = lemma_rules_.Find(tag_internal::RuleKey(suffix, xpos))) {
      size_t strip = *v >> 24;
      if (strip > base.size()) break;
      return base.substr(0, base.size() - strip) +
             std::string(PoolString(lemma_pool_, *v & 0xFFFFFF));
    }
  }
  return base;
}

void Tagger::TagWords(const std::string_view* words, size_t n, Workspace& workspace,
                      WordAnalysis* out) const {
  auto& ws = static_cast<TaggerWorkspace&>(workspace);
  ws.keys.resize(n);
  ws.classes.resize(n);
  for (size_t i = 0; i < n; ++i) tag_internal::ComputeWordKeys(words[i], tag_dict_, clusters_, ws.keys[i]);
  const int num_classes = weights_.num_classes();
  const uint64_t profile = tag_internal::SentenceCaseProfile(ws.keys.data(), n);
  for (size_t i = 0; i < n; ++i) {
    ws.features.clear();
    tag_internal::TaggerFeatures(ws.keys.data(), n, i, ws.classes.data(), profile, ws.features);
    std::fill(ws.scores.begin(), ws.scores.end(), 0);
    weights_.AddScores(ws.features.data(), ws.features.size(), ws.scores.data());
    int best = 0;
    for (int c = 1; c < num_classes; ++c) {
      if (ws.scores[c] > ws.scores[best]) best = c;
    }
    ws.classes[i] = best;
    out[i].upos = class_upos_[best];
    out[i].xpos = class_xpos_[best];
    out[i].lemma = Lemmatize(words[i], out[i].xpos);
  }
}

Status Tagger::Process(Document& doc, Workspace& workspace) const {
  auto& ws = static_cast<TaggerWorkspace&>(workspace);
  doc.words.resize(doc.tokens.size());
  for (const Sentence& s : doc.sentences) {
    ws.words.clear();
    for (TokenIndex t = s.first_token; t < s.end_token; ++t) {
      ws.words.push_back(doc.SpanText(doc.tokens[t].span));
    }
    TagWords(ws.words.data(), ws.words.size(), workspace, doc.words.data() + s.first_token);
  }
  return Status::Ok();
}

}  // namespace dyad
