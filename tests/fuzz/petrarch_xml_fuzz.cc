// Fuzz target: the petrarch xml reader (OpenStringReader with InputFormat::kPetrarchXml).
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  dyad::fuzz::ReadAll(dyad::fuzz::AsText(data, size), dyad::InputFormat::kPetrarchXml, "input.xml");
  return 0;
}
