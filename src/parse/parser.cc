#include "dyad/parse/parser.h"

#include <limits>
#include <vector>

#include "parse_words.h"
#include "transition.h"

namespace dyad {
namespace {

using namespace parse_internal;

class ParserWorkspace : public Stage::Workspace {
 public:
  State state;
  std::vector<ParseWord> words;
  std::vector<uint64_t> features;
  std::vector<learn::LinearModel::Score> scores;
  std::vector<std::string_view> texts;
};

}  // namespace

StatusOr<std::shared_ptr<const Parser>> Parser::Load(const std::string& path) {
  DYAD_ASSIGN_OR_RETURN(std::unique_ptr<learn::ModelFile> file,
                        learn::ModelFile::Open(path, "parser"));
  std::shared_ptr<Parser> p(new Parser());
  DYAD_ASSIGN_OR_RETURN(std::string_view w, file->Section("weights"));
  DYAD_ASSIGN_OR_RETURN(p->weights_, learn::LinearModel::FromBytes(w));
  if (p->weights_.num_classes() != kNumActions) {
    return DataError(path + ": parser model has " + std::to_string(p->weights_.num_classes()) +
                     " actions, this dyad uses " + std::to_string(kNumActions));
  }
  if (auto c = file->Section("clusters"); c.ok()) {
    DYAD_ASSIGN_OR_RETURN(p->clusters_, learn::WordClusters::FromBytes(*c));
  }
  p->file_ = std::move(file);
  return std::shared_ptr<const Parser>(std::move(p));
}

std::unique_ptr<Stage::Workspace> Parser::NewWorkspace() const {
  auto ws = std::make_unique<ParserWorkspace>();
  ws->scores.resize(weights_.score_size());
  return ws;
}

void Parser::ParseWords(const std::string_view* words, size_t n, Workspace& workspace,
                        WordAnalysis* out) const {
  auto& ws = static_cast<ParserWorkspace&>(workspace);
  MakeParseWords(words, out, n, clusters_, ws.words);
  State& st = ws.state;
  st.Reset(static_cast<int>(n));
  while (!st.Terminal()) {
    ws.features.clear();
    ParserFeatures(st, ws.words.data(), ws.features);
    std::fill(ws.scores.begin(), ws.scores.end(), 0);
    weights_.AddScores(ws.features.data(), ws.features.size(), ws.scores.data());
    int best = -1;
    learn::LinearModel::Score best_score = std::numeric_limits<learn::LinearModel::Score>::min();
    for (int a = 0; a < kNumActions; ++a) {
      if ((best < 0 || ws.scores[a] > best_score) && st.Valid(a)) {
        best = a;
        best_score = ws.scores[a];
      }
    }
    st.Apply(best);
  }
  for (size_t i = 0; i < n; ++i) {
    int h = st.head[i];
    out[i].head = (h < 0 || h == static_cast<int>(n)) ? kNoHead : static_cast<TokenIndex>(h);
    out[i].deprel = static_cast<Deprel>(st.label[i]);
  }
}

Status Parser::Process(Document& doc, Workspace& workspace) const {
  if (doc.words.size() != doc.tokens.size()) {
    return FailedPreconditionError("parse: the document has no tags (run the tagger first)");
  }
  auto& ws = static_cast<ParserWorkspace&>(workspace);
  for (const Sentence& s : doc.sentences) {
    ws.texts.clear();
    for (TokenIndex t = s.first_token; t < s.end_token; ++t) {
      ws.texts.push_back(doc.SpanText(doc.tokens[t].span));
    }
    WordAnalysis* out = doc.words.data() + s.first_token;
    ParseWords(ws.texts.data(), ws.texts.size(), workspace, out);
    for (size_t i = 0; i < ws.texts.size(); ++i) {
      if (out[i].head != kNoHead) out[i].head += s.first_token;
    }
  }
  return Status::Ok();
}

}  // namespace dyad
