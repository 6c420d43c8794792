// Fuzz target: the tabari text reader (OpenStringReader with InputFormat::kTabari).
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  dyad::fuzz::ReadAll(dyad::fuzz::AsText(data, size), dyad::InputFormat::kTabari, "input.text");
  return 0;
}
