// Fuzz target: the jsonl reader (OpenStringReader with InputFormat::kJsonl).
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  dyad::fuzz::ReadAll(dyad::fuzz::AsText(data, size), dyad::InputFormat::kJsonl, "input.jsonl");
  return 0;
}
