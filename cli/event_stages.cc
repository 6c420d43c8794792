#include "event_stages.h"

#include <fmt/format.h>

#include "dyad/dict/readers.h"

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

}  // namespace dyad::cli
