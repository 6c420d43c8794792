// Parser: labelled dependency trees (UD relations) for tagged sentences.
//
// Part of dyad_parse; runs after dyad_tag and fills Document::words[i].head and .deprel.
// A greedy arc-hybrid transition parser scored by an averaged perceptron with rich
// (Zhang & Nivre 2011 style) features, trained with a dynamic oracle on jackknifed tags.
// Train with `dyad train parser`.
//
//   DYAD_ASSIGN_OR_RETURN(auto parser, Parser::Load("models/parser.dyad"));
//   auto ws = parser->NewWorkspace();
//   DYAD_RETURN_IF_ERROR(parser->Process(doc, *ws));   // needs doc.words from the tagger
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
class Parser : public Stage {
 public:
  static StatusOr<std::shared_ptr<const Parser>> Load(const std::string& path);

  std::string_view name() const override { return "parse"; }
  std::unique_ptr<Workspace> NewWorkspace() const override;
  Status Process(Document& doc, Workspace& workspace) const override;

  // Parses one tagged sentence: words[i] (text) with out[i].upos/.xpos set on entry; fills
  // out[i].head (0-based index within the sentence, or kNoHead for the root) and .deprel.
  void ParseWords(const std::string_view* words, size_t n, Workspace& workspace,
                  WordAnalysis* out) const;

  uint64_t fingerprint() const { return file_->fingerprint(); }

 private:
  Parser() = default;
  std::unique_ptr<learn::ModelFile> file_;
  learn::LinearModel weights_;
  learn::WordClusters clusters_;
  std::vector<learn::LinearModel::Score> bias_;  // scores of the bias feature alone
};

}  // namespace dyad
