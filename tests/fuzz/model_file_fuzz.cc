// Fuzz target: loading model files (ModelFile::Open and the tagger, parser and NER loaders over
// its sections). The input is a model file; its header's size and checksum are fixed up first
// so that the fuzzer reaches the section table and the sections' contents (a corrupted file
// with a stale checksum is refused before that, and the regression tests cover that path).
#include <xxhash.h>

#include <cstring>

#include "dyad/learn/model_file.h"
#include "dyad/ner/entity_recognizer.h"
#include "dyad/parse/parser.h"
#include "dyad/tag/tagger.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(dyad::fuzz::AsText(data, size));
  constexpr size_t kHeader = 64, kChecksumAt = 24, kSizeAt = 32, kKindAt = 40;
  std::string kind;
  if (bytes.size() >= kHeader && !bytes.empty() && (data[size - 1] & 1) == 0) {
    const uint64_t file_size = bytes.size();
    std::memcpy(bytes.data() + kSizeAt, &file_size, 8);
    const uint64_t checksum = XXH3_64bits(bytes.data() + kHeader, bytes.size() - kHeader);
    std::memcpy(bytes.data() + kChecksumAt, &checksum, 8);
  }
  if (bytes.size() >= kHeader) kind.assign(bytes.data() + kKindAt, strnlen(bytes.data() + kKindAt, 16));
  dyad::fuzz::MemFile file(bytes);
  if (kind == "tagger") {
    (void)dyad::Tagger::Load(file.path());
  } else if (kind == "parser") {
    (void)dyad::Parser::Load(file.path());
  } else if (kind == "ner") {
    (void)dyad::EntityRecognizer::Load(file.path());
  } else {
    auto f = dyad::learn::ModelFile::Open(file.path(), kind);
    if (f.ok()) (void)(*f)->Section("weights");
  }
  return 0;
}
