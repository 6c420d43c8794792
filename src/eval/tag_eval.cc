#include "dyad/eval/tag_eval.h"

namespace dyad {

TagScores EvaluateTagger(const Tagger& tagger, const std::vector<ConlluSentence>& gold) {
  TagScores s;
  auto ws = tagger.NewWorkspace();
  std::vector<std::string_view> words;
  std::vector<WordAnalysis> out;
  for (const ConlluSentence& sentence : gold) {
    words.clear();
    for (const ConlluWord& w : sentence.words) words.push_back(w.form);
    out.assign(words.size(), WordAnalysis{});
    tagger.TagWords(words.data(), words.size(), *ws, out.data());
    for (size_t i = 0; i < words.size(); ++i) {
      const ConlluWord& g = sentence.words[i];
      bool u = UposName(out[i].upos) == g.upos;
      bool x = XposName(out[i].xpos) == g.xpos;
      ++s.words;
      s.upos += u;
      s.xpos += x;
      s.all_tags += u && x;
      s.lemma += out[i].lemma == g.lemma;
    }
  }
  return s;
}

}  // namespace dyad
