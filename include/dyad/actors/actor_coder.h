// ActorCoder: finds the political actors of a story and gives each a CAMEO actor code.
//
// Part of dyad_actors; runs after dyad_text (and after the tagger and parser when they are in the
// pipeline: it uses Document::words for lemmas, plural tags and subjects when the layer is there,
// and works without it). Fills Document::actors, in text order.
//
//   auto dict = LoadDefaultDictionaries().value();          // or LoadDictionaries(path)
//   auto coder = ActorCoder::Load({.dictionary = dict}).value();
//   auto ws = coder->NewWorkspace();
//   DYAD_RETURN_IF_ERROR(coder->Process(doc, *ws));           // doc segmented, doc.meta.date set
//   for (const ActorMention& m : doc.actors) std::cout << m.code << " " << m.how << "\n";
//
// What codes a mention, in order:
//   1. dictionary entries, their dated roles chosen by doc.meta.date ("John Kerry" -> USAGOV in
//      2013, USAGOVLEG in 2010);
//   2. context: a country or seat next to an agent ("Syrian rebels" -> SYRREB, "the Damascus
//      regime" -> SYRGOV, "president of Russia"), a title before a name the dictionary lacks ("US
//      Secretary of State X" -> USAGOV), agents shared by coordinated countries ("US and Russian
//      officials" -> USAGOV, RUSGOV), an agent alone ("police" -> ---COP);
//   3. document-level coreference: a later surname takes its full mention's code ("Kerry"); a
//      definite bare title ("the top US diplomat") takes the most recent compatible person's; a
//      pronoun (he, she, it, they, his, their …) takes a compatible antecedent earlier in the
//      sentence — the clause's subject when the parse is there — else the previous sentence's
//      subject, with gender and number agreement where known.
// Thread safety: immutable after Load; one Workspace per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "dyad/core/stage.h"
#include "dyad/dict/dictionary.h"

namespace dyad {

struct ActorCoderOptions {
  // The compiled dictionaries; required. Shared, never copied.
  std::shared_ptr<const Dictionary> dictionary;
  // Rules of step 2 (agents attached to countries, title + name, compounds). Default on.
  bool context_rules = true;
  // Step 3 (surnames, bare titles, pronouns). Default on.
  bool coreference = true;
  // Within step 3, possessive pronouns ("its embassy", "their ties") take their antecedent's
  // code; false leaves them uncoded, as PETRARCH-2 does. Subject and object pronouns ("it would
  // act") are resolved either way. Default on.
  bool pronouns = true;
  // TABARI's simple pronoun rules instead of the parse-based resolver (for TABARI's suites):
  // HE, SHE, IT take the sentence's first actor (else the previous sentence's); ITS, HIS, HER the
  // nearest actor before the pronoun; THEY, THEM, THEIR the first compound's actors, else the
  // first actor. Possessives are resolved whatever `pronouns` says. A pronoun that opens a
  // sentence before any actor takes the previous sentence's first actor without its agent
  // (FORWARD, manual 8.4: "He" after "Fornost President X" is FOR). Default off.
  bool tabari_pronouns = false;
  // An agent with no country codes as ---ROLE ("police" -> ---COP); false drops it. Default on.
  bool standalone_agents = true;
  // A standalone agent right before a noun modifies it and is no actor ("police state",
  // "military force"); false codes it anyway, as PETRARCH and TABARI do ("the official news
  // agency" -> ---GOV). Default on.
  bool agent_modifiers = true;
  // Agents coordinated after a country's agent share its country ("Danish media and
  // government": DNKMED, DNKGOV), as the peers' suites expect; off by default, as in news the
  // later agent is often another side's ("US troops and insurgents"). Default off.
  bool shared_country = false;
  // TABARI's special codes on actors (manual 6.2, 6.4): a phrase coded "###" (discard, also on
  // the document's date: "ONODOHER [ONO <911226] [###]") or "+++" (complex) is kept as a
  // mention with that code, so that the event coder leaves its sentence uncoded; otherwise
  // such a phrase is no mention. For TABARI's suite; off by default.
  bool special_codes = false;
  // PETRARCH-2 and UniversalPetrarch keep discards in a list of their own, so "+++" and "###"
  // on an actor are codes like any other ("NASGUL [+++]" is the source "+++"; the event coder
  // needs EventCoderOptions::special_actor_codes off). Ignored with special_codes. For the
  // PETRARCH suites; off by default (such a phrase is no mention).
  bool plain_special_codes = false;
  // TABARI's agents (manual 5.4): an agent joins only the actor right before it ("former"
  // aside) or right after it or its IN / OF: "Dagolath's first Deputy Prime Minister" is DAG,
  // and "the ambassadors of Arnor, Osgiliath and Gondor" ARNGOV, OSG, GON. For TABARI's suite;
  // off by default (modifiers may stand between: "Russia's top officials" RUSGOV).
  bool adjacent_agents = false;
  // A name the dictionary lacks, after a title, is at most this many tokens. Default 5.
  uint32_t max_name_tokens = 5;
};

class ActorCoder final : public Stage {
 public:
  static StatusOr<std::shared_ptr<const ActorCoder>> Load(ActorCoderOptions options);

  std::string_view name() const override { return "actors"; }
  std::unique_ptr<Workspace> NewWorkspace() const override;
  // Replaces doc.actors with the mentions of doc's sentences.
  Status Process(Document& doc, Workspace& workspace) const override;
  const Dictionary& dictionary() const { return *options_.dictionary; }

 private:
  explicit ActorCoder(ActorCoderOptions options);
  ActorCoderOptions options_;
  bool has_titles_ = false;  // the dictionary lists titles apart from agents (dyad's format)
};

}  // namespace dyad
