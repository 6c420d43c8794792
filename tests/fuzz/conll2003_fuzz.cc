// Fuzz target: the CoNLL-2003 reader (ReadConll2003) and IobEntities over what it read.
#include "dyad/io/conll2003.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  dyad::fuzz::MemFile file(dyad::fuzz::AsText(data, size));
  std::vector<std::string> warnings;
  auto docs = dyad::ReadConll2003(file.path(), &warnings);
  if (!docs.ok()) return 0;
  for (const auto& doc : *docs) {
    for (const auto& s : doc.sentences) {
      DYAD_FUZZ_ASSERT(s.words.size() == s.tags.size());
      for (const auto& span : dyad::IobEntities(s.tags)) {
        DYAD_FUZZ_ASSERT(span.begin < span.end && span.end <= s.tags.size());
      }
    }
  }
  return 0;
}
