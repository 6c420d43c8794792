#include "lexicon.h"

#include <algorithm>

namespace dyad::text_internal {

extern const char kSegmentLexiconText[];  // generated from data/dict/segment.txt

StatusOr<SegmentLexicon> SegmentLexicon::Parse(std::string_view text, std::string_view name) {
  SegmentLexicon lex;
  WordSet* section = nullptr;
  bool clitic_section = false;
  size_t line_no = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
      size_t b = i;
      while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
      if (i == b) break;
      std::string_view word = line.substr(b, i - b);
      if (word.front() == '[' && word.back() == ']') {
        std::string_view s = word.substr(1, word.size() - 2);
        clitic_section = false;
        if (s == "title") section = &lex.title;
        else if (s == "abbrev") section = &lex.abbrev;
        else if (s == "prefix") section = &lex.prefix;
        else if (s == "starter") section = &lex.starter;
        else if (s == "clitic") { section = nullptr; clitic_section = true; }
        else return DataError(std::string(name) + ":" + std::to_string(line_no) +
                              ": unknown section [" + std::string(s) + "]");
        continue;
      }
      if (clitic_section) {
        lex.clitics.emplace_back(word);
      } else if (section == nullptr) {
        return DataError(std::string(name) + ":" + std::to_string(line_no) + ": entry \"" +
                         std::string(word) + "\" before any [section]");
      } else {
        section->emplace(word);
      }
    }
    if (nl == text.size()) break;
  }
  std::sort(lex.clitics.begin(), lex.clitics.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return lex;
}

const SegmentLexicon& SegmentLexicon::Builtin() {
  static const SegmentLexicon* lex = [] {
    StatusOr<SegmentLexicon> parsed = Parse(kSegmentLexiconText, "data/dict/segment.txt");
    DYAD_CHECK(parsed.ok());  // the file is compiled in and covered by lexicon_test
    return new SegmentLexicon(std::move(parsed).value());
  }();
  return *lex;
}

}  // namespace dyad::text_internal
