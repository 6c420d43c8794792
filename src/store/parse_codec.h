// The compact blobs a store keeps per document so that recoding needs no tagger, parser or NER:
// tokens (spans + flags), words (lemma, UPOS, XPOS, head, deprel) and entities.
//
// Private to dyad_store. Each blob starts with a magic byte and a format version; integers are
// LEB128 varints, token begins are deltas from the previous token's end, heads are stored as
// head + 1 (0 = root), and a lemma that is its token's text in ASCII lower case (most are) is
// not stored again. A blob of another version or a truncated one is a DataError.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dyad/core/document.h"
#include "dyad/core/status.h"

namespace dyad::store_internal {

inline constexpr unsigned char kTokensMagic = 'T', kWordsMagic = 'W', kEntitiesMagic = 'E';
inline constexpr unsigned char kParseFormatVersion = 1;

std::string EncodeTokens(const std::vector<Token>& tokens);
// `tokens` and `text` are the document's: words[i] is tokens[i]'s analysis.
std::string EncodeWords(const std::vector<WordAnalysis>& words, const std::vector<Token>& tokens,
                        std::string_view text);
std::string EncodeEntities(const std::vector<Entity>& entities);

// `what` names the blob in messages ("doc 12 tokens").
StatusOr<std::vector<Token>> DecodeTokens(std::string_view blob, const std::string& what);
// `tokens` must lie inside `text` (the caller checks).
StatusOr<std::vector<WordAnalysis>> DecodeWords(std::string_view blob,
                                                const std::vector<Token>& tokens,
                                                std::string_view text, const std::string& what);
StatusOr<std::vector<Entity>> DecodeEntities(std::string_view blob, const std::string& what);

}  // namespace dyad::store_internal
