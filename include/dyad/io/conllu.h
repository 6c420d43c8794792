// CoNLL-U: reading gold-standard treebank files and rebuilding their raw text.
//
// Part of dyad_io. Used by the CoNLL-U reader (raw text for the pipeline) and by `dyad eval`
// (gold spans). Sentences of one paragraph are joined by a space, paragraphs and documents by
// a blank line; the spans of gold tokens (multiword ranges count as one surface token), words
// and sentences are byte offsets into the rebuilt text.
//
//   ConlluDocumentReader r(stream, "en_ewt-ud-test.conllu");
//   while (auto doc = r.Next()) { ... doc->text, doc->sentences[i].span ... }
#pragma once

#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "dyad/core/document.h"
#include "dyad/core/status.h"

namespace dyad {

struct ConlluWord {
  Span span;
  std::string form, lemma, upos, xpos, feats, deprel, deps, misc;
  int head = -1;  // 0 = root; -1 = unknown
};

struct ConlluSentence {
  std::string sent_id;
  Span span;
  std::vector<Span> tokens;       // surface tokens (a multiword token is one)
  std::vector<ConlluWord> words;  // syntactic words
  bool new_paragraph = false;
  bool new_document = false;
  size_t line = 0;  // line of the first comment or word
};

struct ConlluDocument {
  std::string id;
  std::string text;
  std::vector<ConlluSentence> sentences;
  std::vector<std::string> warnings;  // "file:line: ..." (e.g. form not found in # text)
  size_t line = 0;
};

// Streams documents (split at "# newdoc"; a file without them is one document per
// `max_sentences_per_doc` sentences). Malformed lines are reported in warnings and skipped.
class ConlluDocumentReader {
 public:
  using LineFn = std::function<bool(std::string&)>;  // next line without '\n'; false at end
  ConlluDocumentReader(std::istream& in, std::string name, size_t max_sentences_per_doc = 1000);
  ConlluDocumentReader(LineFn next_line, std::string name, size_t max_sentences_per_doc = 1000);
  std::optional<ConlluDocument> Next();

 private:
  bool ReadSentence(ConlluSentence* s, std::string* text_line, std::vector<std::string>* warnings);
  void Append(ConlluDocument& doc, ConlluSentence s, const std::string& text_line);

  LineFn next_line_;
  std::string name_;
  size_t max_sentences_;
  size_t line_no_ = 0;
  std::optional<ConlluSentence> pending_;
  std::string pending_text_;
  std::vector<std::string> pending_warnings_;
  std::string pending_doc_id_;
  size_t doc_counter_ = 0;
};

}  // namespace dyad

namespace dyad {
// Every sentence of a CoNLL-U file (for trainers and evaluation). Warnings from malformed lines
// are appended to `warnings` when it is given.
StatusOr<std::vector<ConlluSentence>> ReadConlluSentences(const std::string& path,
                                                          std::vector<std::string>* warnings =
                                                              nullptr);
}  // namespace dyad
