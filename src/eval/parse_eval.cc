#include "dyad/eval/parse_eval.h"

namespace dyad {
namespace {

std::string_view Universal(std::string_view rel) { return rel.substr(0, rel.find(':')); }

}  // namespace

ParseScores EvaluateParser(const Parser& parser, const Tagger* tagger,
                           const std::vector<ConlluSentence>& gold) {
  ParseScores s;
  auto pws = parser.NewWorkspace();
  std::unique_ptr<Stage::Workspace> tws = tagger ? tagger->NewWorkspace() : nullptr;
  std::vector<std::string_view> words;
  std::vector<WordAnalysis> out;
  for (const ConlluSentence& sentence : gold) {
    words.clear();
    for (const ConlluWord& w : sentence.words) words.push_back(w.form);
    out.assign(words.size(), WordAnalysis{});
    if (tagger) {
      tagger->TagWords(words.data(), words.size(), *tws, out.data());
    } else {
      for (size_t i = 0; i < words.size(); ++i) {
        out[i].upos = UposFromName(sentence.words[i].upos).value_or(Upos::kX);
        out[i].xpos = XposFromName(sentence.words[i].xpos).value_or(0);
      }
    }
    parser.ParseWords(words.data(), words.size(), *pws, out.data());
    for (size_t i = 0; i < words.size(); ++i) {
      const ConlluWord& g = sentence.words[i];
      int head = out[i].head == kNoHead ? 0 : static_cast<int>(out[i].head) + 1;
      std::string_view rel = DeprelName(out[i].deprel);
      bool head_ok = head == g.head;
      ++s.words;
      s.uas += head_ok;
      s.las += head_ok && Universal(rel) == Universal(g.deprel);
      s.las_full += head_ok && rel == g.deprel;
      ++s.labels[g.deprel].gold;
      ++s.labels[std::string(rel)].predicted;
      if (head_ok && rel == g.deprel) ++s.labels[g.deprel].correct;
    }
  }
  return s;
}

}  // namespace dyad
