#include "parse_words.h"

#include "dyad/learn/feature_hash.h"

namespace dyad::parse_internal {

void MakeParseWords(const std::string_view* texts, const WordAnalysis* tags, size_t n,
                    const learn::WordClusters& clusters, std::vector<ParseWord>& out) {
  out.resize(n + 1);
  char buffer[64];
  for (size_t i = 0; i < n; ++i) {
    std::string_view t = texts[i];
    size_t len = std::min(t.size(), sizeof buffer);
    for (size_t k = 0; k < len; ++k) {
      char c = t[k];
      buffer[k] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    out[i].word = learn::HashText(std::string_view(buffer, len));
    out[i].xpos = tags[i].xpos;
    out[i].upos = static_cast<uint32_t>(tags[i].upos);
    out[i].cluster = clusters.Find(out[i].word);
  }
  out[n] = ParseWord{learn::HashText("<root>"), 998, 998, clusters.empty() ? 0u : 1u};
}

}  // namespace dyad::parse_internal
