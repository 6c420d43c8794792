// Where tests find ../shared (the peers' dictionaries, corpora, the seed story): DYAD_SHARED in
// the environment, else the folder configured as DYAD_SHARED. Tests that need it skip without it.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

namespace dyad::shared_data {

inline std::string SharedPath(const std::string& rel) {
  const char* env = std::getenv("DYAD_SHARED");
  return std::string(env ? env : DYAD_SHARED_DIR) + "/" + rel;
}

}  // namespace dyad::shared_data

#define DYAD_REQUIRE_SHARED(path) \
  if (!std::filesystem::exists(path)) GTEST_SKIP() << (path) << " not present"
