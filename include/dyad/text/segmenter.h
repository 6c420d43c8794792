// Segmenter: splits a document's body into paragraphs, sentences and tokens (UD English /
// Penn Treebank conventions) without touching the text.
//
// Part of dyad_text; runs after the Dateliner (which sets Document::body_begin) and before
// the tagger. Fills Document::sentences and Document::tokens with byte-offset spans.
//
//   auto seg = Segmenter::Load(SegmenterOptions{}).value();
//   auto ws = seg->NewWorkspace();
//   Document doc; doc.text = "Mr. Kerry didn't go. He stayed.";
//   DYAD_RETURN_IF_ERROR(seg->Process(doc, *ws));   // 2 sentences; "did" "n't" joined
//
// Conventions: clitics split off and chained as one surface word (do|n't, Russia|'s); hyphens
// between letters split unless the first part is a listed prefix (pre-war); numbers, times,
// dates, URLs, e-mail addresses and letter-dot abbreviations (U.S.) stay whole; runs of
// sentence punctuation (?!, ...) are one token. Lexicon: data/dict/segment.txt, compiled in.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "dyad/core/stage.h"

namespace dyad {

struct SegmenterOptions {
  // How a single line break inside the body is read.
  enum class LineBreaks {
    kAuto,       // paragraph break unless the document is hard-wrapped (all lines short)
    kParagraph,  // every line break ends a paragraph (one paragraph per line)
    kSpace,      // only blank lines and indented lines end a paragraph
  };
  LineBreaks line_breaks = LineBreaks::kAuto;
  // kAuto: a body whose lines are all at most this many bytes is treated as hard-wrapped.
  uint32_t wrapped_line_max_bytes = 100;
  // A sentence never exceeds this many tokens; longer runs (tables, lists without
  // punctuation, garbage) are cut into pieces of this size, each analysed as a sentence, and the
  // document gets a warning counting the cuts. Bounds the cost of later stages (the CLI's
  // --max-sentence-tokens). Default 250.
  uint32_t max_sentence_tokens = 250;
};

class Segmenter final : public Stage {
 public:
  static StatusOr<std::shared_ptr<const Segmenter>> Load(const SegmenterOptions& options);

  std::string_view name() const override { return "segment"; }
  std::unique_ptr<Workspace> NewWorkspace() const override;
  // Replaces doc.sentences and doc.tokens with those of doc.text[body_begin, end).
  Status Process(Document& doc, Workspace& workspace) const override;

  class Impl;
  ~Segmenter() override;

 private:
  explicit Segmenter(std::unique_ptr<const Impl> impl);
  std::unique_ptr<const Impl> impl_;
};

}  // namespace dyad
