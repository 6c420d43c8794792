// Tagger: part-of-speech tags (UD UPOS and Penn XPOS, predicted jointly) and lemmas.
//
// Part of dyad_tag; runs after dyad_text's segmenter and fills Document::words (upos, xpos,
// lemma). A greedy left-to-right averaged perceptron over word, affix, shape, context and
// tag-dictionary features; lemmas come from a lexicon and suffix rules learned from the same
// treebank. Train with `dyad train tagger`.
//
//   DYAD_ASSIGN_OR_RETURN(auto tagger, Tagger::Load("models/tagger.dyad"));
//   auto ws = tagger->NewWorkspace();
//   DYAD_RETURN_IF_ERROR(tagger->Process(doc, *ws));   // doc.words[i].upos, .xpos, .lemma
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/core/stage.h"
#include "dyad/learn/linear_model.h"
#include "dyad/learn/model_file.h"
#include "dyad/learn/word_clusters.h"

namespace dyad {

// Immutable and thread-safe; keeps its model file mapped for its lifetime.
class Tagger : public Stage {
 public:
  static StatusOr<std::shared_ptr<const Tagger>> Load(const std::string& path);

  std::string_view name() const override { return "tag"; }
  std::unique_ptr<Workspace> NewWorkspace() const override;
  Status Process(Document& doc, Workspace& workspace) const override;

  // Tags and lemmatises one sentence of n words into out[0, n) (upos, xpos, lemma).
  void TagWords(const std::string_view* words, size_t n, Workspace& workspace,
                WordAnalysis* out) const;
  // The lemma of `word` tagged `xpos` (lexicon first, then suffix rules).
  std::string Lemmatize(std::string_view word, Xpos xpos) const;

  uint64_t fingerprint() const { return file_->fingerprint(); }

 private:
  Tagger() = default;
  std::unique_ptr<learn::ModelFile> file_;
  learn::LinearModel weights_;
  learn::HashIndex tag_dict_;
  learn::WordClusters clusters_;
  learn::HashIndex lemma_lexicon_;
  learn::HashIndex lemma_rules_;
  std::string_view lemma_pool_;
  std::vector<Upos> class_upos_;
  std::vector<Xpos> class_xpos_;
};

}  // namespace dyad
