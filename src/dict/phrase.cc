#include "phrase.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf8.h>

namespace dyad::dict_internal {
namespace {

void AppendUtf8(UChar32 c, std::string& out) {
  char buf[4];
  int32_t n = 0;
  UBool error = false;
  U8_APPEND(buf, n, 4, c, error);
  if (!error) out.append(buf, n);
}

// The base letter of an accented Latin letter ("é" -> 'e'), or 0. NFD puts the base first.
UChar32 BaseLetter(UChar32 c) {
  UErrorCode err = U_ZERO_ERROR;
  static const UNormalizer2* nfd = unorm2_getNFDInstance(&err);
  if (nfd == nullptr) return 0;
  UChar decomposed[8];
  err = U_ZERO_ERROR;
  int32_t n = unorm2_getDecomposition(nfd, c, decomposed, 8, &err);
  if (U_FAILURE(err) || n < 2 || decomposed[0] >= 0x80) return 0;
  return decomposed[0];
}

bool IsOpenPunct(char c) { return c == '(' || c == '[' || c == '{' || c == '"'; }
bool IsClosePunct(char c) {
  return c == ')' || c == ']' || c == '}' || c == '"' || c == ',' || c == ';' || c == ':' ||
         c == '!' || c == '?';
}

void AddWord(std::string_view raw, WordMatch match, std::vector<PhraseWord>& out) {
  PhraseWord w;
  w.match = match;
  if (match == WordMatch::kExact) {
    w.text = std::string(raw);
  } else {
    AppendFolded(raw, w.text);
  }
  out.push_back(std::move(w));
}

// A raw word cut into the tokens the segmenter would make, with hyphenated parts split
// (split = true) or kept whole.
void CutWord(std::string_view w, bool split, std::vector<std::string_view>& out) {
  std::vector<std::string_view> tail;
  while (!w.empty() && IsOpenPunct(w.front())) {
    out.push_back(w.substr(0, 1));
    w.remove_prefix(1);
  }
  while (!w.empty() && IsClosePunct(w.back())) {
    tail.push_back(w.substr(w.size() - 1));
    w.remove_suffix(1);
  }
  std::string_view clitic;
  if (w.size() > 2 && (w.ends_with("'s") || w.ends_with("'S"))) {
    clitic = w.substr(w.size() - 2);
    w.remove_suffix(2);
  } else if (w.size() > 4 && (w.ends_with("\xE2\x80\x99s") || w.ends_with("\xE2\x80\x99S"))) {
    clitic = w.substr(w.size() - 4);
    w.remove_suffix(4);
  } else if (w.size() > 2 && w.back() == '\'' &&
             (w[w.size() - 2] == 's' || w[w.size() - 2] == 'S')) {
    clitic = w.substr(w.size() - 1);
    w.remove_suffix(1);
  }
  if (split && w.find('-') != std::string_view::npos) {
    size_t b = 0;
    while (b <= w.size()) {
      size_t h = w.find('-', b);
      if (h == std::string_view::npos) h = w.size();
      if (h > b) out.push_back(w.substr(b, h - b));
      b = h + 1;
    }
  } else if (!w.empty()) {
    out.push_back(w);
  }
  if (!clitic.empty()) out.push_back(clitic);
  for (auto it = tail.rbegin(); it != tail.rend(); ++it) out.push_back(*it);
}

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

size_t LetterCount(std::string_view w) {
  size_t n = 0;
  for (char c : w) n += IsAsciiAlpha(c) || static_cast<unsigned char>(c) >= 0x80;
  return n;
}

}  // namespace

void AppendFolded(std::string_view s, std::string& out) {
  const size_t n = s.size();
  // The leading ASCII run (usually the whole word) is lowered in place, without a push_back per
  // byte: the matcher folds every token and lemma it looks up.
  size_t i = 0;
  while (i < n && static_cast<unsigned char>(s[i]) < 0x80) ++i;
  const size_t at = out.size();
  out.resize(at + i);
  for (size_t k = 0; k < i; ++k) {
    const char b = s[k];
    out[at + k] = b >= 'A' && b <= 'Z' ? static_cast<char>(b + 32) : b;
  }
  while (i < n) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      out.push_back(b >= 'A' && b <= 'Z' ? static_cast<char>(b + 32) : static_cast<char>(b));
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(s.data(), i, static_cast<int32_t>(n), c);
    if (c < 0) {
      out.push_back('?');
      continue;
    }
    if (c == 0x2019 || c == 0x2018) {  // ’ ‘ as in "Korea’s"
      out.push_back('\'');
      continue;
    }
    c = u_foldCase(c, U_FOLD_CASE_DEFAULT);
    if (UChar32 base = BaseLetter(c); base != 0) c = base;
    AppendUtf8(c, out);
  }
}

bool IsAllCaps(std::string_view word) {
  size_t letters = 0;
  for (char c : word) {
    if (c >= 'a' && c <= 'z') return false;
    letters += c >= 'A' && c <= 'Z';
  }
  return letters >= 2;
}

std::string RegularPlural(std::string_view word) {
  std::string p(word);
  if (p.empty()) return p;
  bool upper = p.back() >= 'A' && p.back() <= 'Z';
  if ((p.back() == 'y' || p.back() == 'Y') && p.size() > 1) {
    char before = static_cast<char>(p[p.size() - 2] | 0x20);
    if (before != 'a' && before != 'e' && before != 'o' && before != 'u') {
      p.pop_back();
      p += upper ? "IES" : "ies";
      return p;
    }
  }
  if (p.size() > 1 && (p.ends_with("ss") || p.ends_with("SS"))) {
    p += upper ? "ES" : "es";
    return p;
  }
  p += upper ? "S" : "s";
  return p;
}

std::vector<std::vector<PhraseWord>> PhraseVariants(std::string_view phrase, PhraseStyle style,
                                                    bool regular_plural) {
  const bool legacy = style != PhraseStyle::kDyad;
  std::string text(phrase);
  bool trailing_underscore = false;
  bool no_endings = false;
  std::string underscored;  // legacy: `text` before "_" became a blank
  if (legacy) {
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.pop_back();
    trailing_underscore = !text.empty() && text.back() == '_';
    // TABARI's "=" ending: the word as written, no stem and no regular endings (manual 5.2.3).
    no_endings = style == PhraseStyle::kTabari && !text.empty() && text.back() == '=';
    std::erase(text, '=');
    underscored = text;
    for (char& c : text) {
      if (c == '_') c = ' ';
    }
  }
  std::vector<std::string_view> raw_words;
  std::vector<bool> raw_gap;  // TABARI: the raw word follows a blank of the phrase, not a "_"
  {
    std::string_view t = text;
    size_t i = 0;
    while (i < t.size()) {
      while (i < t.size() && (t[i] == ' ' || t[i] == '\t')) ++i;
      size_t b = i;
      while (i < t.size() && t[i] != ' ' && t[i] != '\t') ++i;
      if (i > b) {
        raw_words.push_back(t.substr(b, i - b));
        raw_gap.push_back(style == PhraseStyle::kTabari && raw_words.size() > 1 &&
                          underscored[b - 1] != '_');
      }
    }
  }
  bool has_hyphen = false;
  for (std::string_view w : raw_words) {
    for (size_t k = 1; k + 1 < w.size(); ++k) has_hyphen |= w[k] == '-';
  }
  std::vector<std::vector<PhraseWord>> variants;
  for (int v = 0; v < (has_hyphen ? 2 : 1); ++v) {
    std::vector<std::string_view> cut;
    std::vector<bool> gap;  // by cut word: the first piece of a raw word after a blank
    for (size_t r = 0; r < raw_words.size(); ++r) {
      const size_t before = cut.size();
      CutWord(raw_words[r], v == 0, cut);
      gap.resize(cut.size(), false);
      if (cut.size() > before && before > 0) gap[before] = raw_gap[r];
    }
    if (cut.empty()) continue;
    // Legacy dictionaries are written in capitals, so case says nothing except for short
    // one-word acronyms, which must not match the pronoun "us" or the word "un".
    const bool legacy_acronym =
        legacy && cut.size() == 1 && LetterCount(cut[0]) <= 3 && IsAllCaps(cut[0]);
    std::vector<PhraseWord> words;
    for (size_t k = 0; k < cut.size(); ++k) {
      WordMatch m = WordMatch::kFolded;
      if (legacy ? legacy_acronym : IsAllCaps(cut[k])) m = WordMatch::kExact;
      const bool last = k + 1 == cut.size();
      if (last && style == PhraseStyle::kTabari && !trailing_underscore && !no_endings &&
          cut[k].size() >= 3 && m == WordMatch::kFolded) {
        m = WordMatch::kStem;
      }
      AddWord(cut[k], m, words);
      words.back().gap_before = gap[k];
    }
    variants.push_back(words);
    // News that writes "Nato" and "Opec" still means NATO and OPEC: capitals of four letters or
    // more also match in title case. Shorter ones ("UN", "US") would meet "Un", "Us".
    if (!legacy) {
      std::vector<PhraseWord> titled = words;
      bool changed = false;
      for (PhraseWord& w : titled) {
        if (w.match != WordMatch::kExact || w.text.size() < 4) continue;
        bool letters = true;
        for (char c : w.text) letters &= c >= 'A' && c <= 'Z';
        if (!letters) continue;
        for (size_t i = 1; i < w.text.size(); ++i) w.text[i] = static_cast<char>(w.text[i] + 32);
        changed = true;
      }
      if (changed) variants.push_back(std::move(titled));
    }
    PhraseWord& last = words.back();
    if (last.match == WordMatch::kStem) continue;
    if (!no_endings && (regular_plural || style == PhraseStyle::kTabari)) {
      std::string plural = style == PhraseStyle::kTabari && !regular_plural
                               ? last.text + (last.match == WordMatch::kExact ? "S" : "s")
                               : RegularPlural(last.text);
      if (plural != last.text) {
        last.text = std::move(plural);
        variants.push_back(std::move(words));
      }
    }
  }
  return variants;
}

}  // namespace dyad::dict_internal
