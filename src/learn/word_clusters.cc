#include "dyad/learn/word_clusters.h"

#include <algorithm>

#include "dyad/learn/feature_hash.h"
#include "dyad/learn/model_file.h"

namespace dyad::learn {

StatusOr<WordClusters> WordClusters::FromBytes(std::string_view bytes) {
  WordClusters wc;
  DYAD_ASSIGN_OR_RETURN(wc.index_, HashIndex::FromBytes(bytes));
  return wc;
}

StatusOr<std::string> WordClusters::ReadFile(const std::string& path) {
  DYAD_ASSIGN_OR_RETURN(auto file, ModelFile::Open(path, "clusters"));
  DYAD_ASSIGN_OR_RETURN(std::string_view bytes, file->Section("clusters"));
  return std::string(bytes);
}

std::string WordClusters::Serialize(const std::vector<std::pair<std::string, std::string>>& paths) {
  std::vector<std::pair<uint64_t, uint32_t>> entries;
  for (const auto& [word, path] : paths) {
    if (path.empty()) continue;
    uint32_t len = static_cast<uint32_t>(std::min<size_t>(path.size(), 255));
    uint32_t bits = 0;
    for (size_t i = 0; i < path.size() && i < 24; ++i) bits = bits << 1 | (path[i] == '1');
    entries.emplace_back(HashText(AsciiLower(word)), len << 24 | bits);
  }
  return HashIndex::Serialize(entries);
}

}  // namespace dyad::learn
