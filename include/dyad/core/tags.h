// Tag sets shared by every stage: UD universal POS tags, Penn Treebank XPOS tags, UD dependency
// relations and entity types, as small integer enums with name tables.
//
// Part of dyad_core. Models store these ids; later stages (actors, events) compare against the
// constants instead of strings.
//
//   Upos u = UposFromName("VERB");            // Upos::kVerb
//   std::string_view rel = DeprelName(Deprel::kNsubjPass);  // "nsubj:pass"
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace dyad {

enum class Upos : uint8_t {
  kAdj, kAdp, kAdv, kAux, kCconj, kDet, kIntj, kNoun, kNum, kPart, kPron, kPropn, kPunct,
  kSconj, kSym, kVerb, kX, kCount
};
std::string_view UposName(Upos u);
std::optional<Upos> UposFromName(std::string_view name);

// Penn Treebank tags as EWT uses them (49 of them, plus "_" for unknown at index 0).
using Xpos = uint8_t;
inline constexpr int kXposCount = 50;
std::string_view XposName(Xpos x);
std::optional<Xpos> XposFromName(std::string_view name);

// UD relations seen in English treebanks (EWT's 51 plus a few from the guidelines).
enum class Deprel : uint8_t {
  kDep, kRoot, kAcl, kAclRelcl, kAdvcl, kAdvclRelcl, kAdvmod, kAmod, kAppos, kAux, kAuxPass,
  kCase, kCc, kCcPreconj, kCcomp, kClf, kCompound, kCompoundPrt, kConj, kCop, kCsubj,
  kCsubjOuter, kCsubjPass, kDet, kDetPredet, kDiscourse, kDislocated, kExpl, kFixed, kFlat,
  kGoeswith, kIobj, kList, kMark, kNmod, kNmodDesc, kNmodPoss, kNmodUnmarked, kNsubj,
  kNsubjOuter, kNsubjPass, kNummod, kObj, kObl, kOblAgent, kOblUnmarked, kOrphan, kParataxis,
  kPunct, kReparandum, kVocative, kXcomp, kCount
};
std::string_view DeprelName(Deprel d);
// Unknown names map to nullopt; callers usually fall back to Deprel::kDep.
std::optional<Deprel> DeprelFromName(std::string_view name);

enum class EntityType : uint8_t { kPer, kOrg, kLoc, kMisc, kCount };
std::string_view EntityTypeName(EntityType t);  // "PER", "ORG", "LOC", "MISC"
std::optional<EntityType> EntityTypeFromName(std::string_view name);

}  // namespace dyad
