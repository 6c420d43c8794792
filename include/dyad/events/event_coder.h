// EventCoder: CAMEO events from a parsed sentence with coded actors — who did what to whom.
//
// Part of dyad_events; runs after dyad_actors (Document::actors) on parsed text
// (Document::words: lemmas, tags, heads, UD relations) and fills Document::events.
//
//   auto verbs = LoadVerbDictionaries("petrarch2/config/PETR_config.ini").value();
//   auto coder = EventCoder::Load({.verbs = verbs, .dictionary = actor_dict}).value();
//   auto ws = coder->NewWorkspace();
//   DYAD_RETURN_IF_ERROR(coder->Process(doc, *ws));   // doc tagged, parsed, actors coded
//   for (const Event& e : doc.events) std::cout << e.source << " " << e.code << " " << e.target;
//
// How a verb is coded: its lemma or form is looked up; the most specific pattern of its block
// whose words are found in order around it (before it in the sentence, after it in its clause)
// gives the code, else the verb's or block's own code. The source is the pattern's `$` actor,
// else the subject (the `obl:agent` of a passive; a conjoined or xcomp verb shares its
// governor's subject); the target is the pattern's `+` actor, else the object (the passive
// subject), else the actor of a prepositional phrase the verb governs. Coordinated actors give
// one event per pair; paired codes `[032:033]` add the reverse event. A negated verb is not
// coded unless its pattern names the negation (CAMEO manual: "did not attack" is no attack);
// "will visit" and "agreed to help" become intents (03x, 138) where CAMEO says so; a verb
// reporting another coded clause ("A said B attacked C") yields the inner event, and its own
// only where a transformation of the dictionary says so.
// Thread safety: immutable after Load; one Workspace per thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "dyad/core/stage.h"
#include "dyad/dict/dictionary.h"
#include "dyad/events/verb_dictionary.h"

namespace dyad {

struct EventCoderOptions {
  // The verb dictionaries; required. Shared, never copied.
  std::shared_ptr<const VerbDictionary> verbs;
  // The actor dictionaries, for their discards and issues; may be null (no discards, no issues).
  std::shared_ptr<const Dictionary> dictionary;
  // Root, QuadClass, Goldstein and PLOVER of each code; null: CameoTable::Default().
  std::shared_ptr<const CameoTable> cameo;
  // Only events with both a source and a target are kept (PETRARCH's require_dyad). Default on.
  bool require_dyad = true;
  // Keep one event per (source, target, code) in a story (the "one-a-story" filter). Default on.
  bool one_a_story = true;
  // "will visit" -> 036 and other intents from future modality and verb+verb. Default on.
  bool modality = true;
  // PETRARCH-2's targets: a verb without an object actor takes the first actor of its phrase
  // after it, also inside complements whose verbs code nothing ("vowed to wage war on the
  // Rohans", "cordoned off the roads leading into Mordor"); where the parse hangs the phrase
  // elsewhere or gives the verb no subject, the peers' flat order (the first actor after the
  // verb, the nearest before it, within the clause). On for the peers' suites; off by
  // default, as on news it mostly finds actors the verb does not act on ("Qantas increased
  // profits in London"). Default off.
  bool phrase_targets = false;
  // PETRARCH-2, UniversalPetrarch and TABARI: a passive without a "by" agent takes the actor
  // of its first prepositional phrase as the source ("An Eriadorian was shot dead in
  // Osgiliath": OSG 190 ERI). On for the peers' suites; off by default, as a place is rarely
  // the agent in news. Default off.
  bool passive_phrase_source = false;
  // TABARI's verbs are dictionary words wherever they stand: a verb-dictionary word right after
  // the sentence's first actor is a verb even when the tagger says otherwise ("Estonia departen
  // from Libya"), and a modal the dictionary codes ("SHOULD [101]") opens the clause of the verb
  // it serves; a verb without a subject then takes the clause's first actor, TABARI's source.
  // For TABARI's suite; off by default.
  bool lexical_verbs = false;
  // TABARI's default target search (manual 5.8): the target is the first actor after the verb
  // whose code differs from the source's, so a phrase actor that is the source again ("Gondor
  // expressed reluctance to become involved in the affairs of its neighbor Ithilen": "its" is
  // GON) is passed over for the next. For TABARI's suite; off by default.
  bool distinct_targets = false;
  // UniversalPetrarch's verb patterns: a word before the verb stands for a noun of the subject's
  // phrase (its dictionary format: "single words without annotation denote nouns", with their
  // prepositions and modifiers), so an adverb, a verb or a determiner there is no match:
  // "- RECENTLY *" does not take "Gollum recently allowed", nor "- INDICATED *" "Ethiopia
  // indicated it deplored", nor "- NEITHER *" "Neither Galadriel nor Gollum boycotted".
  // Needs tags. For UniversalPetrarch's suite; off by default.
  bool noun_words_before = false;
  // UniversalPetrarch's `{...}` noun phrases in verb patterns: between two of their words only
  // adjectives may stand (it reads a phrase's modifiers in order, passing over adjectives the
  // pattern does not name, while a noun compounded into the head makes another head): "* {NEW
  // &TIETYPES RELATIONS}" takes "new global economic relations", not "new economic trade
  // relations"; "- {DEATH TOLL} *" not "death and injury toll". Needs tags (without them the
  // words must be adjacent). Default off: PETRARCH-2 and dyad allow any words between them.
  bool contiguous_noun_groups = false;
  // UniversalPetrarch's `$` after the verb in a pattern without `+` ("- * {MAY DAY} $"): the `$`
  // actor is the source and the verb's subject becomes the target ("Mordor will be hosting
  // Osgiliath to celebrate May Day with Eriador": ERI 017 MOR), as "+ ... $" patterns code.
  // Default off: PETRARCH-2 and dyad keep the target search after the verb.
  bool source_slot_subject_target = false;
  // UniversalPetrarch: a verb whose infinitive complement codes an event gives way with its paired
  // code too ("Mordor will be hosting Osgiliath to celebrate May Day": no HOST [043:042] pair
  // OSG 042 MOR). Default off: PETRARCH-2's dictionaries keep the pair (dyad's default).
  bool xcomp_drops_paired = false;
  // UniversalPetrarch matches a pattern's words after the verb on the verb's noun and
  // prepositional phrases: not on an infinitive's marker ("signed an accord to supply Gondor" is
  // SIGN's "* ACCORD" [056], not "* {TO SUPPLY}" [057]) nor inside a complement clause (ccomp:
  // "allowed that Mordor isn't the neatest place" is no "* {THE NEATEST PLACE}"). Needs a parse.
  // Default off: PETRARCH-2 and dyad read those words too.
  bool words_after_outside_complements = false;
  // A compound actor code ("FRO/BIL/SAM") is one event per member, as PETRARCH-2 and TABARI
  // code it; false keeps it whole, as UniversalPetrarch does. Default on.
  bool split_compound_codes = true;
  // TABARI's DEFAULT command (manual 8.5): the code of a missing source or target ("DEFSRC"),
  // so that a verb without an actor there is still coded. Empty (the default): none.
  std::string default_source, default_target;
  // TABARI's PRIOR and AFTER (manual 8.5): true, the default source stands in whenever no actor
  // comes before the verb, and the default target whenever none comes after it. False, TABARI's
  // flat search goes on first (manual 5.8): a missing source is the first actor after the verb
  // (the target then another code after it), a missing target the first actor before the verb
  // whose code differs from the source's, the first actor. Only with a default code. Default on.
  bool default_source_prior = true, default_target_after = true;
  // TABARI's SET: CODE BY ... (manual 7.6.1): which events of a sentence are kept. kAll (dyad's
  // default, TABARI's CODE ALL) every verb's; kClause (TABARI's default) the first verb's that
  // codes an event in each clause delimited by AND, BUT, OR or NOR (not those of a compound actor
  // or noun phrase), a subordinate code only when its clause has no other; kSentence the first
  // in the sentence. Default kAll.
  enum class CodeBy : uint8_t { kAll, kClause, kSentence };
  CodeBy code_by = CodeBy::kAll;
  // TABARI's CODE ALL (manual 7.6): the events of a clause keep its source and target, so a
  // later coded verb with no source, or no target but the source again ("Calenardhon urged
  // Bree to assist it": CAL 092 BRE), takes the previous coded verb's. Only a conjunction
  // (AND, BUT, OR, NOR) starts a new clause. For TABARI's suite; off by default.
  bool keep_clause_actors = false;
  // TABARI's special actor codes (ActorCoderOptions::special_codes): a mention coded "###" or
  // "+++" leaves its sentence uncoded. False: they are codes like any other, as PETRARCH-2 and
  // UniversalPetrarch read them (ActorCoderOptions::plain_special_codes). Default on.
  bool special_actor_codes = true;
  // TABARI's COMPLEX command (manual 8.7): a sentence this complex is not coded. `verbs`: at
  // least this many verbs of the dictionary; `conjunctions`: at least this many AND, BUT, OR,
  // NOR (not those of a compound actor, "Ithilen and Dagolath"); `no_actor_prior`: no actor
  // before the first verb with a code. 0 and false (the defaults) are off.
  struct Complexity {
    int verbs = 0, conjunctions = 0;
    bool no_actor_prior = false;
    auto operator<=>(const Complexity&) const = default;
  };
  Complexity complexity;
  // The code of each negated act (ReadPicoNegations: "did not disapprove" 110 -> 050); a negated
  // verb whose code is absent is not coded. Default empty.
  std::unordered_map<std::string, std::string> negations;
};

class EventCoder final : public Stage {
 public:
  static StatusOr<std::shared_ptr<const EventCoder>> Load(EventCoderOptions options);

  std::string_view name() const override { return "events"; }
  std::unique_ptr<Workspace> NewWorkspace() const override;
  // Replaces doc.events with the events of doc's sentences and doc.issues with their issue
  // phrases (of every sentence, discarded ones included).
  Status Process(Document& doc, Workspace& workspace) const override;
  // A readable account of how sentence `s` of `doc` (with actors) was coded: each candidate
  // verb, the patterns tried and why they failed, the one that matched and the events made.
  std::string Explain(const Document& doc, SentenceIndex s) const;
  const EventCoderOptions& options() const { return options_; }

 private:
  explicit EventCoder(EventCoderOptions options) : options_(std::move(options)) {}
  EventCoderOptions options_;
};

// TABARI's comma-clause elimination (its COMMA option, manual 8.6; PETR_config.ini's comma_*
// options, which PETRARCH-2 and UniversalPetrarch read but never apply): a comma-delimited
// phrase whose length in words lies within the limits is removed before coding. The phrases
// between the sentence's commas are taken left to right; the next starts at the comma that
// ended a kept one, and an eliminated phrase takes its commas with it; a terminal phrase needs
// the sentence's final punctuation. A limit pair with max 0 is off; the defaults are all off.
struct CommaClauseOptions {
  int min = 0, max = 0;    // internal clause ", ... ,"
  int bmin = 0, bmax = 0;  // initial clause "... ,"
  int emin = 0, emax = 0;  // terminal clause ", ... ." (up to the sentence's final punctuation)
  bool any() const { return max > 0 || bmax > 0 || emax > 0; }
};
std::string DropCommaClauses(std::string_view text, const CommaClauseOptions& options);

}  // namespace dyad
