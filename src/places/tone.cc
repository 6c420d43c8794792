// Lexicon tone, GDELT AvgTone-like. Each word (a token with a letter or digit) counts once: a
// two-word lexicon entry ("bad luck") covers both its words, else the lower-cased form, else the
// lemma, is looked up. tone = (positive words - negative words) / words × 100; negation and
// intensity are not modelled (as GDELT's document tone).
#include <cctype>

#include "dyad/places/place_coder.h"

namespace dyad {

namespace {

bool IsWord(std::string_view t) {
  for (unsigned char ch : t)
    if (std::isalnum(ch) || ch >= 0x80) return true;
  return false;
}

// `t` with ASCII capitals lowered, into `out` (reused, so a word costs no allocation).
void AssignLower(std::string_view t, std::string& out) {
  out.assign(t);
  for (char& ch : out) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
  }
}

}  // namespace

Tone ComputeTone(const Gazetteer& g, const Document& doc, TokenIndex begin, TokenIndex end) {
  Tone tone;
  if (g.lexicon_size() == 0) return tone;
  uint32_t positive = 0, negative = 0;
  const bool tagged = doc.words.size() == doc.tokens.size();
  std::string prev, w, pair;
  for (TokenIndex t = begin; t < end && t < doc.tokens.size(); ++t) {
    if (doc.tokens[t].span.begin < doc.body_begin) continue;
    std::string_view text = doc.SpanText(doc.tokens[t].span);
    if (!IsWord(text)) {
      prev.clear();
      continue;
    }
    ++tone.words;
    AssignLower(text, w);
    int v = 0;
    if (!prev.empty()) {
      pair.assign(prev);
      pair += ' ';
      pair += w;
      v = g.Valence(pair);
      if (v != 0) {
        // The pair replaces the first word's own score.
        int first = g.Valence(prev);
        if (first > 0) --positive;
        if (first < 0) --negative;
      }
    }
    if (v == 0) v = g.Valence(w);
    if (v == 0 && tagged && !doc.words[t].lemma.empty() && doc.words[t].lemma != w)
      v = g.Valence(doc.words[t].lemma);
    if (v > 0) ++positive;
    if (v < 0) ++negative;
    prev.swap(w);
  }
  if (tone.words > 0) {
    tone.positive = 100.0 * positive / tone.words;
    tone.negative = 100.0 * negative / tone.words;
    tone.tone = tone.positive - tone.negative;
  }
  return tone;
}

}  // namespace dyad
