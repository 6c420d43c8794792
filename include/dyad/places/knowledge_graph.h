// Knowledge-graph view of a story (GDELT GKG-like): the people, organisations and places it
// names, the counts it reports ("three people were killed and 260 injured"), its themes and
// its tone.
//
// Part of dyad_places. Reads the layers the earlier stages left: entities (dyad_ner), places
// and tone (PlaceCoder), words (tags and parse), issues (EventCoder); themes are the issue codes
// of the actor dictionaries (PETRARCH's issues file; dyad's own dictionaries have none).
//
//   GkgRecord g = BuildGkg(doc);                    // after the event coder
//   GkgRecord g = BuildGkg(doc, dictionary.get());  // without it: match the issue phrases
//   for (const GkgCount& c : g.counts) std::cout << c.type << " " << c.number << "\n";
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "dyad/core/document.h"

namespace dyad {

class Dictionary;

struct GkgName {
  std::string name;
  uint32_t count = 0;    // mentions in the story
  ByteOffset first = 0;  // byte offset of the first mention
};

struct GkgLocation {
  GeoPlace place;  // evidence: the first mention
  uint32_t count = 0;
};

// A reported count: `number` `object` (people, soldiers, ...) `type`.
struct GkgCount {
  std::string type;  // "KILL", "WOUND", "ARREST" (GDELT's count types)
  int64_t number = 0;
  std::string object;  // the counted noun's lemma ("people"); "" when the number stands alone
  Span evidence;       // from the number to the verb, or the verb to the number
};

struct GkgRecord {
  std::vector<GkgName> persons, organizations;
  std::vector<GkgLocation> locations;
  std::vector<GkgCount> counts;
  std::vector<std::string> themes;  // issue codes, first seen first
  Tone tone;
};

// Themes are the codes of doc.issues (the event coder's layer), first seen first. When `issues`
// is not null, its issue phrases are matched over the sentences instead, for a document the
// event coder did not code (`dyad gkg`); the two give the same themes with the same dictionary.
GkgRecord BuildGkg(const Document& doc, const Dictionary* issues = nullptr);

// "three" -> 3, "1,500" -> 1500, "260" -> 260, "twenty-five" -> 25; -1 when not a number.
int64_t ParseCount(std::string_view text);

}  // namespace dyad
