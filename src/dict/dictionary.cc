#include "dyad/dict/dictionary.h"

#include <algorithm>
#include <atomic>
#include <unordered_map>

#include "dyad/learn/feature_hash.h"
#include "phrase.h"

namespace dyad {

using dict_internal::PhraseWord;
using dict_internal::WordMatch;

namespace {

constexpr uint32_t kNone = 0xFFFFFFFFu;

// Word -> id, in one flat open-addressing array keyed by the word's 64-bit hash: a lookup is
// one hash and usually one cache line, with no string comparison (two different words of a
// dictionary sharing a 64-bit hash is a 1-in-10^10 event for a million words).
class Vocabulary {
 public:
  uint32_t Find(std::string_view word) const {
    if (slots_.empty()) return kNone;
    const uint64_t h = HashOf(word);
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      if (slots_[i].hash == h) return slots_[i].id;
      if (slots_[i].hash == 0) return kNone;
    }
  }
  // The id of `word`, giving it the next id if it is new.
  uint32_t Intern(std::string_view word) {
    if ((count_ + 1) * 2 > slots_.size()) Grow();
    const uint64_t h = HashOf(word);
    size_t i = h & mask_;
    while (slots_[i].hash != 0 && slots_[i].hash != h) i = (i + 1) & mask_;
    if (slots_[i].hash == 0) slots_[i] = Slot{h, static_cast<uint32_t>(count_++), 0};
    return slots_[i].id;
  }
  size_t size() const { return count_; }
  size_t MemoryBytes() const { return slots_.capacity() * sizeof(Slot); }

 private:
  struct Slot {
    uint64_t hash;
    uint32_t id;
    uint32_t pad;
  };
  static uint64_t HashOf(std::string_view word) {
    uint64_t h = learn::HashText(word);
    return h == 0 ? 1 : h;
  }
  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, Slot{0, 0, 0});
    mask_ = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.hash == 0) continue;
      size_t i = s.hash & mask_;
      while (slots_[i].hash != 0) i = (i + 1) & mask_;
      slots_[i] = s;
    }
  }
  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t count_ = 0;
};

// A trie edge label: a vocabulary id and how the word compares (WordMatch in the low 2 bits);
// bit 2 marks an edge that other tokens may precede (a TABARI word after a blank).
constexpr uint32_t kGapBit = 4;
uint32_t EdgeLabel(uint32_t word_id, WordMatch m) {
  return word_id << 3 | static_cast<uint32_t>(m);
}

// Open-addressing map from (node, label) to the child node: every trie edge of every layer in
// one flat array, so a step of the matcher is one hash and (usually) one cache line.
class EdgeTable {
 public:
  uint32_t Find(uint32_t node, uint32_t label) const {
    if (slots_.empty()) return kNone;
    const uint64_t key = Key(node, label);
    for (size_t i = Hash(key) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.key == key) return s.child;
      if (s.key == 0) return kNone;
    }
  }
  // Returns the child for (node, label), inserting `fresh` when there is none.
  uint32_t FindOrInsert(uint32_t node, uint32_t label, uint32_t fresh) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    const uint64_t key = Key(node, label);
    for (size_t i = Hash(key) & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.key == key) return s.child;
      if (s.key == 0) {
        s.key = key;
        s.child = fresh;
        ++size_;
        return fresh;
      }
    }
  }
  size_t MemoryBytes() const { return slots_.capacity() * sizeof(Slot); }

 private:
  struct Slot {
    uint64_t key = 0;  // 0 = empty; real keys have node + 1 in the high half
    uint32_t child = 0;
  };
  static uint64_t Key(uint32_t node, uint32_t label) {
    return (static_cast<uint64_t>(node) + 1) << 32 | label;
  }
  static size_t Hash(uint64_t k) { return static_cast<size_t>((k * 0x9E3779B97F4A7C15ull) >> 20); }
  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    size_ = 0;
    for (const Slot& s : old) {
      if (s.key == 0) continue;
      for (size_t i = Hash(s.key) & mask_;; i = (i + 1) & mask_) {
        if (slots_[i].key == 0) {
          slots_[i] = s;
          ++size_;
          break;
        }
      }
    }
  }
  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

struct PendingPhrase {
  EntryId entry;
  DictLayer layer;
  std::vector<PhraseWord> words;
};

size_t StringBytes(const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; }

}  // namespace

std::string_view EntryKindName(EntryKind k) {
  switch (k) {
    case EntryKind::kActor:
      return "actor";
    case EntryKind::kAgent:
      return "agent";
    case EntryKind::kTitle:
      return "title";
    case EntryKind::kDiscard:
      return "discard";
    case EntryKind::kIssue:
      return "issue";
  }
  return "?";
}

DictLayer LayerOf(EntryKind k) {
  switch (k) {
    case EntryKind::kDiscard:
      return DictLayer::kDiscards;
    case EntryKind::kIssue:
      return DictLayer::kIssues;
    default:
      return DictLayer::kActors;
  }
}

// The compiled matcher: vocabularies, the trie's edges, and each node's entries.
class Dictionary::Impl {
 public:
  Vocabulary words;  // folded and exact word forms
  Vocabulary stems;  // TABARI stems (folded)
  size_t min_stem = SIZE_MAX, max_stem = 0;
  EdgeTable edges;
  // Node n's entries are node_entries[node_begin[n] .. node_begin[n + 1]); roots are the layers.
  std::vector<uint32_t> node_begin;
  std::vector<EntryId> node_entries;
  uint32_t node_count = static_cast<uint32_t>(DictLayer::kCount);
  // By node: it has gap edges (TABARI phrases with a blank after this prefix). Empty when no
  // phrase has a gap.
  std::vector<char> gap_from;
  // By word id of `words` and `stems`: bit `layer` is set when the word begins a phrase of that
  // layer, so the matcher starts a walk only at tokens that can begin one.
  std::vector<uint8_t> word_starts, stem_starts;

  std::span<const EntryId> EntriesOf(uint32_t node) const {
    return {node_entries.data() + node_begin[node], node_begin[node + 1] - node_begin[node]};
  }
};

struct Dictionary::Workspace::Impl {
  std::string folded, folded_lemma;
  std::vector<TokenIndex> pos;        // tokens taking part (hyphens left out)
  std::vector<uint32_t> label_begin;  // labels of pos[i]: labels[label_begin[i] .. [i + 1])
  std::vector<uint32_t> labels;
  std::vector<uint32_t> frontier, next;
  std::vector<uint32_t> waiting;   // nodes whose gap edges may take a later token
  std::vector<char> clause_punct;  // by pos: "," ";" ":", which a gap does not cross
  std::vector<uint8_t> starts;     // by pos: the layers (bits) with a phrase its labels begin
  std::vector<DictMatch> matches;
  bool labeled = false;  // pos and labels hold the tokens of a Match
};

Dictionary::Workspace::Workspace() : impl_(std::make_unique<Impl>()) {}
Dictionary::Workspace::~Workspace() = default;

Dictionary::Dictionary() = default;
Dictionary::~Dictionary() = default;

size_t Dictionary::Count(EntryKind kind) const {
  return static_cast<size_t>(std::count_if(entries_.begin(), entries_.end(),
                                           [&](const DictEntry& e) { return e.kind == kind; }));
}

std::string Dictionary::Origin(EntryId id) const {
  const DictEntry& e = entries_[id];
  return sources_[e.source] + ":" + std::to_string(e.line);
}

namespace {
// True when rule `a` ends after rule `b` (an open end is latest; ties go to the later start).
bool EndsLater(const CodeRule& a, const CodeRule& b) {
  if (a.to.empty() != b.to.empty()) return a.to.empty();
  if (a.to != b.to) return b.to < a.to;
  return b.from < a.from;
}
}  // namespace

std::string_view Dictionary::CodeFor(EntryId id, Date date) const {
  const CodeRule* fallback = nullptr;
  const CodeRule* latest = nullptr;
  for (const CodeRule& r : entries_[id].codes) {
    if (r.is_default()) {
      if (fallback == nullptr) fallback = &r;
    } else if (!date.empty()) {
      if (r.Covers(date)) return r.code;
    } else if (latest == nullptr || EndsLater(r, *latest)) {
      latest = &r;
    }
  }
  if (fallback != nullptr) return fallback->code;
  // Undated documents take the role that ends last: the actor's most recent one.
  if (latest != nullptr) return latest->code;
  return {};
}

size_t Dictionary::MemoryBytes() const {
  size_t n = sizeof(*this) + entries_.capacity() * sizeof(DictEntry);
  for (const DictEntry& e : entries_) {
    n += StringBytes(e.name) + e.codes.capacity() * sizeof(CodeRule);
    for (const CodeRule& r : e.codes) n += StringBytes(r.code);
  }
  if (impl_) {
    for (const Vocabulary* v : {&impl_->words, &impl_->stems}) n += v->MemoryBytes();
    n += impl_->edges.MemoryBytes() + impl_->node_begin.capacity() * 4 +
         impl_->node_entries.capacity() * 4 + impl_->word_starts.capacity() +
         impl_->stem_starts.capacity();
  }
  return n;
}

namespace {

// TokenLabels::flags beside the layer bits.
constexpr uint8_t kLayerBits = (1u << static_cast<int>(DictLayer::kCount)) - 1;
constexpr uint8_t kClausePunct = 0x40;  // "," ";" ":", which a gap does not cross
constexpr uint8_t kSkipped = 0x80;      // a bare "-": not matched

}  // namespace

// Appends token t's labels (as written, folded, stems, lemma) to `labels`; returns its flags.
uint8_t Dictionary::LabelToken(const Document& doc, TokenIndex t, bool have_lemmas,
                               std::string& folded_buffer, std::string& lemma_buffer,
                               std::vector<uint32_t>& labels) const {
  const Impl& d = *impl_;
  std::string_view text = doc.SpanText(doc.tokens[t].span);
  if (text == "-") return kSkipped;
  const size_t first_label = labels.size();
  uint8_t flags = text == "," || text == ";" || text == ":" ? kClausePunct : 0;
  std::string_view folded = text;
  if (!dict_internal::IsFolded(text)) {
    folded_buffer.clear();
    dict_internal::AppendFolded(text, folded_buffer);
    folded = folded_buffer;
  }
  // A word already in folded form is one look-up for both ways of comparing it.
  const bool as_folded = folded == text;
  const uint32_t folded_id = d.words.Find(folded);
  if (uint32_t id = as_folded ? folded_id : d.words.Find(text); id != kNone) {
    labels.push_back(EdgeLabel(id, WordMatch::kExact));
    flags |= d.word_starts[id];
  }
  if (folded_id != kNone) {
    labels.push_back(EdgeLabel(folded_id, WordMatch::kFolded));
    flags |= d.word_starts[folded_id];
  }
  if (d.max_stem > 0) {
    for (size_t n = d.min_stem; n <= std::min(d.max_stem, folded.size()); ++n) {
      uint32_t id = d.stems.Find(folded.substr(0, n));
      if (id == kNone) continue;
      labels.push_back(EdgeLabel(id, WordMatch::kStem));
      flags |= d.stem_starts[id];
    }
  }
  if (have_lemmas && !doc.words[t].lemma.empty()) {
    std::string_view lemma = doc.words[t].lemma;
    if (!dict_internal::IsFolded(lemma)) {
      lemma_buffer.clear();
      dict_internal::AppendFolded(lemma, lemma_buffer);
      lemma = lemma_buffer;
    }
    // A lemma folded like its token ("the") adds nothing to the token's folded label.
    if (lemma != folded) {
      if (uint32_t id = d.words.Find(lemma); id != kNone) {
        uint32_t l = EdgeLabel(id, WordMatch::kFolded);
        if (std::find(labels.begin() + first_label, labels.end(), l) == labels.end()) {
          labels.push_back(l);
          flags |= d.word_starts[id];
        }
      }
    }
  }
  return flags;
}

void Dictionary::Label(Document& doc, Workspace& workspace) const {
  Workspace::Impl& w = *workspace.impl_;
  TokenLabels& tl = doc.token_labels;
  tl.dictionary = serial_;
  tl.begin.clear();
  tl.labels.clear();
  tl.flags.clear();
  const bool have_lemmas = doc.words.size() == doc.tokens.size();
  for (TokenIndex t = 0; t < doc.tokens.size(); ++t) {
    tl.begin.push_back(static_cast<uint32_t>(tl.labels.size()));
    tl.flags.push_back(LabelToken(doc, t, have_lemmas, w.folded, w.folded_lemma, tl.labels));
  }
  tl.begin.push_back(static_cast<uint32_t>(tl.labels.size()));
}

std::span<const DictMatch> Dictionary::Match(const Document& doc, TokenIndex first, TokenIndex end,
                                             DictLayer layer, Workspace& workspace) const {
  Workspace::Impl& w = *workspace.impl_;
  w.matches.clear();
  w.pos.clear();
  w.labels.clear();
  w.label_begin.clear();
  w.clause_punct.clear();
  w.starts.clear();
  const TokenLabels& tl = doc.token_labels;
  const bool labeled = tl.dictionary == serial_ && tl.begin.size() == doc.tokens.size() + 1;
  const bool have_lemmas = doc.words.size() == doc.tokens.size();
  for (TokenIndex t = first; t < end; ++t) {
    const size_t at = w.labels.size();
    uint8_t flags;
    if (labeled) {
      flags = tl.flags[t];
      w.labels.insert(w.labels.end(), tl.labels.begin() + tl.begin[t],
                      tl.labels.begin() + tl.begin[t + 1]);
    } else {
      flags = LabelToken(doc, t, have_lemmas, w.folded, w.folded_lemma, w.labels);
    }
    if (flags & kSkipped) continue;
    w.pos.push_back(t);
    w.clause_punct.push_back((flags & kClausePunct) != 0);
    w.label_begin.push_back(static_cast<uint32_t>(at));
    w.starts.push_back(flags & kLayerBits);
  }
  w.label_begin.push_back(static_cast<uint32_t>(w.labels.size()));
  w.labeled = true;
  return MatchSameTokens(layer, workspace);
}

std::span<const DictMatch> Dictionary::MatchSameTokens(DictLayer layer,
                                                       Workspace& workspace) const {
  Workspace::Impl& w = *workspace.impl_;
  const Impl& d = *impl_;
  DYAD_CHECK(w.labeled);
  w.matches.clear();
  const uint32_t root = static_cast<uint32_t>(layer);
  const uint8_t layer_bit = static_cast<uint8_t>(1u << root);
  const size_t n = w.pos.size();
  size_t i = 0;
  while (i < n) {
    if (!(w.starts[i] & layer_bit)) {  // no phrase of the layer begins with this token
      ++i;
      continue;
    }
    w.frontier.assign(1, root);
    w.waiting.clear();
    size_t best_end = 0;
    uint32_t best_node = kNone;
    for (size_t j = i; j < n && (!w.frontier.empty() || !w.waiting.empty()); ++j) {
      w.next.clear();
      auto step = [&](uint32_t node, uint32_t bits) {
        for (uint32_t k = w.label_begin[j]; k < w.label_begin[j + 1]; ++k) {
          uint32_t child = d.edges.Find(node, w.labels[k] | bits);
          if (child != kNone && std::find(w.next.begin(), w.next.end(), child) == w.next.end()) {
            w.next.push_back(child);
          }
        }
      };
      // A TABARI word after a blank: right after the words before it or any tokens later in
      // the clause ("Radagast, the Brown" is no RADAGAST THE_BROWN).
      if (w.clause_punct[j]) w.waiting.clear();
      for (uint32_t node : w.waiting) step(node, kGapBit);
      for (uint32_t node : w.frontier) {
        step(node, 0);
        if (d.gap_from.empty() || !d.gap_from[node]) continue;
        step(node, kGapBit);
        if (!w.clause_punct[j] &&
            std::find(w.waiting.begin(), w.waiting.end(), node) == w.waiting.end())
          w.waiting.push_back(node);
      }
      std::swap(w.frontier, w.next);
      for (uint32_t node : w.frontier) {
        if (d.node_begin[node + 1] > d.node_begin[node]) {
          best_end = j + 1;
          best_node = node;
          break;
        }
      }
    }
    if (best_node == kNone) {
      ++i;
      continue;
    }
    w.matches.push_back({w.pos[i], w.pos[best_end - 1] + 1, d.EntriesOf(best_node)});
    i = best_end;
  }
  return w.matches;
}

// ---------------------------------------------------------------------------------------------

struct DictionaryBuilder::State {
  std::vector<std::string> sources;
  std::vector<DictEntry> entries;
  std::vector<PendingPhrase> phrases;
  std::vector<std::string> warnings;
  std::vector<std::pair<std::string, std::string>> settings;
};

DictionaryBuilder::DictionaryBuilder() : state_(std::make_unique<State>()) {}
DictionaryBuilder::~DictionaryBuilder() = default;
DictionaryBuilder::DictionaryBuilder(DictionaryBuilder&&) noexcept = default;
DictionaryBuilder& DictionaryBuilder::operator=(DictionaryBuilder&&) noexcept = default;

uint16_t DictionaryBuilder::AddSource(std::string name) {
  DYAD_CHECK(state_->sources.size() < 0xFFFF);
  state_->sources.push_back(std::move(name));
  return static_cast<uint16_t>(state_->sources.size() - 1);
}

const std::string& DictionaryBuilder::source(uint16_t i) const { return state_->sources[i]; }

EntryId DictionaryBuilder::AddEntry(DictEntry entry) {
  state_->entries.push_back(std::move(entry));
  return static_cast<EntryId>(state_->entries.size() - 1);
}

DictEntry& DictionaryBuilder::entry(EntryId id) { return state_->entries[id]; }
size_t DictionaryBuilder::entry_count() const { return state_->entries.size(); }
size_t DictionaryBuilder::warning_count() const { return state_->warnings.size(); }

void DictionaryBuilder::AddPhrase(EntryId id, std::string_view phrase, PhraseStyle style,
                                  uint32_t line, bool regular_plural) {
  const DictEntry& e = state_->entries[id];
  auto variants = dict_internal::PhraseVariants(phrase, style, regular_plural);
  if (variants.empty()) {
    Warn(e.source, line ? line : e.line, "phrase \"" + std::string(phrase) + "\" has no words");
    return;
  }
  for (auto& words : variants) {
    state_->phrases.push_back({id, LayerOf(e.kind), std::move(words)});
  }
}

void DictionaryBuilder::Warn(uint16_t source, uint32_t line, std::string_view what) {
  state_->warnings.push_back(state_->sources[source] + ":" + std::to_string(line) + ": " +
                             std::string(what));
}

void DictionaryBuilder::AddSetting(std::string key, std::string value) {
  state_->settings.emplace_back(std::move(key), std::move(value));
}

StatusOr<std::shared_ptr<const Dictionary>> DictionaryBuilder::Compile() && {
  auto impl = std::make_unique<Dictionary::Impl>();
  std::vector<std::pair<uint32_t, EntryId>> accepting;  // (node, entry)
  accepting.reserve(state_->phrases.size());
  for (const PendingPhrase& p : state_->phrases) {
    uint32_t node = static_cast<uint32_t>(p.layer);
    for (const PhraseWord& word : p.words) {
      const bool stem = word.match == WordMatch::kStem;
      Vocabulary& vocab = stem ? impl->stems : impl->words;
      const uint32_t word_id = vocab.Intern(word.text);
      std::vector<uint8_t>& starts = stem ? impl->stem_starts : impl->word_starts;
      if (starts.size() <= word_id) starts.resize(word_id + 1, 0);
      if (node < static_cast<uint32_t>(DictLayer::kCount)) starts[word_id] |= 1u << node;
      if (word.match == WordMatch::kStem) {
        impl->min_stem = std::min(impl->min_stem, word.text.size());
        impl->max_stem = std::max(impl->max_stem, word.text.size());
      }
      const bool gap = word.gap_before && node >= static_cast<uint32_t>(DictLayer::kCount);
      if (gap) {
        if (impl->gap_from.size() <= node) impl->gap_from.resize(node + 1, 0);
        impl->gap_from[node] = 1;
      }
      uint32_t child = impl->edges.FindOrInsert(
          node, EdgeLabel(word_id, word.match) | (gap ? kGapBit : 0), impl->node_count);
      if (child == impl->node_count) ++impl->node_count;
      node = child;
    }
    accepting.emplace_back(node, p.entry);
  }
  std::sort(accepting.begin(), accepting.end());
  accepting.erase(std::unique(accepting.begin(), accepting.end()), accepting.end());
  if (!impl->gap_from.empty()) impl->gap_from.resize(impl->node_count, 0);
  impl->node_begin.assign(impl->node_count + 1, 0);
  for (const auto& [node, entry] : accepting) ++impl->node_begin[node + 1];
  for (uint32_t n = 0; n < impl->node_count; ++n) impl->node_begin[n + 1] += impl->node_begin[n];
  impl->node_entries.reserve(accepting.size());
  for (const auto& [node, entry] : accepting) impl->node_entries.push_back(entry);

  static std::atomic<uint64_t> serials{0};
  std::shared_ptr<Dictionary> dict(new Dictionary());
  dict->serial_ = ++serials;
  dict->phrase_count_ = state_->phrases.size();
  dict->sources_ = std::move(state_->sources);
  dict->entries_ = std::move(state_->entries);
  dict->warnings_ = std::move(state_->warnings);
  dict->settings_ = std::move(state_->settings);
  dict->impl_ = std::move(impl);
  state_ = std::make_unique<State>();
  return std::shared_ptr<const Dictionary>(std::move(dict));
}

}  // namespace dyad
