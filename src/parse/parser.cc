#include "dyad/parse/parser.h"

#include <limits>
#include <vector>

#include "parse_words.h"
#include "transition.h"

namespace dyad {
namespace {

using namespace parse_internal;

using Score = learn::LinearModel::Score;

class ParserWorkspace : public Stage::Workspace {
 public:
  State state;
  std::vector<ParseWord> words;
  uint64_t features[kMaxParserFeatures];
  std::vector<Score> scores;
  std::vector<std::string_view> texts;
  // Per word: how many children it has been given so far in this sentence.
  std::vector<int> version;
  // Per word: the scores of the stack (buffer) features with that word as s0 (b0), computed
  // when it had stack_version[k] (buffer_version[k]) children; -1 = not computed.
  std::vector<int> stack_version, buffer_version;
  std::vector<Score> stack_scores, buffer_scores;
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
  // The bias feature is in every state: its scores are added once per state from here.
  p->bias_.assign(p->weights_.score_size(), 0);
  uint64_t bias_features[kMaxParserFeatures];
  State empty;
  empty.Reset(0);
  ParseWord root{};
  size_t num_bias = ParserFeatures(empty, &root, kBiasFeature, bias_features);
  p->weights_.AddScores(bias_features, num_bias, p->bias_.data());
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
  // The scores of the stack features stay valid while s0 is on the stack and gains no right
  // child, those of the buffer features while b0 gains no left child: each is kept per word
  // with the number of children the word had (`version`) when it was computed. Integer sums
  // do not depend on the order of their terms, so the scores are those of all features at once.
  const size_t stride = ws.scores.size();
  ws.version.assign(n + 1, 0);
  ws.stack_version.assign(n + 1, -1);
  ws.buffer_version.assign(n + 1, -1);
  ws.stack_scores.resize((n + 1) * stride);
  ws.buffer_scores.resize((n + 1) * stride);
  auto cached = [&](unsigned group, int key, std::vector<int>& at_version,
                    std::vector<Score>& cache) -> const Score* {
    Score* row = cache.data() + static_cast<size_t>(key) * stride;
    if (at_version[key] != ws.version[key]) {
      size_t k = ParserFeatures(st, ws.words.data(), group, ws.features);
      std::fill(row, row + stride, 0);
      weights_.AddScores(ws.features, k, row);
      at_version[key] = ws.version[key];
    }
    return row;
  };
  Score* scores = ws.scores.data();
  while (!st.Terminal()) {
    const int s0 = st.S(0);
    // An empty stack reads as "none" everywhere: index n (the root, never on the stack).
    const Score* stack = cached(kStackFeatures, s0 < 0 ? static_cast<int>(n) : s0, ws.stack_version,
                                ws.stack_scores);
    const Score* buffer = cached(kBufferFeatures, st.B(0), ws.buffer_version, ws.buffer_scores);
    for (size_t c = 0; c < stride; ++c) scores[c] = bias_[c] + stack[c] + buffer[c];
    size_t k = ParserFeatures(st, ws.words.data(), kCrossFeatures, ws.features);
    weights_.AddScores(ws.features, k, scores);
    int best = -1;
    Score best_score = std::numeric_limits<Score>::min();
    for (int a = 0; a < kNumActions; ++a) {
      if ((best < 0 || scores[a] > best_score) && st.Valid(a)) {
        best = a;
        best_score = scores[a];
      }
    }
    // LEFT gives b0 a left child, RIGHT gives s1 a right child.
    if (IsLeft(best)) ++ws.version[st.B(0)];
    if (IsRight(best)) ++ws.version[st.S(1)];
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
