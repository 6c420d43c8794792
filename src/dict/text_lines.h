// Line-by-line reading helpers and the per-format readers behind ReadDictionaryText. Private
// to dyad_dict.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "dyad/core/text_file.h"
#include "dyad/dict/dictionary.h"

namespace dyad::dict_internal {

using dyad::TextLines;

inline std::string_view Trim(std::string_view s) { return TrimBlanks(s); }

// `s` up to the first `c` (the whole of `s` when there is none).
inline std::string_view Before(std::string_view s, char c) {
  size_t p = s.find(c);
  return p == std::string_view::npos ? s : s.substr(0, p);
}

// `s` in double quotes, for messages.
inline std::string Quote(std::string_view s) {
  std::string q;
  q.reserve(s.size() + 2);
  q += '"';
  q += s;
  q += '"';
  return q;
}

// The format readers; each adds `source`'s entries to `b` and warns about bad lines.
void ReadLegacyActors(std::string_view text, uint16_t source, PhraseStyle style,
                      DictionaryBuilder& b);
void ReadLegacyAgents(std::string_view text, uint16_t source, PhraseStyle style,
                      DictionaryBuilder& b);
void ReadPetrarchDiscards(std::string_view text, uint16_t source, DictionaryBuilder& b);
void ReadPetrarchIssues(std::string_view text, uint16_t source, DictionaryBuilder& b);
void ReadTabariOptions(std::string_view text, uint16_t source, DictionaryBuilder& b);
void ReadDyad(std::string_view text, uint16_t source, DictionaryBuilder& b);

}  // namespace dyad::dict_internal
