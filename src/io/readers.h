// Per-format readers behind OpenReader. Private to dyad_io.
#pragma once

#include <memory>

#include "dyad/io/reader.h"
#include "line_source.h"

namespace dyad::io_internal {

std::unique_ptr<Reader> NewJsonlReader(std::unique_ptr<LineSource> in, const ReaderOptions& o);
std::unique_ptr<Reader> NewTabariReader(std::unique_ptr<LineSource> in, const ReaderOptions& o);
std::unique_ptr<Reader> NewPetrarchXmlReader(std::unique_ptr<LineSource> in, const ReaderOptions& o);
std::unique_ptr<Reader> NewConlluReader(std::unique_ptr<LineSource> in, const ReaderOptions& o);
// The whole input is one document; `id` names it.
std::unique_ptr<Reader> NewTextReader(std::unique_ptr<LineSource> in, std::string id,
                                      const ReaderOptions& o);

// Where to cut `text` to keep at most `max_bytes`: after the last whitespace in the final 4 KiB
// before the bound, else at the last UTF-8 character boundary. text.size() when it fits.
size_t TruncationPoint(std::string_view text, size_t max_bytes);
// Sets meta.date from a metadata string; an unparsable or impossible date becomes a warning
// on the document (the Dateliner then falls back to the dateline or --date).
void SetMetadataDate(Document& doc, std::string_view value);

}  // namespace dyad::io_internal
