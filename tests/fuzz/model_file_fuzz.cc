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

namespace {

// A loaded stage must also run: weights, hash tables and pools are read at run time.
void Run(const dyad::Stage& stage) {
  static const dyad::Document kSentence = [] {
    dyad::Document d;
    d.text = "Kerry met Lavrov in Moscow on Tuesday .";
    dyad::ByteOffset b = 0;
    for (size_t i = 0; i <= d.text.size(); ++i) {
      if (i == d.text.size() || d.text[i] == ' ') {
        d.tokens.push_back({{b, static_cast<dyad::ByteOffset>(i)}, dyad::Token::kSpaceAfter});
        b = static_cast<dyad::ByteOffset>(i + 1);
      }
    }
    d.sentences.push_back({{0, static_cast<dyad::ByteOffset>(d.text.size())}, 0,
                           static_cast<dyad::TokenIndex>(d.tokens.size()), 0});
    d.words.resize(d.tokens.size());
    return d;
  }();
  dyad::Document doc = kSentence;
  auto ws = stage.NewWorkspace();
  (void)stage.Process(doc, *ws);
  for (const auto& w : doc.words) {
    DYAD_FUZZ_ASSERT(w.head == dyad::kNoHead || w.head < doc.tokens.size());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(dyad::fuzz::AsText(data, size));
  constexpr size_t kHeader = 64, kChecksumAt = 24, kSizeAt = 32, kKindAt = 40;
  std::string kind;
  if (bytes.size() >= kHeader && (data[size - 1] & 1) == 0) {
    const uint64_t file_size = bytes.size();
    std::memcpy(bytes.data() + kSizeAt, &file_size, 8);
    const uint64_t checksum = XXH3_64bits(bytes.data() + kHeader, bytes.size() - kHeader);
    std::memcpy(bytes.data() + kChecksumAt, &checksum, 8);
  }
  if (bytes.size() >= kHeader) kind.assign(bytes.data() + kKindAt, strnlen(bytes.data() + kKindAt, 16));
  dyad::fuzz::MemFile file(bytes);
  if (kind == "tagger") {
    if (auto t = dyad::Tagger::Load(file.path()); t.ok()) Run(**t);
  } else if (kind == "parser") {
    if (auto p = dyad::Parser::Load(file.path()); p.ok()) Run(**p);
  } else if (kind == "ner") {
    if (auto n = dyad::EntityRecognizer::Load(file.path()); n.ok()) Run(**n);
  } else {
    auto f = dyad::learn::ModelFile::Open(file.path(), kind);
    if (f.ok()) (void)(*f)->Section("weights");
  }
  return 0;
}
