// Building the parser's per-word inputs (private to dyad_parse; shared with the trainer).
#pragma once

#include <string_view>
#include <vector>

#include "dyad/core/document.h"
#include "dyad/learn/word_clusters.h"
#include "transition.h"

namespace dyad::parse_internal {

// n words plus the root entry at index n.
void MakeParseWords(const std::string_view* texts, const WordAnalysis* tags, size_t n,
                    const learn::WordClusters& clusters, std::vector<ParseWord>& out);

}  // namespace dyad::parse_internal
