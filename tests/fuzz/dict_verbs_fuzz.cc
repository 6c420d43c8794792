// Fuzz target: the verb dictionary readers (dyad's own, PETRARCH-2, TABARI), the PICO negation
// list and the CAMEO code table. The first byte picks the format.
#include "dyad/events/verb_dictionary.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view text = dyad::fuzz::AsText(data + 1, size - 1);
  switch (data[0] % 5) {
    case 0:
    case 1:
    case 2: {
      constexpr dyad::VerbFormat kFormats[] = {dyad::VerbFormat::kDyad, dyad::VerbFormat::kPetrarch,
                                               dyad::VerbFormat::kTabari};
      dyad::VerbDictionaryBuilder builder;
      dyad::ReadVerbText(text, "fuzz.verbs", kFormats[data[0] % 5], builder);
      auto verbs = std::move(builder).Compile();
      for (const char* w : {"visit", "visited", "attack", "say", "meet"}) {
        for (const dyad::VerbEntry* e : verbs->Lookup(w, w)) {
          DYAD_FUZZ_ASSERT(e->block < verbs->block_count());
          (void)verbs->Origin(e->source, e->line);
        }
      }
      break;
    }
    case 3: (void)dyad::ReadPicoNegations(text); break;
    case 4: {
      dyad::CameoTable t = dyad::CameoTable::Read(text, "fuzz.cameo");
      (void)t.Find("042");
      break;
    }
  }
  return 0;
}
