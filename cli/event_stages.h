// Set-up shared by `dyad code`, `dyad validate` and `dyad explain`: the actor and verb
// dictionaries one --dictionaries path names, and the stages that code events.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "common.h"
#include "dyad/actors/actor_coder.h"
#include "dyad/dict/dictionary.h"
#include "dyad/events/event_coder.h"
#include "dyad/events/verb_dictionary.h"

namespace dyad::cli {

struct EventDictionaries {
  std::shared_ptr<const Dictionary> actors;
  std::shared_ptr<const VerbDictionary> verbs;
  // UniversalPetrarch's <PICOfile>: the code of each negated act (empty: negations not coded).
  std::unordered_map<std::string, std::string> negations;
};

// Actors and verbs from `path` (a directory, PETR_config.ini or TABARI .project), or dyad's
// compiled-in defaults when `path` is empty. Warnings go to stderr, prefixed with `verb`.
StatusOr<EventDictionaries> LoadEventDictionaries(const std::string& path, const char* verb);

// The actor coder and event coder over already-analysed documents.
struct CodingStages {
  std::shared_ptr<const ActorCoder> actors;
  std::shared_ptr<const EventCoder> events;
};
StatusOr<CodingStages> MakeCodingStages(const EventDictionaries& dicts,
                                        const EventCoderOptions& base,
                                        const ActorCoderOptions& actor_base = {});

}  // namespace dyad::cli
