// Phrase and token normalisation shared by the dictionary compiler and the matcher, so that a
// dictionary phrase and the document's tokens are cut and folded the same way. Private to
// dyad_dict.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/dict/dictionary.h"

namespace dyad::dict_internal {

// Appends `s` case-folded to `out`: ASCII lower case, other letters through ICU case folding
// with accents dropped ("José" -> "jose"), typographic apostrophes as "'".
void AppendFolded(std::string_view s, std::string& out);
// True when AppendFolded would append `s` as it is: ASCII without capitals (most tokens and
// lemmas), so a caller can use `s` itself.
inline bool IsFolded(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80 || (c >= 'A' && c <= 'Z')) return false;
  }
  return true;
}
inline std::string Folded(std::string_view s) {
  std::string out;
  AppendFolded(s, out);
  return out;
}

// True when `word` has at least two letters and no lower-case letter ("UN", "U.N.", "NATO").
bool IsAllCaps(std::string_view word);

// How one word of a phrase is compared with a token.
enum class WordMatch : uint8_t {
  kFolded = 0,  // case-insensitive
  kExact = 1,   // as written (all-capital names)
  kStem = 2,    // case-insensitive prefix of the token (TABARI stems)
};

struct PhraseWord {
  std::string text;  // folded, or as written for kExact
  WordMatch match = WordMatch::kFolded;
  // TABARI: the word follows a blank in the phrase, so other words may come between it and the
  // word before ("PRINCE DOL_AMROTH" matches "Prince of Dol Amroth"; "_" keeps words together).
  bool gap_before = false;
};

// The token sequences a phrase string matches: one, or two when a word holds a hyphen (split
// into its parts, and whole). Punctuation is cut off as the segmenter does ("(AAIA)" ->
// "(", "AAIA", ")"), and so are clitics ("Russia's" -> "Russia", "'s"). Empty when the phrase
// has no words. `regular_plural` adds the last word's regular plural (PETRARCH's rule: +S, Y ->
// IES, SS -> SSES); kTabari adds the last word with an "S" ending.
std::vector<std::vector<PhraseWord>> PhraseVariants(std::string_view phrase, PhraseStyle style,
                                                    bool regular_plural);

// The regular plural of an English noun as PETRARCH forms it ("ministry" -> "ministries").
std::string RegularPlural(std::string_view word);

}  // namespace dyad::dict_internal
