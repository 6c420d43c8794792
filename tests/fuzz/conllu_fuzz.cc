// Fuzz target: the conllu reader (OpenStringReader with InputFormat::kConllu).
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  dyad::fuzz::ReadAll(dyad::fuzz::AsText(data, size), dyad::InputFormat::kConllu, "input.conllu");
  return 0;
}
