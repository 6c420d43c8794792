// Fuzz target: the text reader (OpenStringReader with InputFormat::kText).
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  dyad::fuzz::ReadAll(dyad::fuzz::AsText(data, size), dyad::InputFormat::kText, "input.txt");
  return 0;
}
