#include "dyad/tag/tagger.h"

#include <algorithm>

#include "lemma_keys.h"
#include "tag_features.h"

namespace dyad {
namespace {

using tag_internal::WordKeys;

using Score = learn::LinearModel::Score;

// Word types the workspace has seen, direct-mapped by the hash of their form (a new word
// replaces the one in its slot): the word's keys, its lemma for one tag, and the scores of
// its word features (TaggerWordFeatures). News repeats its words, so most tokens skip the
// hashing, the dictionary lookups and a third of the weight lookups. Entries are compared by
// their full form, so a hit is always the same word.
class WordCache {
 public:
  static constexpr size_t kSize = 8192;
  struct Entry {
    std::string form;
    bool used = false;
    bool has_scores = false;
    WordKeys keys;
    Xpos lemma_xpos{};
    bool has_lemma = false;
    std::string lemma;
  };
  explicit WordCache(size_t stride) : stride_(stride), entries_(kSize), scores_(kSize * stride) {}
  // The entry of `word` (whose form hash is `hash`), emptied if it held another word.
  Entry& Find(std::string_view word, uint64_t hash, size_t& slot) {
    slot = hash & (kSize - 1);
    Entry& e = entries_[slot];
    if (!e.used || e.form != word) {
      e.form.assign(word);
      e.used = true;
      e.has_scores = false;
      e.has_lemma = false;
    }
    return e;
  }
  Score* scores(size_t slot) { return scores_.data() + slot * stride_; }

 private:
  size_t stride_;
  std::vector<Entry> entries_;
  std::vector<Score> scores_;
};

class TaggerWorkspace : public Stage::Workspace {
 public:
  explicit TaggerWorkspace(size_t stride) : cache(stride), scores(stride) {}
  WordCache cache;
  std::vector<WordKeys> keys;
  std::vector<uint64_t> hashes;
  std::vector<int> classes;
  std::vector<uint64_t> features;
  std::vector<Score> scores;
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
  return std::make_unique<TaggerWorkspace>(static_cast<size_t>(weights_.score_size()));
}

std::string Tagger::Lemmatize(std::string_view word, Xpos xpos) const {
  std::string base =
      tag_internal::IsProperXpos(xpos) ? std::string(word) : tag_internal::AsciiLower(word);
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
  ws.hashes.resize(n);
  ws.classes.resize(n);
  size_t slot;
  for (size_t i = 0; i < n; ++i) {
    ws.hashes[i] = learn::HashText(words[i]);
    WordCache::Entry& e = ws.cache.Find(words[i], ws.hashes[i], slot);
    if (!e.has_scores) {
      // Keys first; the scores of the word features are filled in below.
      tag_internal::ComputeWordKeys(words[i], tag_dict_, clusters_, e.keys);
    }
    ws.keys[i] = e.keys;
  }
  const int num_classes = weights_.num_classes();
  const size_t stride = ws.scores.size();
  const uint64_t profile = tag_internal::SentenceCaseProfile(ws.keys.data(), n);
  Score* scores = ws.scores.data();
  for (size_t i = 0; i < n; ++i) {
    // A later word of the sentence may have taken this word's slot: Find refills it.
    WordCache::Entry& e = ws.cache.Find(words[i], ws.hashes[i], slot);
    Score* word_scores = ws.cache.scores(slot);
    if (!e.has_scores) {
      e.keys = ws.keys[i];
      ws.features.clear();
      tag_internal::TaggerWordFeatures(e.keys, ws.features);
      std::fill(word_scores, word_scores + stride, 0);
      weights_.AddScores(ws.features.data(), ws.features.size(), word_scores);
      e.has_scores = true;
    }
    std::copy(word_scores, word_scores + stride, scores);
    ws.features.clear();
    tag_internal::TaggerContextFeatures(ws.keys.data(), n, i, ws.classes.data(), profile,
                                        ws.features);
    weights_.AddScores(ws.features.data(), ws.features.size(), scores);
    int best = 0;
    for (int c = 1; c < num_classes; ++c) {
      if (scores[c] > scores[best]) best = c;
    }
    ws.classes[i] = best;
    out[i].upos = class_upos_[best];
    out[i].xpos = class_xpos_[best];
    if (!e.has_lemma || e.lemma_xpos != out[i].xpos) {
      e.lemma = Lemmatize(words[i], out[i].xpos);
      e.lemma_xpos = out[i].xpos;
      e.has_lemma = true;
    }
    out[i].lemma = e.lemma;
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
