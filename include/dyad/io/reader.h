// Readers: stream Documents out of the input formats dyad accepts, in constant memory.
//
// Part of dyad_io, the pipeline's entry. Formats: plain text (a file is a document; a
// directory is many), JSON Lines, TABARI .text records, PETRARCH XML (<Sentence>/<Article>),
// and CoNLL-U (raw text rebuilt from "# text" lines). The format is detected from the file
// name and first bytes unless ReaderOptions::format says otherwise.
//
//   DYAD_ASSIGN_OR_RETURN(std::unique_ptr<Reader> r, OpenReader("news.jsonl", ReaderOptions{}));
//   while (std::optional<ReadRecord> rec = r->Next()) {
//     if (!rec->status.ok()) { report(rec->status); continue; }   // batch goes on
//     Process(rec->doc);
//   }
//
// Every record comes out valid UTF-8: invalid bytes become U+FFFD and NUL bytes spaces, each
// counted in a warning on the document. A record that cannot be a document (malformed JSON, no
// text, empty text, over max_document_bytes) comes out with a non-ok status whose message
// names the file and line or record id.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dyad/core/document.h"
#include "dyad/core/status.h"

namespace dyad {

enum class InputFormat { kAuto, kText, kJsonl, kTabari, kPetrarchXml, kConllu };

// "auto", "text", "jsonl", "tabari", "petrarch", "conllu".
StatusOr<InputFormat> ParseInputFormat(std::string_view name);
const char* InputFormatName(InputFormat format);

// JSON Lines field names. Each is a list of candidates tried in order.
struct JsonFields {
  std::vector<std::string> id = {"id", "doc_id", "newid", "guid"};
  std::vector<std::string> date = {"date", "publication_date", "published", "pubdate", "date_publish"};
  std::vector<std::string> source = {"source", "publisher", "agency"};
  std::vector<std::string> url = {"url", "link"};
  std::vector<std::string> title = {"title", "headline"};
  std::vector<std::string> text = {"text", "body", "content", "article"};
  std::vector<std::string> dateline = {"dateline"};
};

struct ReaderOptions {
  InputFormat format = InputFormat::kAuto;
  JsonFields json;
  // Records whose text is larger are rejected with an error (bounds memory and the cost of
  // later stages). Default 16 MiB; a news story is rarely over 100 KB.
  size_t max_document_bytes = 16u << 20;
  // Documents with more text are cut to at most this many bytes, at the last whitespace before
  // the bound (else at a character boundary), with a warning on the document saying how much
  // was cut; the rest is not analysed. Bounds the cost of a document. 0 = no cut (default;
  // the CLI's --max-document-bytes defaults to 2 MiB).
  size_t truncate_document_bytes = 0;
};

// One record: a document, or the reason there is none. `doc.meta.origin` ("file:line") and,
// when known, `doc.meta.id` are set in both cases.
struct ReadRecord {
  Document doc;
  Status status;
};

class Reader {
 public:
  virtual ~Reader() = default;
  // The next record, or nullopt at the end of the input.
  virtual std::optional<ReadRecord> Next() = 0;
  // Things passed over that are not records (files of other kinds in a directory), for the
  // run report. Complete once Next() has returned nullopt.
  virtual std::vector<std::string> Notes() const { return {}; }
};

// Opens a file, a directory (the files below it with a document extension — .txt .text
// .jsonl .json .ndjson .xml .conllu — or none, sorted by path, each with its own detected
// format; others are listed in Notes()) or "-" for standard input. Fails only when the path cannot be opened.
StatusOr<std::unique_ptr<Reader>> OpenReader(const std::string& path, const ReaderOptions& options);

// The records of several paths (files, directories, "-"), one path after another. A path that
// cannot be opened comes out as one record with its error; the following paths are still read.
std::unique_ptr<Reader> OpenReaders(std::vector<std::string> paths, const ReaderOptions& options);

// Reads records from bytes in memory (a message from a queue, an HTTP request body); `name`
// stands for the file in messages and gives plain text its document id. The format is
// options.format, or detected from `name` and the first bytes.
std::unique_ptr<Reader> OpenStringReader(std::string data, const std::string& name,
                                         const ReaderOptions& options);

// Format of a file from its name and first bytes.
InputFormat DetectFormat(std::string_view path, std::string_view head);

// Replaces invalid UTF-8 sequences with U+FFFD; returns how many were replaced.
size_t RepairUtf8(std::string& text);

}  // namespace dyad
