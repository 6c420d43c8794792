// Writers: format a processed Document for output (segment/tag/parse verbs).
//
// Part of dyad_io. A writer only formats into a string, so workers can format in parallel
// and the pipeline writes the strings in input order.
//
//   DYAD_ASSIGN_OR_RETURN(auto w, NewWriter("conllu"));
//   std::string out;
//   w->Append(doc, out);       // "# newdoc id = ...\n# sent_id = ...\n1\tUS\t..."
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "dyad/core/document.h"
#include "dyad/core/status.h"

namespace dyad {

class DocumentWriter {
 public:
  virtual ~DocumentWriter() = default;
  virtual void Append(const Document& doc, std::string& out) const = 0;
};

// "jsonl": one object per sentence {doc_id, sentence, paragraph, date, begin, end, text,
//          tokens: [[begin, end, "form"], ...]} (offsets are bytes into the document);
// "conllu": CoNLL-U with # newdoc/# newpar/# sent_id/# text, multiword ranges and SpaceAfter;
// "text":  one sentence per line, tokens separated by spaces, a blank line between documents.
StatusOr<std::unique_ptr<DocumentWriter>> NewWriter(std::string_view format);

// Appends the document as one JSON Lines input record {"id","date","source","url","title","text"}
// and a newline; the JSONL reader reads it back as the same document (metadata and text).
void AppendDocumentRecord(const Document& doc, std::string& out);

// Appends `s` as a JSON string literal (quotes included).
void AppendJsonString(std::string& out, std::string_view s);

}  // namespace dyad
