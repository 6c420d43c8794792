#include "dyad/core/tags.h"

#include <array>

namespace dyad {
namespace {

constexpr std::array<std::string_view, static_cast<int>(Upos::kCount)> kUpos = {
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM",
    "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"};

constexpr std::array<std::string_view, kXposCount> kXpos = {
    "_",   "$",   "''",  ",",   "-LRB-", "-RRB-", ".",   ":",   "ADD", "AFX", "CC",  "CD",  "DT",
    "EX",  "FW",  "GW",  "HYPH", "IN",   "JJ",    "JJR", "JJS", "LS",  "MD",  "NFP", "NN",  "NNP",
    "NNPS", "NNS", "PDT", "POS", "PRP",  "PRP$",  "RB",  "RBR", "RBS", "RP",  "SYM", "TO",  "UH",
    "VB",  "VBD", "VBG", "VBN", "VBP",   "VBZ",   "WDT", "WP",  "WP$", "WRB", "``"};

constexpr std::array<std::string_view, static_cast<int>(Deprel::kCount)> kDeprel = {
    "dep",        "root",        "acl",       "acl:relcl",   "advcl",      "advcl:relcl",
    "advmod",     "amod",        "appos",     "aux",         "aux:pass",   "case",
    "cc",         "cc:preconj",  "ccomp",     "clf",         "compound",   "compound:prt",
    "conj",       "cop",         "csubj",     "csubj:outer", "csubj:pass", "det",
    "det:predet", "discourse",   "dislocated", "expl",       "fixed",      "flat",
    "goeswith",   "iobj",        "list",      "mark",        "nmod",       "nmod:desc",
    "nmod:poss",  "nmod:unmarked", "nsubj",   "nsubj:outer", "nsubj:pass", "nummod",
    "obj",        "obl",         "obl:agent", "obl:unmarked", "orphan",    "parataxis",
    "punct",      "reparandum",  "vocative",  "xcomp"};

constexpr std::array<std::string_view, 4> kEntity = {"PER", "ORG", "LOC", "MISC"};

template <typename T, size_t N>
std::optional<T> Find(const std::array<std::string_view, N>& table, std::string_view name) {
  for (size_t i = 0; i < N; ++i) {
    if (table[i] == name) return static_cast<T>(i);
  }
  return std::nullopt;
}

}  // namespace

std::string_view UposName(Upos u) {
  auto i = static_cast<size_t>(u);
  return i < kUpos.size() ? kUpos[i] : "X";
}
std::optional<Upos> UposFromName(std::string_view name) { return Find<Upos>(kUpos, name); }

std::string_view XposName(Xpos x) { return x < kXpos.size() ? kXpos[x] : "_"; }
std::optional<Xpos> XposFromName(std::string_view name) { return Find<Xpos>(kXpos, name); }

std::string_view DeprelName(Deprel d) {
  auto i = static_cast<size_t>(d);
  return i < kDeprel.size() ? kDeprel[i] : "dep";
}
std::optional<Deprel> DeprelFromName(std::string_view name) {
  return Find<Deprel>(kDeprel, name);
}

std::string_view EntityTypeName(EntityType t) {
  auto i = static_cast<size_t>(t);
  return i < kEntity.size() ? kEntity[i] : "MISC";
}
std::optional<EntityType> EntityTypeFromName(std::string_view name) {
  return Find<EntityType>(kEntity, name);
}

}  // namespace dyad
