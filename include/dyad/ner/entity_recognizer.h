// EntityRecognizer: named entities (PER, ORG, LOC, MISC) as spans of tokens.
//
// Part of dyad_ner; runs after dyad_tag (it uses XPOS tags when present) and fills
// Document::entities. A greedy BILOU averaged perceptron with word, shape, affix, context,
// tag, gazetteer (dyad's own country, organisation and people lists) and document features
// (how earlier mentions of the same word were labelled; whether the document also writes the
// word in lower case). Train with `dyad train ner`.
//
//   DYAD_ASSIGN_OR_RETURN(auto ner, EntityRecognizer::Load("models/ner.dyad"));
//   auto ws = ner->NewWorkspace();
//   DYAD_RETURN_IF_ERROR(ner->Process(doc, *ws));   // doc.entities
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
class EntityRecognizer : public Stage {
 public:
  static StatusOr<std::shared_ptr<const EntityRecognizer>> Load(const std::string& path);

  std::string_view name() const override { return "ner"; }
  std::unique_ptr<Workspace> NewWorkspace() const override;
  Status Process(Document& doc, Workspace& workspace) const override;

  // Documents are read sentence by sentence; call StartDocument before the first one.
  // `xpos` may be null (no tags). Returns BILOU label ids per word (see LabelName).
  void StartDocument(const std::vector<std::vector<std::string_view>>& sentences,
                     Workspace& workspace) const;
  const std::vector<int>& LabelWords(const std::vector<std::string_view>& words,
                                     const Xpos* xpos, Workspace& workspace) const;
  // "O", "B-PER", "I-ORG", "L-LOC", "U-MISC".
  static std::string LabelName(int label);

  uint64_t fingerprint() const { return file_->fingerprint(); }

 private:
  EntityRecognizer() = default;
  std::unique_ptr<learn::ModelFile> file_;
  learn::LinearModel weights_;
  learn::HashIndex gazetteer_;
  int gazetteer_max_words_ = 0;
  learn::WordClusters clusters_;
};

}  // namespace dyad
