#include "dyad/eval/ner_eval.h"

#include <set>

namespace dyad {

NerScores EvaluateNer(const EntityRecognizer& ner, const Tagger* tagger,
                      const std::vector<Conll2003Document>& gold) {
  NerScores s;
  auto ws = ner.NewWorkspace();
  std::unique_ptr<Stage::Workspace> tws = tagger ? tagger->NewWorkspace() : nullptr;
  std::vector<WordAnalysis> tags;
  std::vector<Xpos> xpos;
  for (const Conll2003Document& doc : gold) {
    std::vector<std::vector<std::string_view>> sentences;
    for (const Conll2003Sentence& sent : doc.sentences) {
      sentences.emplace_back(sent.words.begin(), sent.words.end());
    }
    ner.StartDocument(sentences, *ws);
    for (size_t si = 0; si < doc.sentences.size(); ++si) {
      const auto& words = sentences[si];
      if (tagger) {
        tags.assign(words.size(), WordAnalysis{});
        tagger->TagWords(words.data(), words.size(), *tws, tags.data());
        xpos.clear();
        for (const WordAnalysis& a : tags) xpos.push_back(a.xpos);
      }
      const std::vector<int>& labels = ner.LabelWords(words, tagger ? xpos.data() : nullptr, *ws);
      std::vector<std::string> names;
      for (int l : labels) names.push_back(EntityRecognizer::LabelName(l));
      std::vector<TaggedSpan> predicted = IobEntities(names);
      std::vector<TaggedSpan> expected = IobEntities(doc.sentences[si].tags);
      s.words += words.size();
      std::set<std::tuple<size_t, size_t, std::string>> gold_set;
      for (const TaggedSpan& e : expected) {
        gold_set.insert({e.begin, e.end, e.type});
        ++s.all.gold;
        ++s.by_type[e.type].gold;
      }
      for (const TaggedSpan& e : predicted) {
        ++s.all.predicted;
        ++s.by_type[e.type].predicted;
        if (gold_set.count({e.begin, e.end, e.type})) {
          ++s.all.correct;
          ++s.by_type[e.type].correct;
        }
      }
    }
  }
  return s;
}

}  // namespace dyad
