#include "dyad/io/conllu.h"

#include <fstream>
#include <cstdlib>

namespace dyad {
namespace {

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> cols;
  size_t b = 0;
  while (true) {
    size_t t = line.find('\t', b);
    cols.push_back(line.substr(b, t == std::string_view::npos ? std::string_view::npos : t - b));
    if (t == std::string_view::npos) break;
    b = t + 1;
  }
  return cols;
}

bool SpaceAfterNo(std::string_view misc) {
  size_t p = misc.find("SpaceAfter=No");
  return p != std::string_view::npos && (p == 0 || misc[p - 1] == '|');
}

std::string_view CommentValue(std::string_view line, std::string_view key) {
  // "# key = value"
  if (line.rfind("# ", 0) != 0) return {};
  std::string_view rest = line.substr(2);
  if (rest.rfind(key, 0) != 0) return {};
  rest.remove_prefix(key.size());
  size_t p = rest.find_first_not_of(' ');
  if (p == std::string_view::npos) return rest.substr(rest.size());
  if (rest[p] == '=') {
    rest.remove_prefix(p + 1);
    if (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
    return rest;
  }
  return p == 0 ? std::string_view() : rest.substr(p);
}

}  // namespace

ConlluDocumentReader::ConlluDocumentReader(std::istream& in, std::string name, size_t max)
    : ConlluDocumentReader([&in](std::string& line) { return static_cast<bool>(std::getline(in, line)); },
                           std::move(name), max) {}

ConlluDocumentReader::ConlluDocumentReader(LineFn next_line, std::string name, size_t max)
    : next_line_(std::move(next_line)), name_(std::move(name)), max_sentences_(max) {}

// Raw sentence block into `s` (spans relative to the sentence's own text, fixed in Append).
bool ConlluDocumentReader::ReadSentence(ConlluSentence* s, std::string* text_line,
                                        std::vector<std::string>* warnings) {
  std::string line;
  bool any = false;
  text_line->clear();
  bool have_text = false;
  std::string rebuilt;  // from forms, when there is no "# text"
  struct Pending {
    std::string form;
    bool space_after;
    int first_word, last_word;  // multiword range, or -1
  };
  std::vector<Pending> surface;
  int range_end = 0;
  while (next_line_(line)) {
    ++line_no_;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      if (any) break;
      continue;
    }
    if (!any) s->line = line_no_;
    any = true;
    if (line[0] == '#') {
      if (line.rfind("# newdoc", 0) == 0) {
        s->new_document = true;
        s->new_paragraph = true;
        pending_doc_id_ = std::string(CommentValue(line, "newdoc id"));
      } else if (line.rfind("# newpar", 0) == 0) {
        s->new_paragraph = true;
      } else if (std::string_view v = CommentValue(line, "text"); line.rfind("# text =", 0) == 0) {
        *text_line = std::string(v);
        have_text = true;
      } else if (line.rfind("# sent_id", 0) == 0) {
        s->sent_id = std::string(CommentValue(line, "sent_id"));
      }
      continue;
    }
    std::vector<std::string_view> c = SplitTabs(line);
    if (c.size() != 10) {
      warnings->push_back(name_ + ":" + std::to_string(line_no_) + ": expected 10 columns, found " +
                          std::to_string(c.size()) + "; line skipped");
      continue;
    }
    std::string_view id = c[0];
    if (id.find('.') != std::string_view::npos) continue;  // empty node
    size_t dash = id.find('-');
    if (dash != std::string_view::npos) {
      int a = std::atoi(std::string(id.substr(0, dash)).c_str());
      int b = std::atoi(std::string(id.substr(dash + 1)).c_str());
      if (a < 1 || b < a) {
        warnings->push_back(name_ + ":" + std::to_string(line_no_) + ": multiword range \"" +
                            std::string(id) + "\" is not FIRST-LAST with 1 <= FIRST <= LAST; "
                            "line skipped");
        continue;
      }
      surface.push_back({std::string(c[1]), !SpaceAfterNo(c[9]), a - 1, b - 1});
      range_end = b;
      continue;
    }
    ConlluWord w;
    w.form = c[1];
    w.lemma = c[2];
    w.upos = c[3];
    w.xpos = c[4];
    w.feats = c[5];
    w.head = c[6] == "_" ? -1 : std::atoi(std::string(c[6]).c_str());
    w.deprel = c[7];
    w.deps = c[8];
    w.misc = c[9];
    int index = static_cast<int>(s->words.size()) + 1;
    if (index > range_end) surface.push_back({w.form, !SpaceAfterNo(w.misc), index - 1, index - 1});
    s->words.push_back(std::move(w));
  }
  if (!any) return false;
  if (!have_text) {
    for (const Pending& p : surface) {
      rebuilt += p.form;
      if (p.space_after) rebuilt += ' ';
    }
    while (!rebuilt.empty() && rebuilt.back() == ' ') rebuilt.pop_back();
    *text_line = rebuilt;
  }
  // Align surface tokens and their words to the sentence text.
  const std::string& t = *text_line;
  size_t cur = 0;
  s->tokens.clear();
  for (const Pending& p : surface) {
    while (cur < t.size() && (t[cur] == ' ' || t[cur] == '\t')) ++cur;
    size_t at = t.compare(cur, p.form.size(), p.form) == 0 ? cur : t.find(p.form, cur);
    if (at == std::string::npos) {
      warnings->push_back(name_ + ":" + std::to_string(s->line) + ": token \"" + p.form +
                          "\" not found in # text; left out of the gold spans");
      continue;
    }
    Span span{static_cast<ByteOffset>(at), static_cast<ByteOffset>(at + p.form.size())};
    s->tokens.push_back(span);
    // Words inside a multiword token: their forms in order if they spell it, else the whole.
    size_t wcur = at;
    for (int k = p.first_word; k <= p.last_word && k < static_cast<int>(s->words.size()); ++k) {
      ConlluWord& w = s->words[static_cast<size_t>(k)];
      if (t.compare(wcur, w.form.size(), w.form) == 0 && wcur + w.form.size() <= span.end) {
        w.span = Span{static_cast<ByteOffset>(wcur), static_cast<ByteOffset>(wcur + w.form.size())};
        wcur += w.form.size();
      } else {
        w.span = span;
      }
    }
    cur = span.end;
  }
  s->span = Span{0, static_cast<ByteOffset>(t.size())};
  return true;
}

void ConlluDocumentReader::Append(ConlluDocument& doc, ConlluSentence s, const std::string& text_line) {
  if (!doc.text.empty()) doc.text += s.new_paragraph ? "\n\n" : " ";
  const ByteOffset base = static_cast<ByteOffset>(doc.text.size());
  doc.text += text_line;
  auto shift = [base](Span& sp) {
    sp.begin += base;
    sp.end += base;
  };
  shift(s.span);
  for (Span& sp : s.tokens) shift(sp);
  for (ConlluWord& w : s.words) shift(w.span);
  doc.sentences.push_back(std::move(s));
}

std::optional<ConlluDocument> ConlluDocumentReader::Next() {
  ConlluDocument doc;
  if (pending_) {
    doc.id = pending_doc_id_;
    doc.line = pending_->line;
    doc.warnings = std::move(pending_warnings_);
    pending_warnings_.clear();
    Append(doc, std::move(*pending_), pending_text_);
    pending_.reset();
  }
  while (true) {
    ConlluSentence s;
    std::string text_line;
    std::vector<std::string> warnings;
    if (!ReadSentence(&s, &text_line, &warnings)) break;
    bool split = !doc.sentences.empty() &&
                 (s.new_document || doc.sentences.size() >= max_sentences_);
    if (split) {
      pending_ = std::move(s);
      pending_text_ = std::move(text_line);
      pending_warnings_ = std::move(warnings);
      pending_->new_paragraph = true;
      return doc;
    }
    if (doc.sentences.empty()) {
      doc.line = s.line;
      doc.id = pending_doc_id_;
    }
    for (std::string& w : warnings) doc.warnings.push_back(std::move(w));
    Append(doc, std::move(s), text_line);
  }
  if (doc.sentences.empty()) return std::nullopt;
  return doc;
}

}  // namespace dyad

namespace dyad {
StatusOr<std::vector<ConlluSentence>> ReadConlluSentences(const std::string& path,
                                                          std::vector<std::string>* warnings) {
  std::ifstream in(path);
  if (!in) return NotFoundError(path + ": cannot open");
  ConlluDocumentReader reader(in, path);
  std::vector<ConlluSentence> out;
  while (auto doc = reader.Next()) {
    for (ConlluSentence& s : doc->sentences) out.push_back(std::move(s));
    if (warnings != nullptr) {
      warnings->insert(warnings->end(), doc->warnings.begin(), doc->warnings.end());
    }
  }
  return out;
}
}  // namespace dyad
