#include "event_stages.h"

#include <fmt/format.h>

#include "dyad/dict/readers.h"
#include "place_stage.h"

namespace dyad::cli {

StatusOr<EventDictionaries> LoadEventDictionaries(const std::string& path, const char* verb) {
  EventDictionaries d;
  auto actors = path.empty() ? LoadDefaultDictionaries() : LoadDictionaries(path);
  if (!actors.ok()) return actors.status();
  auto verbs = path.empty() ? LoadDefaultVerbDictionaries() : LoadVerbDictionaries(path);
  if (!verbs.ok()) return verbs.status();
  d.actors = *actors;
  d.verbs = *verbs;
  std::vector<std::string> warnings = d.actors->warnings();
  warnings.insert(warnings.end(), d.verbs->warnings().begin(), d.verbs->warnings().end());
  for (size_t i = 0; i < warnings.size() && i < 10; ++i)
    fmt::print(stderr, "dyad {}: warning: {}\n", verb, warnings[i]);
  if (warnings.size() > 10)
    fmt::print(stderr, "dyad {}: … and {} more dictionary warnings\n", verb, warnings.size() - 10);
  fmt::print(stderr, "dyad {}: dictionaries {}: {} actors, {} verbs, {} verb patterns\n", verb,
             path.empty() ? "(defaults)" : path, d.actors->Count(EntryKind::kActor),
             d.verbs->entry_count(), d.verbs->pattern_count());
  if (d.verbs->entry_count() == 0)
    fmt::print(stderr, "dyad {}: warning: no verb dictionary entries; no event can be coded\n",
               verb);
  return d;
}

StatusOr<CodingStages> MakeCodingStages(const EventDictionaries& dicts,
                                        const EventCoderOptions& base,
                                        const ActorCoderOptions& actor_base) {
  CodingStages s;
  ActorCoderOptions a = actor_base;
  a.dictionary = dicts.actors;
  DYAD_ASSIGN_OR_RETURN(s.actors, ActorCoder::Load(std::move(a)));
  EventCoderOptions o = base;
  o.verbs = dicts.verbs;
  o.dictionary = dicts.actors;
  DYAD_ASSIGN_OR_RETURN(s.events, EventCoder::Load(std::move(o)));
  return s;
}

void AddCodingFlags(CLI::App& app, CodingFlags& f) {
  app.add_option("--dictionaries", f.dictionaries,
                 "actors and verbs: a directory, a PETR_config.ini or a TABARI .project "
                 "(default: dyad's own, compiled in)");
  app.add_flag("--all-events", f.all_events,
               "keep repeated (source, target, code) events of a story (one-a-story filter off)");
  app.add_flag("--no-require-dyad", f.null_actors, "keep events without a source or target");
  app.add_option("--gazetteer", f.gazetteer,
                 "gazetteer index for event places (default: the build's, or $DYAD_GAZETTEER)");
}

void AddStoreNerFlag(CLI::App& app, CodingFlags& f) {
  f.ner = true;
  app.add_flag_callback("--no-ner", [&f] { f.ner = false; },
               "skip the NER: the stored knowledge-graph views get no persons or organisations "
               "(the NER takes about a fifth of the coding time)");
}

StatusOr<std::vector<std::shared_ptr<const Stage>>> MakeEventPipelineStages(
    const InputFlags& in, const ModelFlags& models, const CodingFlags& coding, const char* verb) {
  DYAD_ASSIGN_OR_RETURN(EventDictionaries dicts, LoadEventDictionaries(coding.dictionaries, verb));
  DYAD_ASSIGN_OR_RETURN(CodingStages coders,
                        MakeCodingStages(dicts, {.require_dyad = !coding.null_actors,
                                                 .one_a_story = !coding.all_events}));
  DYAD_ASSIGN_OR_RETURN(auto stages, MakeTextStages(in));
  DYAD_RETURN_IF_ERROR(
      AddAnalysisStages(models, coding.ner ? Analysis::kAll : Analysis::kParse, stages));
  stages.push_back(coders.actors);
  stages.push_back(coders.events);
  AddPlaceStage(coding.gazetteer, verb, stages);
  return stages;
}

const Dictionary* GkgThemeDictionary(const std::vector<std::shared_ptr<const Stage>>& stages) {
  const Dictionary* actors = nullptr;
  const Dictionary* events = nullptr;
  for (const auto& s : stages) {
    if (const auto* a = dynamic_cast<const ActorCoder*>(s.get())) actors = &a->dictionary();
    if (const auto* e = dynamic_cast<const EventCoder*>(s.get()))
      events = e->options().dictionary.get();
  }
  return actors == events ? nullptr : actors;
}

}  // namespace dyad::cli
