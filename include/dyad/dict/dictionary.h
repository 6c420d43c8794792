// Dictionary: actor, agent, title, discard and issue phrases compiled into one immutable
// token matcher.
//
// Part of dyad_dict; dyad_actors (and later dyad_events) match it over a sentence's tokens.
// Entries are added through a DictionaryBuilder (Add), turned into a Dictionary once
// (Compile) and then matched from any number of threads, each with its own Workspace (Match).
// The readers in dyad/dict/readers.h fill a builder from PETRARCH, TABARI and dyad files.
//
//   DictionaryBuilder b;
//   uint16_t src = b.AddSource("my.txt");
//   EntryId kerry = b.AddEntry({.kind = EntryKind::kActor, .source = src, .line = 3,
//                               .name = "John Kerry", .codes = {{"USAGOV", d2013, {}}}});
//   b.AddPhrase(kerry, "John Kerry", PhraseStyle::kDyad);
//   std::shared_ptr<const Dictionary> dict = std::move(b).Compile();
//   auto ws = dict->NewWorkspace();
//   for (const DictMatch& m : dict->Match(doc, s.first_token, s.end_token, DictLayer::kActors,
//   *ws))
//     std::cout << dict->CodeFor(m.entries[0], doc.meta.date) << "\n";
//
// Matching is leftmost-longest over the sentence's tokens; a bare "-" token (the segmenter's
// split of "al-Assad") is skipped, and a dictionary word with a hyphen matches it split or
// whole. Each token is tried as written (for all-capital words such as "UN", which match
// case-sensitively), case-folded (everything else) and, when Document::words is filled, as its
// lemma ("officials" -> "official"). TABARI stems match any word they begin.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dyad/core/date.h"
#include "dyad/core/document.h"
#include "dyad/core/status.h"

namespace dyad {

using EntryId = uint32_t;  // index into Dictionary::entry()

enum class EntryKind : uint8_t {
  kActor,    // a named actor: country, capital, person, organisation ("John Kerry" -> USAGOV)
  kAgent,    // a generic role noun that attaches to an actor ("rebels" -> ~REB)
  kTitle,    // a title that precedes or follows a name ("Secretary of State" -> ~GOV)
  kDiscard,  // a phrase that marks a sentence (or, story_level, a story) as not to be coded
  kIssue,    // a phrase that tags a sentence with an issue code ("ethnic cleansing")
};
std::string_view EntryKindName(EntryKind k);

// What an actor entry names; the context rules treat nationalities and people differently.
enum class ActorClass : uint8_t {
  kUnknown,       // legacy dictionaries do not say
  kCountry,       // a country's name ("Russia") -> RUS
  kDemonym,       // a country's adjective or people ("Russian", "Russians") -> RUS
  kGovSeat,       // a capital or seat of power standing for the government ("Kremlin") -> RUSGOV
  kPerson,        // a person with (dated) roles
  kOrganization,  // an IGO, NGO, party, armed group …
};

// A code and the dates it holds for, both inclusive; an empty date is an open end, and a rule
// with both ends open is the default. Legacy "<date" is {to = date}, ">date" is {from = date}.
struct CodeRule {
  std::string code;  // "USAGOV"; "---" is the explicit null code
  Date from;
  Date to;
  bool is_default() const { return from.empty() && to.empty(); }
  bool Covers(Date d) const { return (from.empty() || from <= d) && (to.empty() || d <= to); }
};

struct DictEntry {
  EntryKind kind = EntryKind::kActor;
  ActorClass actor_class = ActorClass::kUnknown;
  bool prefix_code = false;  // agents written "NGO~": the code goes before the actor's code
  bool story_level = false;  // discards written "+PHRASE": the whole story is discarded
  char gender = 0;           // people: 'm', 'f', or 0 when unknown
  uint16_t source = 0;       // index into Dictionary::source()
  uint32_t line = 0;         // 1-based line of the entry's first phrase
  std::string name;          // the primary phrase as written ("JOHN_KERRY_", "John Kerry")
  // PETRARCH agents written "POLICE {}": the phrase has no plural, so a regular plural of its
  // last word ("polices") is no match even where it is the word's lemma.
  bool no_plural = false;
  // Actors: dated rules in file order, then at most one default. Agents and titles: one rule
  // holding the role ("GOV", "GOVMED"). Discards: none. Issues: the issue code.
  std::vector<CodeRule> codes;
};

// How AddPhrase reads a phrase string.
enum class PhraseStyle : uint8_t {
  // dyad's files: words separated by spaces; a word written in capitals ("UN", "NATO") matches
  // case-sensitively, every other word case-insensitively.
  kDyad,
  // PETRARCH-2: "_" joins words, a trailing "_" is ignored (no stemming), everything is
  // case-insensitive except one-word phrases of at most three letters ("UN", "US"), which are
  // acronyms in dictionaries written all in capitals.
  kPetrarch,
  // TABARI: as kPetrarch, but a last word not followed by "_" is a stem ("SYRI" matches
  // "Syrian"), and the last word also matches with a regular "S" ending.
  kTabari,
};

// Which group of phrases to match; each group has its own leftmost-longest matching.
enum class DictLayer : uint8_t { kActors, kDiscards, kIssues, kCount };
DictLayer LayerOf(EntryKind k);

// One match of a phrase over tokens [first_token, end_token) of a Document. `entries` lists
// every entry that has the matched phrase (usually one), in the order they were added; it
// points into the Dictionary and lives as long as it does.
struct DictMatch {
  TokenIndex first_token = 0;
  TokenIndex end_token = 0;
  std::span<const EntryId> entries;
};

class DictionaryBuilder;

// A compiled dictionary. Immutable and thread-safe: Match only writes to the caller's
// Workspace. Hold it through shared_ptr<const Dictionary>; matches point into it.
class Dictionary {
 public:
  // Scratch memory for Match on one thread; reused so matching does not allocate per token.
  class Workspace {
   public:
    Workspace();
    ~Workspace();

   private:
    friend class Dictionary;
    struct Impl;
    std::unique_ptr<Impl> impl_;
  };

  ~Dictionary();
  std::unique_ptr<Workspace> NewWorkspace() const { return std::make_unique<Workspace>(); }

  // Leftmost-longest matches of `layer` over tokens [first, end) of `doc` (one sentence, or any
  // range of tokens). The span stays valid until the workspace's next Match.
  std::span<const DictMatch> Match(const Document& doc, TokenIndex first, TokenIndex end,
                                   DictLayer layer, Workspace& workspace) const;
  // Matches of another `layer` over the same tokens as the workspace's last Match, without
  // looking the words up again. Same result as Match with that call's document and range.
  std::span<const DictMatch> MatchSameTokens(DictLayer layer, Workspace& workspace) const;
  // Looks every token of `doc` up and keeps the result in doc.token_labels, which later Match
  // calls of this dictionary on `doc` read instead of looking the words up again: the actor
  // coder labels a document, the event coder matching the same dictionary reuses the labels.
  // Call it again after changing doc's tokens or words (a Match does not notice).
  void Label(Document& doc, Workspace& workspace) const;

  size_t size() const { return entries_.size(); }
  const DictEntry& entry(EntryId id) const { return entries_[id]; }
  size_t Count(EntryKind kind) const;
  size_t phrase_count() const { return phrase_count_; }
  const std::string& source(uint16_t i) const { return sources_[i]; }
  size_t source_count() const { return sources_.size(); }
  // "Phoenix.Countries.actors.txt:51393".
  std::string Origin(EntryId id) const;
  // The code an entry gives on `date`: the first dated rule that covers it, else the default,
  // else "" (null). For an unknown date: the default, else the rule that ends last (the most
  // recent role). Agents, titles and issues: their single code.
  std::string_view CodeFor(EntryId id, Date date) const;

  // "file:line: what" for every line that was skipped or repaired while loading.
  const std::vector<std::string>& warnings() const { return warnings_; }
  // Settings read from a TABARI .options file or a PETR_config.ini ("CONVERT AGENTS" -> "TRUE").
  const std::vector<std::pair<std::string, std::string>>& settings() const { return settings_; }
  // Approximate heap bytes held by the compiled matcher and entries.
  size_t MemoryBytes() const;

  class Impl;

 private:
  friend class DictionaryBuilder;
  Dictionary();
  uint8_t LabelToken(const Document& doc, TokenIndex t, bool have_lemmas,
                     std::string& folded_buffer, std::string& lemma_buffer,
                     std::vector<uint32_t>& labels) const;

  std::vector<std::string> sources_;
  std::vector<DictEntry> entries_;
  std::vector<std::string> warnings_;
  std::vector<std::pair<std::string, std::string>> settings_;
  size_t phrase_count_ = 0;
  uint64_t serial_ = 0;  // unique per compiled dictionary in the process (TokenLabels::dictionary)
  std::unique_ptr<const Impl> impl_;  // vocabulary and trie
};

// Collects entries and phrases, then compiles them. Not thread-safe; used once.
class DictionaryBuilder {
 public:
  DictionaryBuilder();
  ~DictionaryBuilder();
  DictionaryBuilder(DictionaryBuilder&&) noexcept;
  DictionaryBuilder& operator=(DictionaryBuilder&&) noexcept;

  // Registers a file name for origins ("actors/people-europe.txt"); returns its index.
  uint16_t AddSource(std::string name);
  const std::string& source(uint16_t i) const;
  EntryId AddEntry(DictEntry entry);
  DictEntry& entry(EntryId id);
  size_t entry_count() const;
  // Adds a phrase that matches entry `id`. `line` (0 = the entry's) is used in warnings. A
  // phrase with no words is skipped with a warning.
  void AddPhrase(EntryId id, std::string_view phrase, PhraseStyle style, uint32_t line = 0,
                 bool regular_plural = false);
  // Records "source:line: what" and goes on.
  void Warn(uint16_t source, uint32_t line, std::string_view what);
  void AddSetting(std::string key, std::string value);
  size_t warning_count() const;

  // Builds the matcher. Entries without a phrase are kept (they cannot match). Never fails
  // today; the Status is for compiled-file formats to come.
  StatusOr<std::shared_ptr<const Dictionary>> Compile() &&;

  struct State;

 private:
  std::unique_ptr<State> state_;
};

}  // namespace dyad
