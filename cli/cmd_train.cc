// dyad train tagger|parser|ner: trains a model from gold data and writes it to --out.
#include <fmt/format.h>

#include "common.h"
#include "dyad/ner/ner_trainer.h"
#include "dyad/parse/parser_trainer.h"
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
  auto parser = std::make_shared<ParserTrainOptions>();
  CLI::App* parse = app.add_subcommand("parser", "dependency parser from a CoNLL-U treebank");
  parse->add_option("--train", parser->train, "training CoNLL-U file")->required();
  parse->add_option("--dev", parser->dev, "development CoNLL-U file (scored after training)");
  parse->add_option("--tagger", parser->tagger, "tagger model used to tag --dev (default: gold tags)");
  parse->add_option("--out", parser->out, "model file to write")->required();
  parse->add_option("--epochs", parser->epochs, "passes over the training data")->capture_default_str();
  parse->add_option("--folds", parser->folds, "jackknife folds for predicted tags (0: gold tags)")->capture_default_str();
  parse->add_option("--tagger-epochs", parser->tagger_epochs, "passes for each fold's tagger")->capture_default_str();
  parse->add_option("--threads", parser->threads, "threads for the fold taggers")->capture_default_str();
  parse->add_option("--seed", parser->seed, "random seed (order, exploration)")->capture_default_str();
  auto ner = std::make_shared<NerTrainOptions>();
  ner->gazetteer_dir = std::string(DYAD_DICT_DIR) + "/actors";
  CLI::App* nr = app.add_subcommand("ner", "named-entity recogniser from CoNLL-2003 files");
  nr->add_option("--train", ner->train, "training file (eng.train)")->required();
  nr->add_option("--dev", ner->dev, "development file (eng.testa; scored after training)");
  nr->add_option("--tagger", ner->tagger, "tagger model for XPOS features (empty: none)")->capture_default_str();
  nr->add_option("--gazetteer", ner->gazetteer_dir, "folder of dyad dictionaries (empty: none)")->capture_default_str();
  nr->add_option("--out", ner->out, "model file to write")->required();
  nr->add_option("--epochs", ner->epochs, "passes over the training data")->capture_default_str();
  nr->add_option("--seed", ner->seed, "random seed (document order)")->capture_default_str();
  return [=]() -> int {
    if (nr->parsed()) {
      Status s = TrainNer(*ner);
      if (!s.ok()) return Fail(s);
      fmt::print(stderr, "dyad: wrote {}\n", ner->out);
      return kExitOk;
    }
    if (parse->parsed()) {
      Status s = TrainParser(*parser);
      if (!s.ok()) return Fail(s);
      fmt::print(stderr, "dyad: wrote {}\n", parser->out);
      return kExitOk;
    }
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
