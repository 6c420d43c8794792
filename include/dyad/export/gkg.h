// GDELT Global Knowledge Graph 2.1 rows from dyad_places' knowledge-graph view of a story.
//
// Part of dyad_export (after dyad_places). `dyad gkg --format gdelt-gkg` writes one row per
// document: the 27 tab-separated columns of "The GDELT Global Knowledge Graph (GKG) Data Format
// Codebook V2.1" (2015-02-19), no header. dyad fills what it knows — date, source, document id,
// counts, themes, locations, persons, organisations, tone, all names, amounts, the page title —
// and leaves the image, video, quotation, translation and GCAM emotion columns empty (GCAM
// holds only the word count, "wc:N").
//
//   GkgRecord g = BuildGkg(doc, issues);
//   std::string out;
//   AppendGdeltGkgRow(doc, g, {}, out);
#pragma once

#include <string>

#include "dyad/core/document.h"
#include "dyad/export/export.h"
#include "dyad/places/knowledge_graph.h"

namespace dyad {

// Columns of a GKG 2.1 row.
inline constexpr size_t kGdeltGkgColumns = 27;

// Appends one GKG 2.1 line for `doc`. GKGRECORDID is "V2.1DATE-<document id>" (stable; GDELT
// numbers its records within a 15-minute file instead); V2.1DATE is options.date_added, else the
// publication date at 000000. Offsets are byte offsets into the story (the codebook counts
// characters; the same for ASCII text).
void AppendGdeltGkgRow(const Document& doc, const GkgRecord& gkg, const RecordOptions& options,
                       std::string& out);

}  // namespace dyad
