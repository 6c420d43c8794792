#include "dyad/places/knowledge_graph.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "dyad/dict/dictionary.h"

namespace dyad {

namespace {

const char* CountType(std::string_view lemma) {
  static constexpr std::pair<std::string_view, const char*> kTypes[] = {
      {"kill", "KILL"},     {"die", "KILL"},      {"dead", "KILL"},     {"slay", "KILL"},
      {"massacre", "KILL"}, {"execute", "KILL"},  {"behead", "KILL"},   {"injure", "WOUND"},
      {"injured", "WOUND"}, {"wound", "WOUND"},   {"wounded", "WOUND"}, {"hurt", "WOUND"},
      {"arrest", "ARREST"}, {"detain", "ARREST"}, {"jail", "ARREST"},   {"imprison", "ARREST"},
      {"round", "ARREST"}};
  for (const auto& [l, t] : kTypes)
    if (l == lemma) return t;
  return nullptr;
}

}  // namespace

int64_t ParseCount(std::string_view text) {
  std::string s;
  for (char c : text)
    if (c != ',') s.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (s.empty()) return -1;
  if (std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return s.size() > 12 ? -1 : std::stoll(s);
  static constexpr std::pair<std::string_view, int> kWords[] = {
      {"one", 1},      {"two", 2},        {"three", 3},     {"four", 4},        {"five", 5},
      {"six", 6},      {"seven", 7},      {"eight", 8},     {"nine", 9},        {"ten", 10},
      {"eleven", 11},  {"twelve", 12},    {"thirteen", 13}, {"fourteen", 14},   {"fifteen", 15},
      {"sixteen", 16}, {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19},   {"twenty", 20},
      {"thirty", 30},  {"forty", 40},     {"fifty", 50},    {"sixty", 60},      {"seventy", 70},
      {"eighty", 80},  {"ninety", 90},    {"hundred", 100}, {"thousand", 1000}, {"dozen", 12},
      {"a dozen", 12}};
  int64_t total = 0;
  size_t start = 0;
  bool any = false;
  while (start <= s.size()) {
    size_t dash = s.find('-', start);
    std::string_view part = std::string_view(s).substr(
        start, dash == std::string::npos ? std::string::npos : dash - start);
    bool found = false;
    for (const auto& [w, v] : kWords)
      if (w == part) total += v, found = any = true;
    if (!found) return -1;
    if (dash == std::string::npos) break;
    start = dash + 1;
  }
  return any ? total : -1;
}

GkgRecord BuildGkg(const Document& doc, const Dictionary* issues) {
  GkgRecord g;
  g.tone = doc.tone;
  auto add_name = [&](std::vector<GkgName>& list, std::string name, ByteOffset at) {
    for (GkgName& n : list)
      if (n.name == name) {
        ++n.count;
        return;
      }
    list.push_back({std::move(name), 1, at});
  };
  for (const Entity& e : doc.entities) {
    if (e.type == EntityType::kPer)
      add_name(g.persons, std::string(doc.SpanText(e.span)), e.span.begin);
    if (e.type == EntityType::kOrg)
      add_name(g.organizations, std::string(doc.SpanText(e.span)), e.span.begin);
  }
  for (const PlaceMention& m : doc.places) {
    if (m.entry < 0) continue;
    auto it = std::find_if(g.locations.begin(), g.locations.end(),
                           [&](const GkgLocation& l) { return l.place.name == m.place.name; });
    if (it != g.locations.end()) {
      ++it->count;
      continue;
    }
    g.locations.push_back({m.place, 1});
  }
  const bool parsed = doc.words.size() == doc.tokens.size();
  if (parsed) {
    // Children lists per sentence, then: the verb's counted noun (its passive subject or object,
    // with a number modifying it) or a number that is itself the verb's argument ("260 injured").
    for (const Sentence& s : doc.sentences) {
      for (TokenIndex t = s.first_token; t < s.end_token; ++t) {
        const char* type = CountType(doc.words[t].lemma);
        if (type == nullptr) continue;
        Upos u = doc.words[t].upos;
        if (u != Upos::kVerb && u != Upos::kAdj && u != Upos::kAux) continue;
        int64_t number = -1;
        TokenIndex num_tok = kNoHead;
        std::string object;
        auto number_of = [&](TokenIndex n) {
          for (TokenIndex k = s.first_token; k < s.end_token; ++k)
            if (doc.words[k].head == n && (doc.words[k].deprel == Deprel::kNummod) &&
                doc.words[k].upos == Upos::kNum) {
              int64_t v = ParseCount(doc.SpanText(doc.tokens[k].span));
              if (v >= 0) return std::pair<int64_t, TokenIndex>(v, k);
            }
          return std::pair<int64_t, TokenIndex>(-1, kNoHead);
        };
        for (TokenIndex k = s.first_token; k < s.end_token && number < 0; ++k) {
          if (doc.words[k].head != t) continue;
          Deprel r = doc.words[k].deprel;
          bool arg = r == Deprel::kNsubjPass || r == Deprel::kObj || r == Deprel::kNsubj;
          if (!arg) continue;
          if (doc.words[k].upos == Upos::kNum) {
            number = ParseCount(doc.SpanText(doc.tokens[k].span));
            num_tok = k;
          } else {
            auto [v, nk] = number_of(k);
            if (v >= 0) number = v, num_tok = nk, object = doc.words[k].lemma;
          }
        }
        // "40 injured villagers", "two dead soldiers": the participle modifies the counted noun.
        if (number < 0 && doc.words[t].deprel == Deprel::kAmod && doc.words[t].head != kNoHead) {
          auto [v, nk] = number_of(doc.words[t].head);
          if (v >= 0) number = v, num_tok = nk, object = doc.words[doc.words[t].head].lemma;
        }
        // "and 260 injured": the number hangs on the conjoined participle itself.
        for (TokenIndex k = s.first_token; k < s.end_token && number < 0; ++k)
          if (doc.words[k].head == t && doc.words[k].upos == Upos::kNum) {
            number = ParseCount(doc.SpanText(doc.tokens[k].span));
            num_tok = k;
          }
        if (number < 0) continue;
        Span ev{std::min(doc.tokens[num_tok].span.begin, doc.tokens[t].span.begin),
                std::max(doc.tokens[num_tok].span.end, doc.tokens[t].span.end)};
        g.counts.push_back({type, number, object, ev});
      }
    }
  }
  auto add_theme = [&](std::string_view code) {
    if (!code.empty() && std::find(g.themes.begin(), g.themes.end(), code) == g.themes.end())
      g.themes.emplace_back(code);
  };
  if (issues != nullptr) {
    auto ws = issues->NewWorkspace();
    for (const Sentence& s : doc.sentences)
      for (const DictMatch& m :
           issues->Match(doc, s.first_token, s.end_token, DictLayer::kIssues, *ws))
        add_theme(issues->CodeFor(m.entries[0], doc.meta.date));
  } else {
    for (const IssueMention& m : doc.issues) add_theme(m.code);
  }
  return g;
}

}  // namespace dyad
