// Reading text data files: a whole file at once, and its lines with 1-based numbers (for
// `file:line` messages). Used by every dictionary, lexicon and table reader.
//
// Part of dyad_core.
//
//   DYAD_ASSIGN_OR_RETURN(std::string text, ReadTextFile("data/dict/cameo.txt"));
//   TextLines lines(text);
//   for (std::string_view line; lines.Next(line);) Use(lines.number(), line);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "dyad/core/status.h"

namespace dyad {

// The bytes of `path`; NotFound ("<path>: cannot open") when it cannot be read.
StatusOr<std::string> ReadTextFile(const std::string& path);

// Iterates the lines of a text; "\r\n" endings lose the "\r". A final line break does not
// start an empty last line.
class TextLines {
 public:
  explicit TextLines(std::string_view text) : text_(text) {}
  bool Next(std::string_view& line) {
    if (pos_ > text_.size() || (pos_ == text_.size() && pos_ > 0)) return false;
    size_t nl = text_.find('\n', pos_);
    if (nl == std::string_view::npos) nl = text_.size();
    line = text_.substr(pos_, nl - pos_);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos_ = nl + 1;
    ++number_;
    return true;
  }
  uint32_t number() const { return number_; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
  uint32_t number_ = 0;
};

// `s` without the blanks (space, tab, CR, LF) at either end.
inline std::string_view TrimBlanks(std::string_view s) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace dyad
