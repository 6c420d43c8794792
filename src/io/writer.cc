#include "dyad/io/writer.h"

#include <fmt/format.h>

namespace dyad {

void AppendJsonString(std::string& out, std::string_view s) {
  out += '"';
  size_t run = 0;  // start of the pending unescaped run
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

namespace {

class JsonlWriter final : public DocumentWriter {
 public:
  void Append(const Document& doc, std::string& out) const override {
    const std::string date = doc.meta.date.ToString();
    for (size_t i = 0; i < doc.sentences.size(); ++i) {
      const Sentence& s = doc.sentences[i];
      out += "{\"doc_id\":";
      AppendJsonString(out, doc.meta.id);
      fmt::format_to(std::back_inserter(out), ",\"sentence\":{},\"paragraph\":{},\"date\":", i + 1,
                     s.paragraph + 1);
      if (date.empty()) out += "null"; else AppendJsonString(out, date);
      fmt::format_to(std::back_inserter(out), ",\"begin\":{},\"end\":{},\"text\":", s.span.begin,
                     s.span.end);
      AppendJsonString(out, doc.SpanText(s.span));
      out += ",\"tokens\":[";
      for (TokenIndex t = s.first_token; t < s.end_token; ++t) {
        const Token& tok = doc.tokens[t];
        if (t > s.first_token) out += ',';
        fmt::format_to(std::back_inserter(out), "[{},{},", tok.span.begin, tok.span.end);
        AppendJsonString(out, doc.SpanText(tok.span));
        if (tok.joined_to_next()) out += ",\"joined\"";
        out += ']';
      }
      out += "]}\n";
    }
  }
};

// Sentence text for "# text": line breaks become spaces.
std::string OneLine(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return out;
}

class ConlluWriter final : public DocumentWriter {
 public:
  void Append(const Document& doc, std::string& out) const override {
    fmt::format_to(std::back_inserter(out), "# newdoc id = {}\n", doc.meta.id);
    if (!doc.meta.date.empty()) fmt::format_to(std::back_inserter(out), "# date = {}\n", doc.meta.date.ToString());
    if (!doc.meta.dateline.empty()) fmt::format_to(std::back_inserter(out), "# dateline = {}\n", doc.meta.dateline);
    uint32_t last_paragraph = UINT32_MAX;
    for (size_t i = 0; i < doc.sentences.size(); ++i) {
      const Sentence& s = doc.sentences[i];
      if (s.paragraph != last_paragraph) {
        out += "# newpar\n";
        last_paragraph = s.paragraph;
      }
      fmt::format_to(std::back_inserter(out), "# sent_id = {}-{}\n# text = {}\n", doc.meta.id, i + 1,
                     OneLine(doc.SpanText(s.span)));
      for (TokenIndex t = s.first_token; t < s.end_token; ++t) {
        const size_t id = t - s.first_token + 1;
        if (doc.tokens[t].joined_to_next() && (t == s.first_token || !doc.tokens[t - 1].joined_to_next())) {
          TokenIndex last = t;
          while (last + 1 < s.end_token && doc.tokens[last].joined_to_next()) ++last;
          Span whole{doc.tokens[t].span.begin, doc.tokens[last].span.end};
          fmt::format_to(std::back_inserter(out), "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{}\n", id,
                         id + (last - t), doc.SpanText(whole),
                         doc.tokens[last].space_after() || last + 1 == s.end_token ? "_" : "SpaceAfter=No");
        }
        const Token& tok = doc.tokens[t];
        const bool in_range = tok.joined_to_next() || (t > s.first_token && doc.tokens[t - 1].joined_to_next());
        const bool no_space = !tok.space_after() && t + 1 < s.end_token && !in_range;
        if (doc.words.size() == doc.tokens.size()) {
          const WordAnalysis& w = doc.words[t];
          std::string head = "_", rel = "_";
          if (w.head != kNoHead) {
            head = std::to_string(w.head - s.first_token + 1);
            rel = DeprelName(w.deprel);
          } else if (w.deprel == Deprel::kRoot) {
            head = "0";
            rel = "root";
          }
          fmt::format_to(std::back_inserter(out), "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t{}\n", id,
                         doc.SpanText(tok.span), w.lemma.empty() ? "_" : w.lemma, UposName(w.upos),
                         XposName(w.xpos), head, rel, no_space ? "SpaceAfter=No" : "_");
        } else {
          fmt::format_to(std::back_inserter(out), "{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{}\n", id,
                         doc.SpanText(tok.span), no_space ? "SpaceAfter=No" : "_");
        }
      }
      out += '\n';
    }
  }
};

// One JSON line per named entity.
class EntityWriter final : public DocumentWriter {
 public:
  void Append(const Document& doc, std::string& out) const override {
    for (const Entity& e : doc.entities) {
      out += "{\"doc_id\":";
      AppendJsonString(out, doc.meta.id);
      fmt::format_to(std::back_inserter(out), ",\"sentence\":{},\"begin\":{},\"end\":{},\"text\":",
                     e.sentence + 1, e.span.begin, e.span.end);
      AppendJsonString(out, doc.SpanText(e.span));
      out += ",\"type\":";
      AppendJsonString(out, EntityTypeName(e.type));
      out += "}\n";
    }
  }
};

class TextWriter final : public DocumentWriter {
 public:
  void Append(const Document& doc, std::string& out) const override {
    for (const Sentence& s : doc.sentences) {
      for (TokenIndex t = s.first_token; t < s.end_token; ++t) {
        if (t > s.first_token) out += ' ';
        out += doc.SpanText(doc.tokens[t].span);
      }
      out += '\n';
    }
    out += '\n';
  }
};

}  // namespace

StatusOr<std::unique_ptr<DocumentWriter>> NewWriter(std::string_view format) {
  if (format == "jsonl") return std::unique_ptr<DocumentWriter>(std::make_unique<JsonlWriter>());
  if (format == "conllu") return std::unique_ptr<DocumentWriter>(std::make_unique<ConlluWriter>());
  if (format == "entities") return std::unique_ptr<DocumentWriter>(std::make_unique<EntityWriter>());
  if (format == "text") return std::unique_ptr<DocumentWriter>(std::make_unique<TextWriter>());
  return InvalidArgumentError("unknown output format \"" + std::string(format) +
                              "\" (jsonl, conllu, entities, text)");
}

void AppendDocumentRecord(const Document& doc, std::string& out) {
  out += "{\"id\":";
  AppendJsonString(out, doc.meta.id);
  if (!doc.meta.date.empty()) {
    out += ",\"date\":";
    AppendJsonString(out, doc.meta.date.ToString());
  }
  for (auto [key, value] : {std::pair{"source", &doc.meta.source},
                            {"url", &doc.meta.url},
                            {"title", &doc.meta.title}}) {
    if (value->empty()) continue;
    out += ",\"";
    out += key;
    out += "\":";
    AppendJsonString(out, *value);
  }
  out += ",\"text\":";
  AppendJsonString(out, doc.text);
  out += "}\n";
}

}  // namespace dyad
