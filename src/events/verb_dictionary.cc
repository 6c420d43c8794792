#include "dyad/events/verb_dictionary.h"

#include <algorithm>

#include "dyad/core/text_file.h"

namespace dyad {

namespace {

// A synset's key: "&PREPOSIT1_" and "&PREPOSIT1" are one synset (the "_" only turns off plurals).
std::string SynsetKey(std::string_view name) {
  while (name.ends_with("_")) name.remove_suffix(1);
  std::string out(name);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  }
  return out;
}

std::string FoldAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

}  // namespace

bool VerbPattern::HasWords() const {
  for (const auto* list : {&before, &after}) {
    for (const PatternElement& e : *list) {
      if (e.kind == PatternElement::Kind::kWord || e.kind == PatternElement::Kind::kSynset)
        return true;
    }
  }
  return false;
}

std::vector<const VerbEntry*> VerbDictionary::Lookup(std::string_view form, std::string_view lemma,
                                                     bool noun) const {
  std::vector<const VerbEntry*> out;
  auto add = [&](uint32_t id) {
    const VerbEntry* e = &entries_[id];
    if (e->noun != noun) return;
    if (std::find(out.begin(), out.end(), e) == out.end()) out.push_back(e);
  };
  for (std::string_view key : {form, lemma}) {
    if (key.empty()) continue;
    auto [b, e] = by_word_.equal_range(key);
    for (auto it = b; it != e; ++it) add(it->second);
  }
  if (!by_stem_.empty() && !form.empty()) {
    // TABARI stems: the longest stem that begins the word comes first, as TABARI's lookup
    // does; shorter ones follow for when the longer entries' particles are absent ("called
    // for": CALLED_ON does not apply, CALL does).
    for (size_t n = std::min(form.size(), max_stem_); n >= min_stem_ && n > 0; --n) {
      auto [b, e] = by_stem_.equal_range(form.substr(0, n));
      for (auto it = b; it != e; ++it) add(it->second);
    }
  }
  return out;
}

size_t VerbDictionary::pattern_count() const {
  size_t n = 0;
  for (const VerbBlock& b : blocks_) n += b.patterns.size();
  return n;
}

std::string VerbDictionary::Origin(uint16_t source, uint32_t line) const {
  return (source < sources_.size() ? sources_[source] : std::string("?")) + ":" +
         std::to_string(line);
}

uint16_t VerbDictionaryBuilder::AddSource(std::string name) {
  dict_->sources_.push_back(std::move(name));
  return static_cast<uint16_t>(dict_->sources_.size() - 1);
}

uint32_t VerbDictionaryBuilder::AddBlock(VerbBlock block) {
  dict_->blocks_.push_back(std::move(block));
  return static_cast<uint32_t>(dict_->blocks_.size() - 1);
}

void VerbDictionaryBuilder::AddEntry(VerbEntry entry, const std::vector<std::string>& forms,
                                     bool stem) {
  const uint32_t id = static_cast<uint32_t>(dict_->entries_.size());
  if (stem) {
    const std::string key = FoldAscii(entry.word);
    dict_->by_stem_.emplace(key, id);
    dict_->max_stem_ = std::max(dict_->max_stem_, key.size());
    dict_->min_stem_ = std::min<size_t>(dict_->min_stem_, std::max<size_t>(1, key.size()));
  } else {
    dict_->by_word_.emplace(FoldAscii(entry.word), id);
    for (const std::string& f : forms) {
      if (FoldAscii(f) != FoldAscii(entry.word)) dict_->by_word_.emplace(FoldAscii(f), id);
    }
  }
  dict_->entries_.push_back(std::move(entry));
}

uint32_t VerbDictionaryBuilder::AddSynset(std::string name) {
  const std::string key = SynsetKey(name);
  if (auto it = synset_index_.find(key); it != synset_index_.end()) return it->second;
  dict_->synsets_.emplace_back();
  dict_->synset_flags_.emplace_back();
  dict_->synset_names_.push_back(std::move(name));
  const uint32_t id = static_cast<uint32_t>(dict_->synsets_.size() - 1);
  synset_index_.emplace(key, id);
  return id;
}

void VerbDictionaryBuilder::AddSynsetPhrase(uint32_t id, std::vector<std::string> words,
                                            std::vector<uint8_t> flags) {
  for (std::string& w : words) w = FoldAscii(w);
  if (!flags.empty()) flags.resize(words.size(), 0);
  dict_->synsets_[id].push_back(std::move(words));
  dict_->synset_flags_[id].push_back(std::move(flags));
}

int32_t VerbDictionaryBuilder::FindSynset(std::string_view name) const {
  auto it = synset_index_.find(SynsetKey(name));
  return it == synset_index_.end() ? -1 : static_cast<int32_t>(it->second);
}

int64_t VerbDictionaryBuilder::FindKeyedBlock(const std::string& key) const {
  auto it = keyed_blocks_.find(key);
  return it == keyed_blocks_.end() ? -1 : static_cast<int64_t>(it->second);
}

void VerbDictionaryBuilder::AddTransformation(VerbTransformation t) {
  dict_->transformations_.push_back(std::move(t));
}

void VerbDictionaryBuilder::Warn(uint16_t source, uint32_t line, std::string_view what) {
  dict_->warnings_.push_back(dict_->Origin(source, line) + ": " + std::string(what));
}

std::shared_ptr<const VerbDictionary> VerbDictionaryBuilder::Compile() && {
  // The most specific pattern is tried first, so "- * DIPLOMATIC TIES" beats "- * TIES";
  // among equals the dictionary's order decides, as in PETRARCH.
  for (VerbBlock& b : dict_->blocks_) {
    if (b.longest_first) continue;
    std::stable_sort(b.patterns.begin(), b.patterns.end(),
                     [](const VerbPattern& x, const VerbPattern& y) {
                       return x.Specificity() > y.Specificity();
                     });
  }
  return std::move(dict_);
}

// ---- CAMEO table ----

CameoTable CameoTable::Read(std::string_view text, std::string_view name) {
  CameoTable t;
  auto trim = [](std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
      s.remove_suffix(1);
    return s;
  };
  TextLines lines(text);
  for (std::string_view line; lines.Next(line);) {
    const uint32_t line_no = lines.number();
    if (size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    line = trim(line);
    if (line.empty()) continue;
    std::vector<std::string_view> f;
    size_t b = 0;
    while (true) {
      size_t bar = line.find('|', b);
      f.push_back(trim(line.substr(b, bar == std::string_view::npos ? line.npos : bar - b)));
      if (bar == std::string_view::npos) break;
      b = bar + 1;
    }
    auto warn = [&](const std::string& what) {
      t.warnings_.push_back(std::string(name) + ":" + std::to_string(line_no) + ": " + what);
    };
    if (f.size() != 5) {
      warn("expected CODE | Goldstein | QuadClass | PLOVER | name, got " +
           std::to_string(f.size()) + " fields");
      continue;
    }
    CameoCode c;
    c.code = std::string(f[0]);
    if (c.code.empty() || !std::all_of(c.code.begin(), c.code.end(),
                                       [](char ch) { return ch >= '0' && ch <= '9'; })) {
      warn("code \"" + c.code + "\" is not CAMEO digits");
      continue;
    }
    char* end = nullptr;
    std::string g(f[1]);
    c.goldstein = std::strtod(g.c_str(), &end);
    if (g.empty() || *end != '\0' || c.goldstein < -10 || c.goldstein > 10) {
      warn("Goldstein value \"" + g + "\" is not a number in -10..10");
      continue;
    }
    if (f[2].size() != 1 || f[2][0] < '1' || f[2][0] > '4') {
      warn("QuadClass \"" + std::string(f[2]) + "\" is not 1-4");
      continue;
    }
    c.quad_class = static_cast<uint8_t>(f[2][0] - '0');
    c.plover = std::string(f[3]);
    c.name = std::string(f[4]);
    if (t.codes_.count(c.code)) warn("code " + c.code + " listed twice; the first is kept");
    t.codes_.emplace(c.code, std::move(c));
  }
  return t;
}

const CameoCode* CameoTable::Find(std::string_view code) const {
  for (size_t n = code.size(); n >= 2; --n) {
    auto it = codes_.find(std::string(code.substr(0, n)));
    if (it != codes_.end()) return &it->second;
  }
  return nullptr;
}

std::string CameoTable::Root(std::string_view code) {
  if (code.size() < 2 ||
      !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return "";
  return std::string(code.substr(0, 2));
}

uint8_t CameoTable::QuadClassOfRoot(std::string_view root) {
  if (root.size() != 2) return 0;
  const int r = (root[0] - '0') * 10 + (root[1] - '0');
  if (r >= 1 && r <= 5) return 1;
  if (r >= 6 && r <= 9) return 2;
  if (r >= 10 && r <= 14) return 3;
  if (r >= 15 && r <= 20) return 4;
  return 0;
}

}  // namespace dyad
