// dyad train tagger|parser|ner: trains a model from gold data and writes it to --out.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "common.h"
#include "dyad/eval/places_eval.h"
#include "dyad/io/conll2003.h"
#include "dyad/learn/brown_clusters.h"
#include "dyad/learn/feature_hash.h"
#include "dyad/learn/linear_model.h"
#include "dyad/learn/model_file.h"
#include "dyad/learn/word_clusters.h"
#include "dyad/ner/ner_trainer.h"
#include "dyad/parse/parser_trainer.h"
#include "dyad/places/place_model_trainer.h"
#include "dyad/tag/tagger_trainer.h"
#include "place_stage.h"
#include "verbs.h"

namespace dyad::cli {
namespace {

struct ClusterFlags {
  std::vector<std::string> corpus;
  std::vector<std::string> conll2003;  // CoNLL-2003 files whose words join the corpus
  std::string out;
  int clusters = 256;
  int min_count = 3;
  int threads = 2;
};

// Brown clusters over the lower-cased tokens of every document of the corpus inputs.
int TrainClusters(const ClusterFlags& f) {
  auto start = std::chrono::steady_clock::now();
  InputFlags in;
  auto ro = MakeReaderOptions(in);
  if (!ro.ok()) return Fail(ro.status());
  auto stages = MakeTextStages(in);
  if (!stages.ok()) return Fail(stages.status());
  std::vector<std::unique_ptr<Stage::Workspace>> ws;
  for (const auto& st : *stages) ws.push_back(st->NewWorkspace());
  std::vector<std::vector<std::string>> corpus;
  size_t tokens = 0;
  for (const std::string& path : f.corpus) {
    auto reader = OpenReader(path, *ro);
    if (!reader.ok()) return Fail(reader.status());
    while (true) {
      auto rec = (*reader)->Next();
      if (!rec.has_value()) break;
      if (!rec->status.ok()) continue;
      Document doc = std::move(rec->doc);
      bool ok = true;
      for (size_t i = 0; i < stages->size() && ok; ++i)
        ok = (*stages)[i]->Process(doc, *ws[i]).ok();
      if (!ok) continue;
      for (const Sentence& s : doc.sentences) {
        std::vector<std::string> words;
        for (TokenIndex t = s.first_token; t < s.end_token; ++t) {
          words.push_back(learn::AsciiLower(doc.SpanText(doc.tokens[t].span)));
        }
        tokens += words.size();
        corpus.push_back(std::move(words));
      }
    }
  }
  for (const std::string& path : f.conll2003) {
    auto docs = ReadConll2003(path);
    if (!docs.ok()) return Fail(docs.status());
    for (const auto& d : *docs) {
      for (const auto& s : d.sentences) {
        std::vector<std::string> words;
        for (const auto& w : s.words) words.push_back(learn::AsciiLower(w));
        tokens += words.size();
        corpus.push_back(std::move(words));
      }
    }
  }
  fmt::print(stderr, "clusters: {} sentences, {} tokens read\n", corpus.size(), tokens);
  learn::BrownOptions o;
  o.clusters = f.clusters;
  o.min_count = f.min_count;
  o.threads = f.threads;
  auto paths = learn::BrownClusters(corpus, o);
  std::vector<std::string> inputs = f.corpus;
  std::sort(inputs.begin(), inputs.end());
  learn::ModelWriter w;
  w.AddSection("clusters", learn::WordClusters::Serialize(paths));
  std::string listing;
  for (const auto& [word, path] : paths) listing += path + "\t" + word + "\n";
  w.AddSection("paths_text", listing);
  uint64_t fingerprint =
      learn::HashText(std::to_string(tokens) + ":" + std::to_string(corpus.size()));
  if (Status s = w.Write(f.out, "clusters", fingerprint); !s.ok()) return Fail(s);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fmt::print(stderr, "clusters: {} words in {} clusters, {:.1f} s; wrote {}\n", paths.size(),
             f.clusters, secs, f.out);
  return kExitOk;
}

struct PlaceTrainFlags {
  std::string gold, out, gazetteer;
  ModelFlags models;
  PlaceTrainerOptions trainer;
  bool dev = false;             // keep 1 in 4 training records out and score them (for tuning)
  bool cross_validate = false;  // score each quarter with a model of the other three
  double none_offset = 0;       // subtracted from the score of "no place" at run time
};

// The place model from the training part of the event-location records (PlaceSpanHeldOut keeps
// the rest for `dyad eval places`): each record's verb, the choices PlaceCoder::Candidates gives
// and, as the truth, the mention whose span is an annotated one, else "no place" (a pick that is
// not exactly an annotated span only costs precision).
Status TrainPlaces(const PlaceTrainFlags& f) {
  auto start = std::chrono::steady_clock::now();
  uint64_t skipped = 0;
  DYAD_ASSIGN_OR_RETURN(std::vector<PlaceSpanRecord> records,
                        ReadPlaceSpanRecords(f.gold, &skipped));
  DYAD_ASSIGN_OR_RETURN(auto stages, MakePlaceAnalysisStages(f.models));
  DYAD_ASSIGN_OR_RETURN(auto coder, MakePlaceCoder(f.gazetteer, {}, /*default_model=*/false));
  std::vector<std::unique_ptr<Stage::Workspace>> ws;
  // The training part, each record with its quarter (1-4: the hash residue PlaceSpanHeldOut
  // leaves) and whether it has an annotated location.
  std::vector<PlaceTrainingExample> all;
  std::vector<int> quarter;
  std::vector<bool> has_gold;
  Document doc;
  for (const PlaceSpanRecord& r : records) {
    if (PlaceSpanHeldOut(r)) continue;
    DYAD_ASSIGN_OR_RETURN(TokenIndex trigger, AnalyzePlaceSpanRecord(r, stages, ws, *coder, doc));
    if (trigger == kNoHead) continue;
    PlaceTrainingExample ex;
    ex.candidates = coder->Candidates(doc, trigger);
    for (size_t k = 1; k < ex.candidates.size(); ++k)
      for (Span g : r.gold)
        if (ex.candidates[k].span == g) {
          if (ex.gold == 0)
            ex.gold = static_cast<int>(k);
          else if (!ex.IsGold(k))
            ex.also_gold.push_back(static_cast<int>(k));
        }
    all.push_back(std::move(ex));
    quarter.push_back(static_cast<int>(learn::HashText(r.id) % 5));
    has_gold.push_back(!r.gold.empty());
  }
  // The examples outside quarter `out` (0: none) that teach something: a location that is no
  // candidate teaches nothing about choosing among them ("no place" would be the wrong lesson).
  size_t with_gold = 0, reachable = 0;
  auto training = [&](int out) {
    std::vector<PlaceTrainingExample> ex;
    with_gold = reachable = 0;
    for (size_t i = 0; i < all.size(); ++i) {
      if (quarter[i] == out) continue;
      with_gold += has_gold[i];
      reachable += all[i].gold != 0;
      if (!has_gold[i] || all[i].gold != 0) ex.push_back(all[i]);
    }
    return ex;
  };
  // Adds the scores of `weights` on quarter `q` to `sc`.
  auto score = [&](const std::string& weights, int q, SpanScore& sc) -> Status {
    DYAD_ASSIGN_OR_RETURN(learn::LinearModel lm, learn::LinearModel::FromBytes(weights));
    std::vector<learn::LinearModel::Score> scores(lm.score_size());
    for (size_t i = 0; i < all.size(); ++i) {
      if (quarter[i] != q) continue;
      size_t k = BestPlaceCandidate(all[i].candidates, [&](const PlaceCandidate& c) {
        std::fill(scores.begin(), scores.end(), 0);
        lm.AddScores(c.features.data(), c.features.size(), scores.data());
        return (scores[1] - scores[0]) * lm.scale() - (c.span.empty() ? f.none_offset : 0.0);
      });
      sc.gold += has_gold[i];
      sc.predicted += k != 0;
      sc.correct += k != 0 && all[i].IsGold(k);
    }
    return Status::Ok();
  };
  if (f.cross_validate) {
    SpanScore pooled;
    std::string folds;
    for (int q = 1; q <= 4; ++q) {
      SpanScore sc;
      DYAD_RETURN_IF_ERROR(score(TrainPlaceModel(training(q), f.trainer), q, sc));
      folds += fmt::format(" {:.2f}", sc.F1());
      pooled.gold += sc.gold;
      pooled.predicted += sc.predicted;
      pooled.correct += sc.correct;
    }
    fmt::print(stderr, "cross-validation (4 quarters): P {:.2f} R {:.2f} F1 {:.2f} (quarters{})\n",
               pooled.Precision(), pooled.Recall(), pooled.F1(), folds);
  }
  const int dev_quarter = f.dev ? 1 : 0;
  std::vector<PlaceTrainingExample> examples = training(dev_quarter);
  std::string log;
  std::string weights = TrainPlaceModel(examples, f.trainer, &log);
  fmt::print(stderr, "{}", log);
  if (f.dev) {
    SpanScore sc;
    DYAD_RETURN_IF_ERROR(score(weights, dev_quarter, sc));
    size_t n = std::count(quarter.begin(), quarter.end(), dev_quarter);
    fmt::print(stderr, "dev ({} records): P {:.2f} R {:.2f} F1 {:.2f}\n", n, sc.Precision(),
               sc.Recall(), sc.F1());
  }
  DYAD_ASSIGN_OR_RETURN(uint64_t fingerprint, learn::FingerprintFiles({f.gold}));
  learn::ModelWriter w;
  w.AddSection("weights", weights);
  w.AddSection("none_offset", fmt::format("{}", f.none_offset));
  DYAD_RETURN_IF_ERROR(w.Write(f.out, kPlaceModelKind, fingerprint));
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fmt::print(stderr,
             "dyad train places: {} training records ({} with a location, {} of them among the "
             "candidates), {} weight bytes, {:.1f} s\n",
             examples.size(), with_gold, reachable, weights.size(), secs);
  return Status::Ok();
}

}  // namespace

VerbRun SetupTrain(CLI::App& app) {
  auto tagger = std::make_shared<TaggerTrainOptions>();
  app.require_subcommand(1);
  CLI::App* tag = app.add_subcommand("tagger", "POS tagger and lemmatiser from a CoNLL-U treebank");
  tag->add_option("--train", tagger->train, "training CoNLL-U file")->required();
  tag->add_option("--dev", tagger->dev, "development CoNLL-U file (scored after training)");
  tag->add_option("--out", tagger->out, "model file to write")->required();
  tag->add_option("--clusters", tagger->clusters, "word clusters from `dyad train clusters`");
  tag->add_option("--epochs", tagger->epochs, "passes over the training data")
      ->capture_default_str();
  tag->add_option("--seed", tagger->seed, "random seed (sentence order)")->capture_default_str();
  tag->add_option("--min-updates", tagger->min_updates, "drop features updated fewer times")
      ->capture_default_str();
  tag->add_option("--hide-below", tagger->hide_below,
                  "train words seen at most N times as unknown half the time")
      ->capture_default_str();
  auto parser = std::make_shared<ParserTrainOptions>();
  CLI::App* parse = app.add_subcommand("parser", "dependency parser from a CoNLL-U treebank");
  parse->add_option("--train", parser->train, "training CoNLL-U file")->required();
  parse->add_option("--dev", parser->dev, "development CoNLL-U file (scored after training)");
  parse->add_option("--tagger", parser->tagger,
                    "tagger model used to tag --dev (default: gold tags)");
  parse->add_option("--out", parser->out, "model file to write")->required();
  parse->add_option("--clusters", parser->clusters, "word clusters from `dyad train clusters`");
  parse->add_option("--epochs", parser->epochs, "passes over the training data")
      ->capture_default_str();
  parse->add_option("--folds", parser->folds, "jackknife folds for predicted tags (0: gold tags)")
      ->capture_default_str();
  parse->add_option("--tagger-epochs", parser->tagger_epochs, "passes for each fold's tagger")
      ->capture_default_str();
  parse->add_option("--threads", parser->threads, "threads for the fold taggers")
      ->capture_default_str();
  parse->add_option("--seed", parser->seed, "random seed (order, exploration)")
      ->capture_default_str();
  parse->add_option("--min-updates", parser->min_updates, "drop features updated fewer times")
      ->capture_default_str();
  auto ner = std::make_shared<NerTrainOptions>();
  ner->gazetteer_dir = std::string(DYAD_DICT_DIR) + "/actors";
  CLI::App* nr = app.add_subcommand("ner", "named-entity recogniser from CoNLL-2003 files");
  nr->add_option("--train", ner->train, "training file (eng.train)")->required();
  nr->add_option("--dev", ner->dev, "development file (eng.testa; scored after training)");
  nr->add_option("--tagger", ner->tagger, "tagger model for XPOS features (empty: none)")
      ->capture_default_str();
  nr->add_option("--gazetteer", ner->gazetteer_dir, "folder of dyad dictionaries (empty: none)")
      ->capture_default_str();
  nr->add_option("--out", ner->out, "model file to write")->required();
  nr->add_option("--clusters", ner->clusters, "word clusters from `dyad train clusters`");
  nr->add_option("--epochs", ner->epochs, "passes over the training data")->capture_default_str();
  nr->add_option("--seed", ner->seed, "random seed (document order)")->capture_default_str();
  auto cl = std::make_shared<ClusterFlags>();
  CLI::App* clu = app.add_subcommand(
      "clusters", "Brown word clusters from unlabelled text (features for the models)");
  clu->add_option("--corpus", cl->corpus, "input files or folders (any reader format)");
  clu->add_option("--conll2003", cl->conll2003, "CoNLL-2003 files whose words join the corpus");
  clu->add_option("--out", cl->out, "clusters file to write")->required();
  clu->add_option("--clusters", cl->clusters, "number of clusters")->capture_default_str();
  clu->add_option("--min-count", cl->min_count, "words seen fewer times get no cluster")
      ->capture_default_str();
  clu->add_option("--threads", cl->threads, "threads for merge-cost updates")
      ->capture_default_str();
  auto pl = std::make_shared<PlaceTrainFlags>();
  CLI::App* plc = app.add_subcommand(
      "places", "event-place model from the event-location records (their training part)");
  plc->add_option("--gold", pl->gold, "event-location JSON Lines (labeled_text_slim.jsonl)")
      ->required();
  plc->add_option("--out", pl->out, "model file to write")->required();
  plc->add_option("--gazetteer", pl->gazetteer, "gazetteer index (default: the build's)");
  plc->add_option("--epochs", pl->trainer.epochs, "passes over the training records")
      ->capture_default_str();
  plc->add_option("--seed", pl->trainer.seed, "random seed (record order)")->capture_default_str();
  plc->add_option("--min-updates", pl->trainer.min_updates, "drop features updated fewer times")
      ->capture_default_str();
  plc->add_option("--none-offset", pl->none_offset,
                  "subtracted from the score of \"no place\" when choosing (kept in the model)")
      ->capture_default_str();
  plc->add_flag("--dev", pl->dev,
                "train on 3 in 4 of the training records and score the rest (for tuning)");
  plc->add_flag("--cross-validate", pl->cross_validate,
                "also score each quarter of the training records with a model trained on the "
                "other three, and print the pooled P/R/F1 (for tuning with less noise)");
  AddModelFlags(*plc, pl->models, Analysis::kParse);
  return [=]() -> int {
    if (clu->parsed()) return TrainClusters(*cl);
    if (plc->parsed()) {
      Status s = TrainPlaces(*pl);
      if (!s.ok()) return Fail(s);
      fmt::print(stderr, "dyad: wrote {}\n", pl->out);
      return kExitOk;
    }
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
