// Fuzz target: the tokenizer and sentence segmenter (each line-break mode, short sentence caps)
// and the segment writers (jsonl, conllu, text) over the result.
#include "dyad/io/writer.h"
#include "dyad/text/segmenter.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  using LB = dyad::SegmenterOptions::LineBreaks;
  static const std::shared_ptr<const dyad::Segmenter> kSegmenters[] = {
      *dyad::Segmenter::Load({.line_breaks = LB::kAuto}),
      *dyad::Segmenter::Load({.line_breaks = LB::kParagraph}),
      *dyad::Segmenter::Load({.line_breaks = LB::kSpace, .max_sentence_tokens = 3}),
  };
  static const auto kWriters = [] {
    std::vector<std::unique_ptr<dyad::DocumentWriter>> w;
    for (const char* f : {"jsonl", "conllu", "text"}) {
      auto writer = dyad::NewWriter(f);
      w.push_back(std::move(*writer));
    }
    return w;
  }();
  const auto& segmenter = kSegmenters[data[0] % 3];
  dyad::Document doc;
  doc.text = std::string(dyad::fuzz::AsText(data + 1, size - 1));
  dyad::RepairUtf8(doc.text);
  for (char& c : doc.text) {
    if (c == '\0') c = ' ';
  }
  doc.meta.id = "fuzz";
  auto ws = segmenter->NewWorkspace();
  if (!segmenter->Process(doc, *ws).ok()) return 0;
  dyad::fuzz::CheckSegmentation(doc);
  std::string out;
  for (const auto& w : kWriters) w->Append(doc, out);
  return 0;
}
