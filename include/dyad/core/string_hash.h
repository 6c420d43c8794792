// Hash containers keyed by std::string that are queried with a std::string_view without
// building a string: the hash and the equality are transparent (C++20 heterogeneous look-up).
// Core, used by every stage that keeps a word table.
//
//   dyad::StringMap<uint32_t> ids;
//   ids.emplace("visit", 7);
//   auto it = ids.find(std::string_view(token));  // no allocation
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace dyad {

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;
template <typename V>
using StringMultimap = std::unordered_multimap<std::string, V, StringHash, std::equal_to<>>;

}  // namespace dyad
