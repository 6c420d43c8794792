// dyad eval: scores against gold data; the last stdout line is a JSON object.
#include <fmt/format.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>

#include "common.h"
#include "dyad/eval/segment_eval.h"
#include "dyad/eval/ner_eval.h"
#include "dyad/eval/parse_eval.h"
#include "dyad/eval/tag_eval.h"
#include "dyad/tag/tagger.h"
#include "dyad/text/segmenter.h"
#include "verbs.h"

namespace dyad::cli {

namespace {

double Round2(double v) { return std::round(v * 100) / 100; }

int EvalPos(const std::string& gold_path, const std::string& model) {
  auto gold = ReadConlluSentences(gold_path);
  if (!gold.ok()) return Fail(gold.status());
  auto tagger = Tagger::Load(model);
  if (!tagger.ok()) return Fail(tagger.status());
  TagScores s = EvaluateTagger(**tagger, *gold);
  fmt::print("{} sentences, {} words from {}\n", gold->size(), s.words, gold_path);
  fmt::print("UPOS {:6.2f}  XPOS {:6.2f}  UPOS+XPOS {:6.2f}  lemma {:6.2f}\n", s.Accuracy(s.upos),
             s.Accuracy(s.xpos), s.Accuracy(s.all_tags), s.Accuracy(s.lemma));
  nlohmann::json j = {{"upos", Round2(s.Accuracy(s.upos))}, {"xpos", Round2(s.Accuracy(s.xpos))},
                      {"upos_xpos", Round2(s.Accuracy(s.all_tags))},
                      {"lemma", Round2(s.Accuracy(s.lemma))}, {"words", s.words}};
  fmt::print("{}\n", j.dump());
  return kExitOk;
}

int EvalParse(const std::string& gold_path, const std::string& tagger_path,
              const std::string& parser_path, bool gold_tags) {
  auto gold = ReadConlluSentences(gold_path);
  if (!gold.ok()) return Fail(gold.status());
  std::shared_ptr<const Tagger> tagger;
  if (!gold_tags) {
    auto t = Tagger::Load(tagger_path);
    if (!t.ok()) return Fail(t.status());
    tagger = *t;
  }
  auto parser = Parser::Load(parser_path);
  if (!parser.ok()) return Fail(parser.status());
  auto start = std::chrono::steady_clock::now();
  ParseScores s = EvaluateParser(**parser, tagger.get(), *gold);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fmt::print("{} sentences, {} words from {} ({} tags, {:.0f} words/s tag+parse)\n", gold->size(),
             s.words, gold_path, gold_tags ? "gold" : "predicted", s.words / std::max(secs, 1e-9));
  fmt::print("UAS {:6.2f}  LAS {:6.2f}  LAS with subtypes {:6.2f}\n", s.Accuracy(s.uas),
             s.Accuracy(s.las), s.Accuracy(s.las_full));
  nlohmann::json labels = nlohmann::json::object();
  for (const char* rel : {"nsubj", "obj", "obl", "nsubj:pass", "conj", "iobj", "obl:agent",
                          "ccomp", "xcomp", "advcl", "acl:relcl", "nmod", "amod", "compound"}) {
    auto it = s.labels.find(rel);
    double f1 = it == s.labels.end() ? 0.0 : it->second.F1();
    fmt::print("  {:<11} F1 {:6.2f}\n", rel, f1);
    labels[rel] = Round2(f1);
  }
  nlohmann::json j = {{"uas", Round2(s.Accuracy(s.uas))}, {"las", Round2(s.Accuracy(s.las))},
                      {"las_full", Round2(s.Accuracy(s.las_full))}, {"words", s.words},
                      {"label_f1", labels}};
  fmt::print("{}\n", j.dump());
  return kExitOk;
}

int EvalNer(const std::string& gold_path, const std::string& tagger_path,
            const std::string& model_path) {
  std::vector<std::string> warnings;
  auto gold = ReadConll2003(gold_path, &warnings);
  if (!gold.ok()) return Fail(gold.status());
  for (size_t i = 0; i < warnings.size() && i < 20; ++i) fmt::print(stderr, "dyad: warning: {}\n", warnings[i]);
  std::shared_ptr<const Tagger> tagger;
  if (!tagger_path.empty()) {
    auto t = Tagger::Load(tagger_path);
    if (!t.ok()) return Fail(t.status());
    tagger = *t;
  }
  auto ner = EntityRecognizer::Load(model_path);
  if (!ner.ok()) return Fail(ner.status());
  NerScores s = EvaluateNer(**ner, tagger.get(), *gold);
  fmt::print("{} documents, {} words, {} gold entities from {}\n", gold->size(), s.words, s.all.gold, gold_path);
  nlohmann::json types = nlohmann::json::object();
  for (const auto& [type, c] : s.by_type) {
    fmt::print("  {:<5} P {:6.2f}  R {:6.2f}  F1 {:6.2f}  ({} gold)\n", type, c.Precision(), c.Recall(), c.F1(), c.gold);
    types[type] = Round2(c.F1());
  }
  fmt::print("all   P {:6.2f}  R {:6.2f}  F1 {:6.2f}\n", s.all.Precision(), s.all.Recall(), s.all.F1());
  nlohmann::json j = {{"precision", Round2(s.all.Precision())}, {"recall", Round2(s.all.Recall())},
                      {"f1", Round2(s.all.F1())}, {"type_f1", types}, {"entities", s.all.gold}};
  fmt::print("{}\n", j.dump());
  return kExitOk;
}

}  // namespace

VerbRun SetupEval(CLI::App& app) {
  struct Flags {
    std::string gold;
    std::string line_breaks = "auto";
    std::string tagger = DefaultModelPath("tagger.dyad");
    std::string parser = DefaultModelPath("parser.dyad");
    bool gold_tags = false;
    std::string ner = DefaultModelPath("ner.dyad");
  };
  auto f = std::make_shared<Flags>();
  app.require_subcommand(1);
  CLI::App* seg = app.add_subcommand("segment", "token and sentence F1 on a CoNLL-U file's raw text");
  seg->add_option("--gold", f->gold, "gold CoNLL-U file (raw text is rebuilt from # text lines)")->required();
  CLI::App* pos = app.add_subcommand("pos", "UPOS, XPOS and lemma accuracy on gold tokens of a CoNLL-U file");
  pos->add_option("--gold", f->gold, "gold CoNLL-U file")->required();
  pos->add_option("--model", f->tagger, "tagger model")->capture_default_str();
  CLI::App* parse = app.add_subcommand("parse", "UAS/LAS on gold tokens of a CoNLL-U file (predicted tags)");
  parse->add_option("--gold", f->gold, "gold CoNLL-U file")->required();
  parse->add_option("--tagger", f->tagger, "tagger model")->capture_default_str();
  parse->add_option("--model", f->parser, "parser model")->capture_default_str();
  parse->add_flag("--gold-tags", f->gold_tags, "use the file's tags instead of the tagger's");
  CLI::App* ner = app.add_subcommand("ner", "entity P/R/F1 (exact match, as conlleval) on a CoNLL-2003 file");
  ner->add_option("--gold", f->gold, "gold CoNLL-2003 file (eng.testb)")->required();
  ner->add_option("--tagger", f->tagger, "tagger model for tag features")->capture_default_str();
  ner->add_option("--model", f->ner, "NER model")->capture_default_str();
  CLI::App* actors = app.add_subcommand("actors", "share of the Phoenix dictionaries' actor mentions dyad codes alike");
  VerbRun run_actors = SetupEvalActors(*actors);
  CLI::App* places = app.add_subcommand("places", "event-location span P/R/F1 and country accuracy");
  VerbRun run_places = SetupEvalPlaces(*places);
  return [f, seg, pos, parse, ner, actors, run_actors, places, run_places]() -> int {
    if (actors->parsed()) return run_actors();
    if (places->parsed()) return run_places();
    if (ner->parsed()) return EvalNer(f->gold, f->tagger, f->ner);
    if (pos->parsed()) return EvalPos(f->gold, f->tagger);
    if (parse->parsed()) return EvalParse(f->gold, f->tagger, f->parser, f->gold_tags);
    if (!seg->parsed()) return kExitUsage;
    std::ifstream in(f->gold, std::ios::binary);
    if (!in) return Fail(NotFoundError(f->gold + ": cannot open"));
    ConlluDocumentReader gold(in, f->gold);
    auto segmenter = Segmenter::Load(SegmenterOptions{});
    if (!segmenter.ok()) return Fail(segmenter.status());
    StatusOr<SegmentScores> s = EvaluateSegmentation(gold, {*segmenter});
    if (!s.ok()) return Fail(s.status());
    for (size_t i = 0; i < s->warnings.size() && i < 20; ++i) fmt::print(stderr, "dyad: warning: {}\n", s->warnings[i]);
    auto row = [](const char* name, const SpanScore& sc) {
      fmt::print("{:<10} gold {:>7}  predicted {:>7}  correct {:>7}  P {:6.2f}  R {:6.2f}  F1 {:6.2f}\n", name,
                 sc.gold, sc.predicted, sc.correct, sc.Precision(), sc.Recall(), sc.F1());
    };
    fmt::print("{} documents from {}\n", s->documents, f->gold);
    row("tokens", s->token);
    row("words", s->word);
    row("sentences", s->sentence);
    auto r2 = [](double v) { return std::round(v * 100) / 100; };
    nlohmann::json j = {{"token_f1", r2(s->token.F1())},
                        {"sentence_f1", r2(s->sentence.F1())},
                        {"word_f1", r2(s->word.F1())},
                        {"token_precision", r2(s->token.Precision())},
                        {"token_recall", r2(s->token.Recall())},
                        {"sentence_precision", r2(s->sentence.Precision())},
                        {"sentence_recall", r2(s->sentence.Recall())}};
    fmt::print("{}\n", j.dump());
    return kExitOk;
  };
}

}  // namespace dyad::cli
