#include "dyad/text/segmenter.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "lexicon.h"

namespace dyad {
namespace {

using text_internal::SegmentLexicon;

// What a token is to the sentence splitter.
enum class Kind : uint8_t {
  kWord,
  kTerminal,  // a split-off period or a run of . ! ? (e.g. "?!", "!!")
  kEllipsis,  // "...", "…"
  kAbbrev,    // "Inc.", "U.S." — may end a sentence before a starter word
  kTitle,     // "Gen.", "J." — never ends a sentence
  kOpen,      // opening bracket or quote
  kClose,     // closing bracket or quote
  kPunct,     // other punctuation (, ; : - …)
};

struct CodePoint {
  UChar32 c;
  int len;
};

// ASCII character classes, looked up per byte on the hot path.
enum : uint8_t {
  kSpaceBit = 1,
  kAlphaBit = 2,
  kDigitBit = 4,
  kUpperBit = 8,
  kLowerBit = 16,
};

struct AsciiTable {
  uint8_t bits[128] = {};
  constexpr AsciiTable() {
    for (int c = 0; c < 128; ++c) {
      uint8_t b = 0;
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') b |= kSpaceBit;
      if (c >= 'a' && c <= 'z') b |= kAlphaBit | kLowerBit;
      if (c >= 'A' && c <= 'Z') b |= kAlphaBit | kUpperBit;
      if (c >= '0' && c <= '9') b |= kDigitBit;
      bits[c] = b;
    }
  }
};
constexpr AsciiTable kAscii;

inline CodePoint DecodeAt(std::string_view s, size_t i) {
  unsigned char b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return {b, 1};
  int32_t j = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(s.data(), j, static_cast<int32_t>(s.size()), c);
  if (c < 0) c = 0xFFFD;
  return {c, j - static_cast<int32_t>(i)};
}

inline CodePoint DecodeBefore(std::string_view s, size_t i) {
  unsigned char b = static_cast<unsigned char>(s[i - 1]);
  if (b < 0x80) return {b, 1};
  int32_t j = static_cast<int32_t>(i);
  UChar32 c;
  U8_PREV(s.data(), 0, j, c);
  if (c < 0) c = 0xFFFD;
  return {c, static_cast<int>(i) - j};
}

inline bool IsSpace(UChar32 c) {
  if (c < 128) return kAscii.bits[c] & kSpaceBit;
  return u_isUWhiteSpace(c) || c == 0x200B || c == 0xFEFF;
}
inline bool IsAlpha(UChar32 c) { return c < 128 ? (kAscii.bits[c] & kAlphaBit) : u_isalpha(c); }
inline bool IsDigit(UChar32 c) { return c < 128 ? (kAscii.bits[c] & kDigitBit) : u_isdigit(c); }
inline bool IsUpper(UChar32 c) { return c < 128 ? (kAscii.bits[c] & kUpperBit) : u_isupper(c); }
inline bool IsLower(UChar32 c) { return c < 128 ? (kAscii.bits[c] & kLowerBit) : u_islower(c); }
inline bool IsAlnum(UChar32 c) { return IsAlpha(c) || IsDigit(c); }

inline bool IsQuote(UChar32 c) {
  return c == '"' || c == '\'' || c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019 ||
         c == 0x00AB || c == 0x00BB || c == 0x201E || c == 0x201A || c == 0x2039 || c == 0x203A ||
         c == '`';
}
inline bool IsOpening(UChar32 c) {
  if (c == '(' || c == '[' || c == '{' || c == '<' || IsQuote(c) || c == 0x00BF || c == 0x00A1)
    return true;
  if (c < 128) return false;
  int t = u_charType(c);
  return t == U_START_PUNCTUATION || t == U_INITIAL_PUNCTUATION;
}
inline bool IsClosing(UChar32 c) {
  if (c == ')' || c == ']' || c == '}' || c == '>' || IsQuote(c)) return true;
  if (c < 128) return false;
  int t = u_charType(c);
  return t == U_END_PUNCTUATION || t == U_FINAL_PUNCTUATION;
}
inline bool IsSentencePunct(UChar32 c) {
  return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x203C || c == 0x2047 ||
         c == 0x2048 || c == 0x2049 || c == 0x3002 || c == 0xFF01 || c == 0xFF1F;
}
inline bool IsDash(UChar32 c) {
  return c == '-' || c == 0x2010 || c == 0x2011 || c == 0x2012 || c == 0x2013 || c == 0x2014 ||
         c == 0x2015 || c == 0x2212;
}
inline bool IsCurrency(UChar32 c) {
  if (c == '$') return true;
  return c >= 128 && u_charType(c) == U_CURRENCY_SYMBOL;
}

// The kind of a lone punctuation character.
Kind PunctKind(UChar32 c) {
  if (c == 0x2026) return Kind::kEllipsis;
  if (IsSentencePunct(c)) return Kind::kTerminal;
  if (c == '(' || c == '[' || c == '{' || c == 0x201C || c == 0x2018 || c == 0x00AB)
    return Kind::kOpen;
  if (c == ')' || c == ']' || c == '}' || c == 0x201D || c == 0x2019 || c == 0x00BB)
    return Kind::kClose;
  return Kind::kPunct;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// "U.S", "a.m", "e.g" — letters separated by single dots (the final dot is outside `w`).
bool IsLetterDotSequence(std::string_view w) {
  if (w.size() < 3) return false;
  for (size_t i = 0; i < w.size(); ++i) {
    bool want_letter = (i % 2 == 0);
    unsigned char c = static_cast<unsigned char>(w[i]);
    if (want_letter ? !(c < 128 && (kAscii.bits[c] & kAlphaBit)) : c != '.') return false;
  }
  return w.size() % 2 == 1;
}

bool IsEmoticon(std::string_view w) {
  static constexpr std::string_view kEmoticons[] = {
      ":)", ":-)", ":(", ":-(", ";)", ";-)", ":D",  ":-D", ":P", ":-P",
      ":p", ":-p", ":/", ":-/", ":?", ":o",  ":O",  ";D",  "=)", "=(",
      ":]", ":[",  "<3", "XD",  "xD", "^_^", ":-|", ":|",  ":'("};
  for (std::string_view e : kEmoticons)
    if (w == e) return true;
  return false;
}

bool LooksLikeUrlOrEmail(std::string_view w) {
  if (w.find("://") != std::string_view::npos) return true;
  if (StartsWith(w, "www.") || StartsWith(w, "WWW.")) return true;
  size_t at = w.find('@');
  if (at != std::string_view::npos && at > 0) {
    size_t dot = w.find('.', at);
    return dot != std::string_view::npos && dot + 1 < w.size();
  }
  // Bare domains: "example.com", "bbc.co.uk/news".
  static constexpr std::string_view kTlds[] = {".com", ".org",   ".net",  ".gov", ".edu",
                                               ".int", ".co.uk", ".html", ".htm"};
  for (std::string_view t : kTlds) {
    size_t p = w.find(t);
    if (p != std::string_view::npos && p > 0 &&
        (p + t.size() == w.size() || w[p + t.size()] == '/')) {
      return true;
    }
  }
  return false;
}

}  // namespace

class Segmenter::Impl {
 public:
  Impl(const SegmenterOptions& options, const SegmentLexicon& lex) : options_(options), lex_(lex) {}

  struct Work : Stage::Workspace {
    std::vector<Kind> kinds;          // parallel to Document::tokens
    std::vector<uint8_t> para_start;  // 1 when a token begins a paragraph
    struct Peeled {
      Span span;
      Kind kind;
      bool join_previous;  // a possessive apostrophe chained to the word before it
    };
    std::vector<Peeled> trailing;  // tokens peeled off a chunk's end, right to left
  };

  Status Process(Document& doc, Work& w) const;

 private:
  // Emits the tokens of the whitespace-free chunk text[b, e).
  void SplitChunk(std::string_view text, size_t b, size_t e, Document& doc, Work& w) const;
  // Splits the core of a chunk (punctuation peeled) at hyphens, clitics and the like.
  void SplitCore(std::string_view text, size_t b, size_t e, Document& doc, Work& w) const;
  // Splits a clitic off a word; returns the clitic's start, or e when there is none.
  size_t CliticStart(std::string_view text, size_t b, size_t e) const;
  void Emit(Document& doc, Work& w, size_t b, size_t e, Kind kind, bool joined = false) const {
    doc.tokens.push_back(Token{Span{static_cast<ByteOffset>(b), static_cast<ByteOffset>(e)},
                               joined ? Token::kJoinedToNext : Token::kNone});
    w.kinds.push_back(kind);
    w.para_start.push_back(0);
  }
  void SplitSentences(Document& doc, Work& w) const;
  bool IsWrapped(std::string_view text, size_t b, size_t e) const;

  SegmenterOptions options_;
  const SegmentLexicon& lex_;
};

bool Segmenter::Impl::IsWrapped(std::string_view text, size_t b, size_t e) const {
  size_t lines = 0;
  while (b < e) {
    const void* nl = std::memchr(text.data() + b, '\n', e - b);
    size_t end = nl ? static_cast<const char*>(nl) - text.data() : e;
    if (end - b > options_.wrapped_line_max_bytes) return false;
    ++lines;
    b = end + 1;
  }
  return lines > 1;
}

Status Segmenter::Impl::Process(Document& doc, Work& w) const {
  doc.sentences.clear();
  doc.tokens.clear();
  w.kinds.clear();
  w.para_start.clear();
  std::string_view text = doc.text;
  size_t i = std::min<size_t>(doc.body_begin, text.size());
  const size_t n = text.size();

  bool line_is_paragraph = options_.line_breaks == SegmenterOptions::LineBreaks::kParagraph;
  if (options_.line_breaks == SegmenterOptions::LineBreaks::kAuto) {
    line_is_paragraph = !IsWrapped(text, i, n);
  }

  bool new_paragraph = true;
  while (i < n) {
    // Whitespace run: decide whether it ends a paragraph.
    int newlines = 0;
    bool indented_after_newline = false;
    bool blank_line = false;
    while (i < n) {
      CodePoint cp = DecodeAt(text, i);
      if (!IsSpace(cp.c)) break;
      if (cp.c == '\n' || cp.c == 0x2029 || cp.c == 0x2028) {
        if (newlines > 0) blank_line = true;
        ++newlines;
        indented_after_newline = false;
      } else if (newlines > 0 && (cp.c == ' ' || cp.c == '\t')) {
        indented_after_newline = true;
      }
      i += cp.len;
    }
    if (i >= n) break;
    if (blank_line || (newlines > 0 && (line_is_paragraph || indented_after_newline))) {
      new_paragraph = true;
    }
    if (!doc.tokens.empty()) doc.tokens.back().flags |= Token::kSpaceAfter;
    size_t b = i;
    while (i < n) {
      unsigned char c = static_cast<unsigned char>(text[i]);
      if (c < 128) {
        if (kAscii.bits[c] & kSpaceBit) break;
        ++i;
        continue;
      }
      CodePoint cp = DecodeAt(text, i);
      if (IsSpace(cp.c)) break;
      i += cp.len;
    }
    size_t first = doc.tokens.size();
    SplitChunk(text, b, i, doc, w);
    if (new_paragraph && doc.tokens.size() > first) {
      w.para_start[first] = 1;
      new_paragraph = false;
    }
  }
  if (!doc.tokens.empty()) doc.tokens.back().flags |= Token::kSpaceAfter;
  SplitSentences(doc, w);
  return Status::Ok();
}

void Segmenter::Impl::SplitChunk(std::string_view text, size_t b, size_t e, Document& doc,
                                 Work& w) const {
  const size_t first_of_chunk = doc.tokens.size();
  if (IsEmoticon(text.substr(b, e - b))) {
    Emit(doc, w, b, e, Kind::kPunct);
    return;
  }
  // Leading punctuation.
  while (b < e) {
    CodePoint cp = DecodeAt(text, b);
    UChar32 c = cp.c;
    if ((c == '#' || c == '>' || c == '<' || c == '~' || c == '=') && b + 1 < e &&
        IsDigit(DecodeAt(text, b + 1).c)) {
      Emit(doc, w, b, b + 1, Kind::kPunct);  // "#1", ">100"
      ++b;
      continue;
    }
    if (c == '\'' || c == 0x2019 || c == 0x2018) {
      // "'90s", "'em", and a lone clitic chunk ("'s") keep their apostrophe.
      if (b + cp.len < e) {
        CodePoint next = DecodeAt(text, b + cp.len);
        if (IsDigit(next.c)) break;
        std::string_view rest = text.substr(b, e - b);
        bool clitic = false;
        for (const std::string& cl : lex_.clitics) {
          if (StartsWith(rest, cl) &&
              (rest.size() == cl.size() || !IsAlpha(DecodeAt(text, b + cl.size()).c))) {
            clitic = true;
            break;
          }
        }
        if (clitic || StartsWith(rest.substr(cp.len), "em")) break;
      }
      Emit(doc, w, b, b + cp.len, Kind::kOpen);
      b += cp.len;
      continue;
    }
    if (IsOpening(c) && b + cp.len < e) {
      // A run of one bracket or quote character ("((", "``", "<<") is one token.
      size_t len = cp.len;
      while (b + len < e && text.compare(b + len, cp.len, text, b, cp.len) == 0) len += cp.len;
      if (b + len == e) break;
      Emit(doc, w, b, b + len, Kind::kOpen);
      b += len;
      continue;
    }
    if (IsCurrency(c) && b + cp.len < e && IsDigit(DecodeAt(text, b + cp.len).c)) {
      Emit(doc, w, b, b + cp.len, Kind::kPunct);
      b += cp.len;
      continue;
    }
    if (IsDash(c) && b + cp.len < e) {
      size_t j = b;
      while (j < e) {
        CodePoint d = DecodeAt(text, j);
        if (!IsDash(d.c)) break;
        j += d.len;
      }
      if (j == e) break;  // all dashes: one token below
      if (c == '-' && j == b + 1 && (IsDigit(DecodeAt(text, j).c) || text[j] == '.')) break;  // -5
      Emit(doc, w, b, j, Kind::kPunct);
      b = j;
      continue;
    }
    if ((c == '.' || c == 0x2026) && b + cp.len < e) {
      size_t j = b;
      while (j < e && (text[j] == '.' || DecodeAt(text, j).c == 0x2026)) j += DecodeAt(text, j).len;
      if (j < e && (j - b >= 2 || c == 0x2026)) {
        Emit(doc, w, b, j, Kind::kEllipsis);
        b = j;
        continue;
      }
    }
    break;
  }
  if (b >= e) return;

  // Trailing punctuation, collected right to left.
  w.trailing.clear();
  auto peel = [&](size_t pb, size_t pe, Kind k, bool join_previous = false) {
    w.trailing.push_back(
        {Span{static_cast<ByteOffset>(pb), static_cast<ByteOffset>(pe)}, k, join_previous});
  };
  // URLs and e-mail addresses stay whole, minus wrapping punctuation.
  const bool url = LooksLikeUrlOrEmail(text.substr(b, e - b));
  Kind core_kind = Kind::kWord;
  bool period_done = false;
  while (e > b) {
    CodePoint cp = DecodeBefore(text, e);
    UChar32 c = cp.c;
    size_t pb = e - cp.len;
    if (pb == b) {
      // The chunk is a single punctuation character (or the last one left).
      break;
    }
    if (IsSentencePunct(c)) {
      if (period_done) break;
      // Collect the whole run of sentence punctuation.
      size_t rb = pb;
      bool only_dots = (c == '.' || c == 0x2026);
      while (rb > b) {
        CodePoint p = DecodeBefore(text, rb);
        if (!IsSentencePunct(p.c)) break;
        if (p.c != '.' && p.c != 0x2026) only_dots = false;
        rb -= p.len;
      }
      if (rb == b) {  // chunk is all punctuation: "...", "?!"
        e = rb;
        bool ellipsis = only_dots && (pb + cp.len - rb >= 2 || c == 0x2026);
        peel(rb, pb + cp.len, ellipsis ? Kind::kEllipsis : Kind::kTerminal);
        break;
      }
      if (rb < pb || c != '.') {
        bool ellipsis = only_dots && (pb + cp.len - rb >= 2 || c == 0x2026);
        if (url && c != '.' && c != '!' && c != '?') break;
        peel(rb, pb + cp.len, ellipsis ? Kind::kEllipsis : Kind::kTerminal);
        e = rb;
        period_done = true;
        continue;
      }
      // A single period after a word.
      std::string_view word = text.substr(b, pb - b);
      std::string_view with_dot = text.substr(b, e - b);
      if (lex_.title.count(with_dot)) {
        core_kind = Kind::kTitle;
        break;
      }
      if (lex_.abbrev.count(with_dot) || IsLetterDotSequence(word)) {
        core_kind = Kind::kAbbrev;
        break;
      }
      if (word.size() == 1 && IsUpper(static_cast<unsigned char>(word[0]))) {
        core_kind = Kind::kTitle;  // an initial: "J. Kerry"
        break;
      }
      peel(pb, e, Kind::kTerminal);
      e = pb;
      period_done = true;
      continue;
    }
    if (c == '\'' || c == 0x2019) {
      // "countries'" — a possessive apostrophe stays chained to its word.
      CodePoint prev = DecodeBefore(text, pb);
      bool possessive = (prev.c == 's' || prev.c == 'S') && pb - prev.len > b &&
                        IsAlpha(DecodeBefore(text, pb - prev.len).c);
      peel(pb, e, possessive ? Kind::kWord : Kind::kClose, possessive);
      e = pb;
      continue;
    }
    if (c == ')' || c == ']' || c == '}') {
      UChar32 open = c == ')' ? '(' : c == ']' ? '[' : '{';
      if (text.substr(b, pb - b).find(static_cast<char>(open)) != std::string_view::npos) break;
      peel(pb, e, Kind::kClose);
      e = pb;
      continue;
    }
    if (c == '>') {
      CodePoint prev = DecodeBefore(text, pb);
      if (prev.c == '-' || prev.c == '=') break;
    }
    if (IsClosing(c) || c == ',' || c == ';' || c == ':' || c == '*' || c == '=') {
      if (url && c != ',' && c != ';' && c != ')' && c != '>' && !IsQuote(c)) break;
      // A run of one character (">>", "**", "''") is one token; a chunk made only of it
      // stays whole.
      size_t rb = pb;
      if (!IsQuote(c) || c == '\'') {
        // rb - b >= cp.len: a multi-byte character ("’") right after the chunk's start has
        // fewer bytes before it than its own length.
        while (rb - b >= static_cast<size_t>(cp.len) &&
               text.compare(rb - cp.len, cp.len, text, pb, cp.len) == 0)
          rb -= cp.len;
      }
      if (rb == b) break;
      peel(rb, e, IsClosing(c) ? Kind::kClose : Kind::kPunct);
      e = rb;
      continue;
    }
    if (IsDash(c)) {
      size_t rb = pb;
      while (rb > b && IsDash(DecodeBefore(text, rb).c)) rb -= DecodeBefore(text, rb).len;
      if (rb == b) break;
      peel(rb, e, Kind::kPunct);
      e = rb;
      continue;
    }
    if (c == '%' && IsDigit(DecodeBefore(text, pb).c)) {
      peel(pb, e, Kind::kPunct);
      e = pb;
      continue;
    }
    break;
  }

  if (e > b) {
    size_t first = doc.tokens.size();
    if (url) {
      Emit(doc, w, b, e, Kind::kWord);
    } else {
      SplitCore(text, b, e, doc, w);
    }
    if (core_kind != Kind::kWord && doc.tokens.size() > first) w.kinds.back() = core_kind;
  }
  // Trailing tokens in text order. A possessive apostrophe joins the token before it.
  for (size_t k = w.trailing.size(); k-- > 0;) {
    const Work::Peeled& p = w.trailing[k];
    if (p.join_previous && doc.tokens.size() > first_of_chunk) {
      doc.tokens.back().flags |= Token::kJoinedToNext;
    }
    Emit(doc, w, p.span.begin, p.span.end, p.kind);
  }
}

size_t Segmenter::Impl::CliticStart(std::string_view text, size_t b, size_t e) const {
  std::string_view word = text.substr(b, e - b);
  // n't: "didn't" -> did|n't, "can't" -> ca|n't, "won't" -> wo|n't.
  for (std::string_view nt : {"n't", "N'T", "n’t", "N’T"}) {
    if (word.size() > nt.size() + 1 && word.substr(word.size() - nt.size()) == nt) {
      return e - nt.size();
    }
  }
  for (const std::string& cl : lex_.clitics) {
    if (word.size() > cl.size() && word.substr(word.size() - cl.size()) == cl) {
      CodePoint prev = DecodeBefore(text, e - cl.size());
      if (IsAlnum(prev.c)) return e - cl.size();
    }
  }
  // Fused informal forms that UD English splits into two words.
  struct Fused {
    std::string_view word;
    size_t split;
  };
  static constexpr Fused kFused[] = {{"cannot", 3}, {"Cannot", 3}, {"gonna", 3}, {"gotta", 3},
                                     {"wanna", 3},  {"Gonna", 3},  {"Wanna", 3}};
  for (const Fused& f : kFused) {
    if (word == f.word) return b + f.split;
  }
  return e;
}

void Segmenter::Impl::SplitCore(std::string_view text, size_t b, size_t e, Document& doc,
                                Work& w) const {
  // Walk the core, cutting at hyphens between letters (unless after a listed prefix), at dash
  // runs, and at commas between non-digits.
  size_t piece = b;
  size_t i = b;
  auto emit_word = [&](size_t pb, size_t pe) {
    if (pe <= pb) return;
    if (CodePoint cp = DecodeAt(text, pb); pb + cp.len == pe && !IsAlnum(cp.c)) {
      Emit(doc, w, pb, pe, PunctKind(cp.c));
      return;
    }
    size_t cl = CliticStart(text, pb, pe);
    if (cl < pe && cl > pb) {
      Emit(doc, w, pb, cl, Kind::kWord, /*joined=*/true);
      Emit(doc, w, cl, pe, Kind::kWord);
    } else {
      Emit(doc, w, pb, pe, Kind::kWord);
    }
  };
  // Bracket bookkeeping in one pass, so a huge chunk stays linear: "(" splits off when no ")"
  // follows in the chunk, ")" when no "(" opened in the current piece.
  const size_t close_in_chunk = text.substr(b, e - b).rfind(')');
  const size_t last_close = close_in_chunk == std::string_view::npos ? 0 : b + close_in_chunk;
  size_t open_at = std::string_view::npos;
  while (i < e) {
    CodePoint cp = DecodeAt(text, i);
    UChar32 c = cp.c;
    if (c == '(') open_at = i;
    if (IsDash(c) && i > piece) {
      size_t j = i;
      while (j < e && IsDash(DecodeAt(text, j).c)) j += DecodeAt(text, j).len;
      if (j >= e) break;
      CodePoint before = DecodeBefore(text, i);
      CodePoint after = DecodeAt(text, j);
      bool single_hyphen = (j - i == static_cast<size_t>(cp.len)) && c == '-';
      bool split;
      if (!single_hyphen) {
        split = true;  // "--", em dash, en dash between anything
        if (c == 0x2013 && IsDigit(before.c) && IsDigit(after.c)) split = false;  // 1990–95
      } else if (IsAlpha(before.c) && IsAlpha(after.c)) {
        split = !lex_.prefix.count(text.substr(piece, i - piece));
      } else if (IsDigit(before.c) && IsAlpha(after.c)) {
        split = true;  // "20-year"
      } else {
        split = false;  // "F-16", "4-12", "713-853-3989"
      }
      if (split) {
        emit_word(piece, i);
        Emit(doc, w, i, j, Kind::kPunct);
        piece = j;
      }
      i = j;
      continue;
    }
    if (c == ',' && i > piece && i + 1 < e) {
      bool digits = IsDigit(DecodeBefore(text, i).c) && IsDigit(DecodeAt(text, i + 1).c);
      if (!digits) {
        emit_word(piece, i);
        Emit(doc, w, i, i + 1, Kind::kPunct);
        piece = i + 1;
      }
    } else if ((c == '"' || c == 0x201C || c == 0x201D) && i > piece) {
      emit_word(piece, i);
      Emit(doc, w, i, i + cp.len, c == 0x201C ? Kind::kOpen : Kind::kClose);
      piece = i + cp.len;
    } else if (c == '/' && i > piece && i + 1 < e && IsAlpha(DecodeBefore(text, i).c) &&
               IsAlpha(DecodeAt(text, i + 1).c)) {
      // "and/or", "East/West" split; "l/c" (single letters) stays.
      size_t r = i + 1;
      while (r < e && IsAlpha(DecodeAt(text, r).c)) r += DecodeAt(text, r).len;
      size_t l = i;
      while (l > piece && IsAlpha(DecodeBefore(text, l).c)) l -= DecodeBefore(text, l).len;
      if (i - l >= 2 || r - (i + 1) >= 2) {
        emit_word(piece, i);
        Emit(doc, w, i, i + 1, Kind::kPunct);
        piece = i + 1;
      }
    } else if (c == '.' && i > piece && i + 1 < e && text[i + 1] == '.') {
      size_t r = i;
      while (r < e && text[r] == '.') ++r;
      if (r < e) {
        emit_word(piece, i);
        Emit(doc, w, i, r, Kind::kEllipsis);
        piece = r;
        i = r;
        continue;
      }
    } else if ((c == '(' && i > piece && last_close < i) ||
               (c == ')' && i > piece && (open_at == std::string_view::npos || open_at < piece))) {
      emit_word(piece, i);
      Emit(doc, w, i, i + 1, c == '(' ? Kind::kOpen : Kind::kClose);
      piece = i + 1;
    } else if (c == 0x2026 && i > piece) {
      emit_word(piece, i);
      Emit(doc, w, i, i + cp.len, Kind::kEllipsis);
      piece = i + cp.len;
    } else if (c == '$' && i > piece && i + 1 < e && IsDigit(DecodeAt(text, i + 1).c)) {
      // "US$50" -> "US$" "50"
      Emit(doc, w, piece, i + 1, Kind::kPunct);
      piece = i + 1;
    }
    i += cp.len;
  }
  emit_word(piece, e);
}

void Segmenter::Impl::SplitSentences(Document& doc, Work& w) const {
  const size_t n = doc.tokens.size();
  if (n == 0) return;
  std::string_view text = doc.text;
  uint32_t paragraph = 0;
  size_t start = 0;
  auto close = [&](size_t end) {  // sentence [start, end)
    if (end <= start) return;
    Sentence s;
    s.first_token = static_cast<TokenIndex>(start);
    s.end_token = static_cast<TokenIndex>(end);
    s.span = Span{doc.tokens[start].span.begin, doc.tokens[end - 1].span.end};
    s.paragraph = paragraph;
    doc.sentences.push_back(s);
    start = end;
  };
  auto first_char = [&](size_t t) { return DecodeAt(text, doc.tokens[t].span.begin).c; };
  size_t forced = 0;  // sentences cut at max_sentence_tokens
  size_t i = 0;
  while (i < n) {
    if (i > 0 && w.para_start[i]) {
      close(i);
      ++paragraph;
    }
    Kind k = w.kinds[i];
    size_t j = i + 1;
    if (k == Kind::kTerminal || k == Kind::kEllipsis || k == Kind::kAbbrev) {
      // Closing quotes and brackets that hug the punctuation belong to this sentence.
      while (j < n && !w.para_start[j] && w.kinds[j] == Kind::kClose &&
             !doc.tokens[j - 1].space_after()) {
        ++j;
      }
      // A closing quote after a space still closes when the next thing starts a sentence.
      bool boundary = false;
      if (j >= n || w.para_start[j]) {
        boundary = true;
      } else {
        UChar32 c = first_char(j);
        Kind next = w.kinds[j];
        std::string_view next_word = doc.SpanText(doc.tokens[j].span);
        if (k == Kind::kAbbrev) {
          boundary = lex_.starter.count(next_word) > 0;
        } else if (k == Kind::kEllipsis) {
          boundary = IsUpper(c) && !lex_.title.count(next_word);
        } else {
          // Web and wire text alike start sentences in lower case after a split-off
          // period, "?" or "!"; a quote closed right after the punctuation followed by a
          // lower-case word is the exception ("'Why?' he asked").
          const bool quoted = j > i + 1;
          boundary = next != Kind::kClose && (next != Kind::kPunct || c == '-' || IsCurrency(c)) &&
                     !(IsLower(c) && quoted);
        }
      }
      if (boundary) {
        close(j);
        i = j;
        continue;
      }
    }
    if (i + 1 - start >= options_.max_sentence_tokens && i + 1 < n) {
      close(i + 1);
      ++forced;
    }
    ++i;
  }
  close(n);
  if (forced > 0) {
    doc.warnings.push_back(std::to_string(forced) + " sentence" + (forced > 1 ? "s" : "") +
                           " cut at " + std::to_string(options_.max_sentence_tokens) +
                           " tokens (--max-sentence-tokens); the pieces are analysed as sentences");
  }
}

Segmenter::Segmenter(std::unique_ptr<const Impl> impl) : impl_(std::move(impl)) {}
Segmenter::~Segmenter() = default;

StatusOr<std::shared_ptr<const Segmenter>> Segmenter::Load(const SegmenterOptions& options) {
  if (options.max_sentence_tokens < 2) {
    return InvalidArgumentError("max_sentence_tokens must be at least 2");
  }
  auto impl = std::make_unique<const Impl>(options, SegmentLexicon::Builtin());
  return std::shared_ptr<const Segmenter>(new Segmenter(std::move(impl)));
}

std::unique_ptr<Stage::Workspace> Segmenter::NewWorkspace() const {
  return std::make_unique<Impl::Work>();
}

Status Segmenter::Process(Document& doc, Workspace& workspace) const {
  return impl_->Process(doc, static_cast<Impl::Work&>(workspace));
}

}  // namespace dyad
