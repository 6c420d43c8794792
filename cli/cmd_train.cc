// dyad train tagger|parser|ner: trains a model from gold data and writes it to --out.
#include <fmt/format.h>

#include "common.h"
#include "dyad/tag/tagger_trainer.h"
#include "verbs.h"

namespace dyad::cli {

VerbRun SetupTrain(CLI::App& app) {
  auto tagger = std::make_shared<TaggerTrainOptions>();
  app.require_subcommand(1);
  CLI::App* tag = app.add_subcommand("tagger", "POS tagger and lemmatiser from a CoNLL-U treebank");
  tag->add_option("--train", tagger->train, "training CoNLL-U file")->required();
  tag->add_option("--dev", tagger->dev, "development CoNLL-U file (scored after training)");
  tag->add_option("--out", tagger->out, "model file to write")->required();
  tag->add_option("--epochs", tagger->epochs, "passes over the training data")->capture_default_str();
  tag->add_option("--seed", tagger->seed, "random seed (sentence order)")->capture_default_str();
  return [=]() -> int {
    if (tag->parsed()) {
      Status s = TrainTagger(*tagger);
      if (!s.ok()) return Fail(s);
      fmt::print(stderr, "dyad: wrote {}\n", tagger->out);
      return kExitOk;
    }
    return kExitUsage;
  };
}

}  // namespace dyad::cli
