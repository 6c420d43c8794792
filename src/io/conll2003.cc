#include "dyad/io/conll2003.h"

#include <fstream>
#include <sstream>

namespace dyad {

StatusOr<std::vector<Conll2003Document>> ReadConll2003(const std::string& path,
                                                       std::vector<std::string>* warnings) {
  std::ifstream in(path);
  if (!in) return NotFoundError(path + ": cannot open");
  std::vector<Conll2003Document> docs(1);
  Conll2003Sentence sentence;
  auto flush = [&]() {
    if (!sentence.words.empty()) docs.back().sentences.push_back(std::move(sentence));
    sentence = Conll2003Sentence{};
  };
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      flush();
      continue;
    }
    if (line.rfind("-DOCSTART-", 0) == 0) {
      flush();
      if (!docs.back().sentences.empty()) docs.emplace_back();
      continue;
    }
    std::istringstream fields(line);
    std::vector<std::string> f;
    for (std::string x; fields >> x;) f.push_back(x);
    const std::string& tag = f.empty() ? line : f.back();
    bool tag_ok = tag == "O" || (tag.size() > 2 && tag[1] == '-' &&
                                 (tag[0] == 'I' || tag[0] == 'B' || tag[0] == 'L' || tag[0] == 'U' ||
                                  tag[0] == 'E' || tag[0] == 'S'));
    if (f.size() < 2 || !tag_ok) {
      if (warnings) warnings->push_back(path + ":" + std::to_string(line_no) + ": expected 'word ... TAG', got '" + line + "'");
      continue;
    }
    if (sentence.words.empty()) sentence.line = line_no;
    sentence.words.push_back(f.front());
    sentence.tags.push_back(tag);
  }
  flush();
  if (docs.back().sentences.empty()) docs.pop_back();
  return docs;
}

std::vector<TaggedSpan> IobEntities(const std::vector<std::string>& tags) {
  std::vector<TaggedSpan> out;
  std::string open_type;
  for (size_t i = 0; i < tags.size(); ++i) {
    const std::string& t = tags[i];
    char kind = t.size() > 2 && t[1] == '-' ? t[0] : 'O';
    std::string type = kind == 'O' ? "" : t.substr(2);
    bool starts = kind == 'B' || kind == 'U' || kind == 'S' ||
                  ((kind == 'I' || kind == 'L' || kind == 'E') && type != open_type);
    if (kind == 'O' || starts) {
      if (!open_type.empty()) out.back().end = i;
      open_type.clear();
    }
    if (starts) {
      out.push_back(TaggedSpan{i, i + 1, type});
      open_type = type;
    }
    if (!open_type.empty()) out.back().end = i + 1;
    if (kind == 'L' || kind == 'U' || kind == 'E' || kind == 'S') open_type.clear();
  }
  return out;
}

}  // namespace dyad
