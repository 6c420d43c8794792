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

// The dictionaries BuildGkg must match for the themes of documents coded by `stages`: none when
// an event coder with the actor coder's dictionaries is among them (its doc.issues layer holds
// them), else the actor coder's dictionaries (none without an actor coder).
const Dictionary* GkgThemeDictionary(const std::vector<std::shared_ptr<const Stage>>& stages);

// The coding options every verb that codes news shares (code, ingest, worker, serve).
struct CodingFlags {
  std::string dictionaries;  // empty: dyad's own, compiled in
  bool all_events = false;   // one-a-story filter off
  bool null_actors = false;  // keep events without a source or target
  std::string gazetteer;     // event places; empty: the build's index or $DYAD_GAZETTEER
  bool ner = false;          // also run the NER (persons and organisations of the GKG view)
};
void AddCodingFlags(CLI::App& app, CodingFlags& flags);
// For the verbs that keep what they code (ingest, worker, serve): the NER on by default, so every
// writer of a store fills its knowledge-graph views alike, and `--no-ner` to skip it.
void AddStoreNerFlag(CLI::App& app, CodingFlags& flags);

// Everything `dyad code` runs, in order: dateline and segmentation, tagger and parser, the actor
// coder (with coding.ner, the NER before it), the event coder and the place coder (places and tone;
// without a gazetteer one warning and no places). Dictionary warnings go to stderr, prefixed with
// `verb`.
StatusOr<std::vector<std::shared_ptr<const Stage>>> MakeEventPipelineStages(
    const InputFlags& in, const ModelFlags& models, const CodingFlags& coding, const char* verb);

}  // namespace dyad::cli
