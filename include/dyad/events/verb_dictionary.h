// VerbDictionary: event trigger verbs and their patterns, compiled once into an immutable
// matcher; CameoTable: the CAMEO event codes' root, QuadClass, Goldstein value and PLOVER type.
//
// Part of dyad_events; the EventCoder (dyad/events/event_coder.h) looks a sentence's verbs and
// trigger nouns up here. Readers for the three formats in use:
//   PETRARCH-2  CAMEO.2.0.txt, PETR.Validate.verbs.txt (synsets `&NAME`, blocks
//               `--- X [code] ---`, verb forms, `- pattern [code]` lines with `*` the verb, `$`
//               source, `+` target, `%` compound, `^` skip, `(PP)` and `{NP}` groups, paired
//               codes `[032:033]`, transformations `~ a (a b ATTACK) SAY = a b 015`);
//   TABARI      .verbs (verb stems with `[code]` and `- pattern [code]` lines, `{ A | B }`
//               alternatives, `<TIME>` shift phrases);
//   dyad        data/dict/verbs/*.txt (`CODE  [~]trigger words + words  # comment`).
// A malformed line is a warning "file:line: what" and loading goes on.
//
//   VerbDictionaryBuilder b;
//   ReadVerbText(text, "CAMEO.2.0.txt", VerbFormat::kPetrarch, b);
//   std::shared_ptr<const VerbDictionary> verbs = std::move(b).Compile();
//   for (const VerbEntry* e : verbs->Lookup("visited", "visit")) ...
//
// Thread safety: a compiled VerbDictionary and a CameoTable are immutable; share them.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dyad/core/status.h"
#include "dyad/core/string_hash.h"

namespace dyad {

enum class VerbFormat : uint8_t { kUnknown, kDyad, kPetrarch, kTabari };

// One element of a pattern, in text order.
struct PatternElement {
  enum class Kind : uint8_t {
    kWord,      // a word (folded); matches the token, its lemma or its regular plural
    kSynset,    // any phrase of synset `id`
    kSource,    // `$`: the source actor is here
    kTarget,    // `+`: the target actor is here
    kCompound,  // `%`: source and target are the same compound actor here
    kSkip,      // `^`: skip one noun phrase (treated as a gap before the verb)
  };
  Kind kind = Kind::kWord;
  bool adjacent = false;    // must directly follow the previous element (TABARI/PETRARCH `_`)
  bool stem = false;        // TABARI: a word not ending in `_` matches any word it begins
  bool skip_actor = false;  // TABARI: `^` skips the next actor, a compound one whole
  // dyad: a required dependent found anywhere in the trigger's clause (verb) or phrase (noun),
  // in any order ("hold talks with +": "talks"; "~attack suicide on +": "suicide").
  bool free = false;
  // dyad: a word right after `+` is the head noun of the target's phrase ("expel + diplomats").
  bool target_head = false;
  // dyad: a preposition right before a slot is the `case` of that slot's own phrase.
  bool slot_case = false;
  // dyad: the slot's phrase attaches to the trigger or to a word the pattern names: through the
  // preceding `slot_case` preposition (obl/nmod), else as the object (obj/iobj).
  bool attached = false;
  // PETRARCH-2: a bare word after the verb (outside `{NP}` and `(PP)` groups) is the head of a
  // phrase of the verb: "adopt a set of resolutions" has no `* RESOLUTION`.
  bool phrase_head = false;
  // PETRARCH-2 `{NP}` group: this element follows the previous one inside the same `{...}`
  // ("{NEW &TIETYPES RELATIONS}": set on &TIETYPES and RELATIONS). Only
  // EventCoderOptions::contiguous_noun_groups reads it.
  bool in_noun_group = false;
  uint32_t id = 0;   // synset index for kSynset
  std::string word;  // folded word for kWord
};

// TABARI's synset phrases are written as patterns are (manual 5.6): "+YUM YENNYEN" allows words
// between YUM and YENNYEN and YENNYEN matches any word it begins ("yennyener"); a word ending in
// `_` is exact ("+KRONER_", JAVANESE in "+JAVANESE_YEN"); "+PESO_$" is PESO right before the
// source actor (`$`, or `+` the target).
enum SynsetWordFlags : uint8_t {
  kSynsetStem = 1,  // matches any word it begins
  kSynsetGap = 2,   // other words (not the verb) may stand before it; never on the first word
};

// A pattern of a verb block: elements before the verb (`before`) and after it (`after`).
struct VerbPattern {
  std::vector<PatternElement> before;
  std::vector<PatternElement> after;
  std::string code;     // "064"; "---" is the null code (the pattern matches, nothing is coded)
  std::string paired;   // the second code of "[032:033]": an event target -> source; else ""
  uint16_t source = 0;  // index into VerbDictionary::source()
  uint32_t line = 0;
  std::string text;  // the pattern as written, for explain
  // dyad: `+` written first ("+ receive aid from $"): the grammatical subject is the target.
  bool subject_target = false;
  // dyad: no `+` written ("say"): the event has no target, not the verb's object.
  bool no_target = false;
  // TABARI: the pattern's length (manual 5.7.1: its letters, the longest of its alternatives)
  // and whether it has `{ A | B }` alternatives; 0 and false for other formats.
  uint32_t length = 0;
  bool alternatives = false;
  bool HasWords() const;
  size_t Specificity() const { return before.size() + after.size(); }
};

// A trigger word and the block of patterns it shares with its synonyms.
struct VerbEntry {
  std::string word;                    // "restore", "visit"; for nouns (`~`) the noun lemma
  bool noun = false;                   // dyad's nominal triggers ("~visit to +")
  std::vector<std::string> particles;  // words that must follow ("cordon off" -> {"off"})
  std::string code;                    // the verb's own code ("" -> the block's)
  std::string paired;
  uint32_t block = 0;  // index into VerbDictionary::block()
  uint16_t source = 0;
  uint32_t line = 0;
};

struct VerbBlock {
  std::string name;  // "ABANDON"
  std::string code;  // the block's code; "---" when none
  std::string paired;
  std::vector<VerbPattern> patterns;  // most specific first
  // TABARI's blocks are in its own order, longest pattern first (manual 5.7.1); Compile() keeps
  // it instead of sorting by specificity.
  bool longest_first = false;
};

// `~ a (a b ATTACK) SAY = a b 015`: when a verb coded `outer` governs a clause coded `inner`
// whose source is the outer source (`a`), another actor (`b`), any (`.`) or absent (`_`), code
// the pair as `result`.
struct VerbTransformation {
  std::string outer_word, inner_word;  // "say", "attack" (or "q" for any verb)
  char inner_source = 'a';             // 'a', 'b', '.', '_'
  char inner_target = 'b';
  std::string result;  // "015", or "Q" to keep the inner code
  char result_source = 'a', result_target = 'b';
  uint16_t source = 0;
  uint32_t line = 0;
};

// A compiled verb dictionary. Immutable; thread-safe.
class VerbDictionary {
 public:
  // Entries whose trigger word is `form` (the token folded) or `lemma`; TABARI stems match any
  // word they begin, longest stem first (the caller takes the first entry that applies). The span
  // lives as long as the dictionary; empty when none.
  std::vector<const VerbEntry*> Lookup(std::string_view form, std::string_view lemma,
                                       bool noun = false) const;
  const VerbBlock& block(uint32_t i) const { return blocks_[i]; }
  size_t block_count() const { return blocks_.size(); }
  size_t entry_count() const { return entries_.size(); }
  size_t pattern_count() const;
  // Phrases of synset `id`, each a sequence of folded words.
  const std::vector<std::vector<std::string>>& synset(uint32_t id) const { return synsets_[id]; }
  // How the words of synset `id`'s phrases match, parallel to synset(id): per word a set of
  // kSynsetStem and kSynsetGap bits; a phrase without flags (PETRARCH's) is exact, consecutive
  // words.
  const std::vector<std::vector<uint8_t>>& synset_flags(uint32_t id) const {
    return synset_flags_[id];
  }
  const std::string& synset_name(uint32_t id) const { return synset_names_[id]; }
  const std::vector<VerbTransformation>& transformations() const { return transformations_; }
  const std::string& source(uint16_t i) const { return sources_[i]; }
  // "CAMEO.2.0.txt:812".
  std::string Origin(uint16_t source, uint32_t line) const;
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  friend class VerbDictionaryBuilder;
  std::vector<std::string> sources_;
  std::vector<VerbEntry> entries_;
  std::vector<VerbBlock> blocks_;
  std::vector<std::vector<std::vector<std::string>>> synsets_;
  std::vector<std::vector<std::vector<uint8_t>>> synset_flags_;
  std::vector<std::string> synset_names_;
  std::vector<VerbTransformation> transformations_;
  std::vector<std::string> warnings_;
  StringMultimap<uint32_t> by_word_;  // folded form -> entry
  StringMultimap<uint32_t> by_stem_;  // TABARI stems -> entry
  size_t min_stem_ = 3, max_stem_ = 0;
};

// Collects blocks, entries, synsets and transformations; Compile() indexes them. Used once.
class VerbDictionaryBuilder {
 public:
  uint16_t AddSource(std::string name);
  uint32_t AddBlock(VerbBlock block);
  VerbBlock& block(uint32_t i) { return dict_->blocks_[i]; }
  size_t block_count() const { return dict_->blocks_.size(); }
  // Registers `entry`; `forms` are further surface forms (irregular or generated) it answers to.
  void AddEntry(VerbEntry entry, const std::vector<std::string>& forms, bool stem = false);
  uint32_t AddSynset(std::string name);
  // `flags` (SynsetWordFlags, one per word) are TABARI's reading of the words; empty: exact,
  // consecutive words.
  void AddSynsetPhrase(uint32_t id, std::vector<std::string> words,
                       std::vector<uint8_t> flags = {});
  const std::vector<std::vector<uint8_t>>& synset_flags(uint32_t id) const {
    return dict_->synset_flags_[id];
  }
  const std::vector<std::vector<std::string>>& synset(uint32_t id) const {
    return dict_->synsets_[id];
  }
  // The synset named `name` ("&CURRENCY", case-insensitive), or -1.
  int32_t FindSynset(std::string_view name) const;
  // Blocks by a reader's key (dyad: one block per trigger word across all its files, so the
  // most specific pattern of any file wins); -1 when `key` has none yet.
  int64_t FindKeyedBlock(const std::string& key) const;
  void SetBlockKey(std::string key, uint32_t block) { keyed_blocks_[std::move(key)] = block; }
  void AddTransformation(VerbTransformation t);
  void Warn(uint16_t source, uint32_t line, std::string_view what);
  size_t warning_count() const { return dict_->warnings_.size(); }
  std::shared_ptr<const VerbDictionary> Compile() &&;

 private:
  std::shared_ptr<VerbDictionary> dict_ = std::make_shared<VerbDictionary>();
  std::unordered_map<std::string, uint32_t> synset_index_;
  std::unordered_map<std::string, uint32_t> keyed_blocks_;
};

// Guesses a verb file's format from its name and text (`--- X [code] ---` blocks: PETRARCH;
// `.verbs`: TABARI; `CODE  words` lines: dyad); kUnknown when it is none of them.
VerbFormat DetectVerbFormat(std::string_view file_name, std::string_view text);
// Adds the verbs of one dictionary text to `builder`; `name` is used in origins and warnings.
void ReadVerbText(std::string_view text, std::string_view name, VerbFormat format,
                  VerbDictionaryBuilder& builder);
// Reads one file (kUnknown: detected). NotFound when it cannot be read.
Status ReadVerbFile(const std::string& path, std::string_view name, VerbFormat format,
                    VerbDictionaryBuilder& builder);
// Loads the verb dictionaries at `path`: a PETR_config.ini (its verbfile_name, looked up
// beside it and in ../dictionaries), a TABARI .project (its <verbsfile>), a directory (its
// PETR_config.ini or .project, else every verbs/*.txt and *.verbs in it) or one verb file.
StatusOr<std::shared_ptr<const VerbDictionary>> LoadVerbDictionaries(const std::string& path);
// UniversalPetrarch's internal coding ontology (PICO, `CODE:VALUE#comment` lines, VALUE a sum of
// hex terms such as `0xFFFF+0x0080`): the code of each negated act. A value above 0xFFFF is the
// negation of value - 0xFFFF ("did not disapprove" 110 is 050), as 011 (0x1000-0xFFFF) is the
// negation of 010. Returns code -> code of its negation, for the codes that have one.
std::unordered_map<std::string, std::string> ReadPicoNegations(std::string_view text);
Status ReadPicoNegationFile(const std::string& path,
                            std::unordered_map<std::string, std::string>& negations);
// dyad's own verbs: every data/dict/verbs/*.txt present when dyad was configured, compiled in.
StatusOr<std::shared_ptr<const VerbDictionary>> LoadDefaultVerbDictionaries();

// One CAMEO event code's properties.
struct CameoCode {
  std::string code;        // "042"
  double goldstein = 0;    // -10 .. +10
  uint8_t quad_class = 0;  // 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
                           // 4 material conflict
  std::string plover;      // "CONSULT"
  std::string name;        // "Make a visit"
};

// The CAMEO code table (data/dict/cameo.txt: `CODE | Goldstein | QuadClass | PLOVER | name`).
// Immutable after reading; thread-safe.
class CameoTable {
 public:
  // Reads the table; a malformed line is a warning "name:line: what" and reading goes on.
  static CameoTable Read(std::string_view text, std::string_view name);
  // dyad's data/dict/cameo.txt when it was present at configure time, else an empty table.
  static const CameoTable& Default();
  // The entry of `code`, or of its longest listed prefix ("0431" -> "043"), or nullptr.
  const CameoCode* Find(std::string_view code) const;
  // The two-digit root ("03" for "036"); "" for a code that is not CAMEO digits.
  static std::string Root(std::string_view code);
  // QuadClass from the root when the table lacks the code: 01-05 -> 1, 06-09 -> 2,
  // 10-14 -> 3, 15-20 -> 4.
  static uint8_t QuadClassOfRoot(std::string_view root);
  size_t size() const { return codes_.size(); }
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  std::unordered_map<std::string, CameoCode> codes_;
  std::vector<std::string> warnings_;
};

}  // namespace dyad
