// Feature hashing for dyad's linear models: strings become 64-bit ids once per token, and
// feature templates combine those ids with cheap integer mixing.
//
// Part of dyad_learn. Used by the tagger, parser and NER, at run time and in the trainers.
//
//   uint64_t w = HashText("Kerry");
//   uint64_t f = Feature(kTemplateWord, w);          // "w0=Kerry"
//   uint64_t g = Feature(kTemplateTagWord, 12, w);   // "t-1=NNP w0=Kerry"
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace dyad::learn {

// 64-bit hash of bytes (XXH3).
uint64_t HashText(std::string_view text);

// ASCII letters lower-cased; other bytes unchanged.
std::string AsciiLower(std::string_view s);
// Word shape ("Xxxx", "dd-dd", "X.X.") with runs longer than two collapsed, at most 12 bytes.
std::string WordShape(std::string_view s);
// Hashes of the 1..3-byte prefixes and 1..4-byte suffixes of a lower-cased word; 0 where the
// word is not longer than the affix.
void AffixHashes(std::string_view lower, uint64_t (&prefix)[3], uint64_t (&suffix)[4]);

// A 64-bit finaliser (MurmurHash3's fmix64): every input bit affects every output bit.
inline uint64_t Mix64(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

// A feature id from a template number and one to three values. Never 0.
inline uint64_t Feature(uint32_t templ, uint64_t a) {
  return Mix64(a * 0x9E3779B97F4A7C15ULL + templ + 1) | 1;
}
inline uint64_t Feature(uint32_t templ, uint64_t a, uint64_t b) {
  return Mix64(Feature(templ, a) ^ (b * 0xC2B2AE3D27D4EB4FULL + 0x165667B19E3779F9ULL)) | 1;
}
inline uint64_t Feature(uint32_t templ, uint64_t a, uint64_t b, uint64_t c) {
  return Mix64(Feature(templ, a, b) ^ (c * 0x27D4EB2F165667C5ULL + 0x85EBCA77C2B2AE63ULL)) | 1;
}

}  // namespace dyad::learn
