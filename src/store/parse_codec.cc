#include "parse_codec.h"

#include <cstdint>

namespace dyad::store_internal {
namespace {

void PutVarint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

// Reads a blob front to back; any read past the end marks it bad instead of crashing.
class BlobReader {
 public:
  explicit BlobReader(std::string_view b) : b_(b) {}
  uint64_t Varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= b_.size()) return Bad();
      uint8_t c = static_cast<uint8_t>(b_[pos_++]);
      v |= static_cast<uint64_t>(c & 0x7F) << shift;
      if (!(c & 0x80)) return v;
    }
    return Bad();
  }
  uint8_t Byte() {
    if (pos_ >= b_.size()) return static_cast<uint8_t>(Bad());
    return static_cast<uint8_t>(b_[pos_++]);
  }
  std::string_view Bytes(uint64_t n) {
    if (n > b_.size() - pos_) {
      Bad();
      return {};
    }
    std::string_view s = b_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  bool bad() const { return bad_; }
  bool done() const { return pos_ == b_.size(); }

 private:
  uint64_t Bad() {
    bad_ = true;
    pos_ = b_.size();
    return 0;
  }
  std::string_view b_;
  size_t pos_ = 0;
  bool bad_ = false;
};

Status CheckHeader(BlobReader& r, unsigned char magic, const std::string& what, uint64_t& count) {
  uint8_t m = r.Byte(), v = r.Byte();
  if (r.bad() || m != magic) return DataError(what + ": not a dyad parse blob (bad magic byte)");
  if (v != kParseFormatVersion)
    return FailedPreconditionError(what + ": parse blob format " + std::to_string(v) +
                                   ", this dyad reads " + std::to_string(kParseFormatVersion));
  count = r.Varint();
  if (r.bad()) return DataError(what + ": truncated parse blob");
  return Status::Ok();
}

Status CheckEnd(const BlobReader& r, const std::string& what) {
  if (r.bad()) return DataError(what + ": truncated parse blob");
  if (!r.done()) return DataError(what + ": trailing bytes after the parse blob");
  return Status::Ok();
}

std::string Header(unsigned char magic, size_t count) {
  std::string out;
  out.push_back(static_cast<char>(magic));
  out.push_back(static_cast<char>(kParseFormatVersion));
  PutVarint(out, count);
  return out;
}

// The token's text in ASCII lower case, the lemma most words have.
std::string_view LowerText(const std::vector<Token>& tokens, size_t i, std::string_view text,
                           std::string& buf) {
  if (i >= tokens.size() || tokens[i].span.end > text.size()) return {};
  buf.assign(text.substr(tokens[i].span.begin, tokens[i].span.size()));
  for (char& c : buf)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return buf;
}

}  // namespace

std::string EncodeTokens(const std::vector<Token>& tokens) {
  std::string out = Header(kTokensMagic, tokens.size());
  ByteOffset prev_end = 0;
  for (const Token& t : tokens) {
    // Tokens follow one another, so begin - previous end is small; a zig-zag keeps the rare
    // overlap (a multiword range) representable.
    int64_t delta = static_cast<int64_t>(t.span.begin) - prev_end;
    PutVarint(out, static_cast<uint64_t>((delta << 1) ^ (delta >> 63)));
    PutVarint(out, t.span.end - t.span.begin);
    out.push_back(static_cast<char>(t.flags));
    prev_end = t.span.end;
  }
  return out;
}

StatusOr<std::vector<Token>> DecodeTokens(std::string_view blob, const std::string& what) {
  BlobReader r(blob);
  uint64_t n = 0;
  DYAD_RETURN_IF_ERROR(CheckHeader(r, kTokensMagic, what, n));
  if (n > blob.size()) return DataError(what + ": token count " + std::to_string(n) + " too large");
  std::vector<Token> tokens(n);
  int64_t prev_end = 0;
  for (Token& t : tokens) {
    uint64_t z = r.Varint();
    int64_t delta = static_cast<int64_t>(z >> 1) ^ -static_cast<int64_t>(z & 1);
    int64_t begin = prev_end + delta;
    uint64_t size = r.Varint();
    t.flags = r.Byte();
    if (r.bad()) break;
    if (begin < 0 || begin + size > 0xFFFFFFFFull)
      return DataError(what + ": token span out of range");
    t.span = {static_cast<ByteOffset>(begin), static_cast<ByteOffset>(begin + size)};
    prev_end = t.span.end;
  }
  DYAD_RETURN_IF_ERROR(CheckEnd(r, what));
  return tokens;
}

std::string EncodeWords(const std::vector<WordAnalysis>& words, const std::vector<Token>& tokens,
                        std::string_view text) {
  std::string out = Header(kWordsMagic, words.size());
  std::string lower;
  for (size_t i = 0; i < words.size(); ++i) {
    const WordAnalysis& w = words[i];
    // 0: the lowered token text; else the lemma's length + 1 and its bytes.
    if (i < tokens.size() && w.lemma == LowerText(tokens, i, text, lower)) {
      PutVarint(out, 0);
    } else {
      PutVarint(out, w.lemma.size() + 1);
      out += w.lemma;
    }
    out.push_back(static_cast<char>(w.upos));
    out.push_back(static_cast<char>(w.xpos));
    out.push_back(static_cast<char>(w.deprel));
    PutVarint(out, w.head == kNoHead ? 0 : static_cast<uint64_t>(w.head) + 1);
  }
  return out;
}

StatusOr<std::vector<WordAnalysis>> DecodeWords(std::string_view blob,
                                                const std::vector<Token>& tokens,
                                                std::string_view text, const std::string& what) {
  BlobReader r(blob);
  uint64_t n = 0;
  DYAD_RETURN_IF_ERROR(CheckHeader(r, kWordsMagic, what, n));
  if (n > blob.size()) return DataError(what + ": word count " + std::to_string(n) + " too large");
  std::vector<WordAnalysis> words(n);
  for (size_t i = 0; i < n; ++i) {
    WordAnalysis& w = words[i];
    uint64_t lemma = r.Varint();
    if (lemma == 0) {
      if (i >= tokens.size()) return DataError(what + ": a lemma refers to a missing token");
      LowerText(tokens, i, text, w.lemma);
    } else {
      w.lemma = std::string(r.Bytes(lemma - 1));
    }
    uint8_t upos = r.Byte(), xpos = r.Byte(), deprel = r.Byte();
    uint64_t head = r.Varint();
    if (r.bad()) break;
    if (upos >= static_cast<uint8_t>(Upos::kCount) || xpos >= kXposCount ||
        deprel >= static_cast<uint8_t>(Deprel::kCount) || head > n)
      return DataError(what + ": word tag or head out of range");
    w.upos = static_cast<Upos>(upos);
    w.xpos = xpos;
    w.deprel = static_cast<Deprel>(deprel);
    w.head = head == 0 ? kNoHead : static_cast<TokenIndex>(head - 1);
  }
  DYAD_RETURN_IF_ERROR(CheckEnd(r, what));
  return words;
}

std::string EncodeEntities(const std::vector<Entity>& entities) {
  std::string out = Header(kEntitiesMagic, entities.size());
  for (const Entity& e : entities) {
    PutVarint(out, e.sentence);
    PutVarint(out, e.first_token);
    PutVarint(out, e.end_token - e.first_token);
    PutVarint(out, e.span.begin);
    PutVarint(out, e.span.end - e.span.begin);
    out.push_back(static_cast<char>(e.type));
  }
  return out;
}

StatusOr<std::vector<Entity>> DecodeEntities(std::string_view blob, const std::string& what) {
  BlobReader r(blob);
  uint64_t n = 0;
  DYAD_RETURN_IF_ERROR(CheckHeader(r, kEntitiesMagic, what, n));
  if (n > blob.size())
    return DataError(what + ": entity count " + std::to_string(n) + " too large");
  std::vector<Entity> entities(n);
  for (Entity& e : entities) {
    uint64_t sentence = r.Varint(), first = r.Varint(), size = r.Varint();
    uint64_t begin = r.Varint(), bytes = r.Varint();
    uint8_t type = r.Byte();
    if (r.bad()) break;
    if (first + size > 0xFFFFFFFFull || begin + bytes > 0xFFFFFFFFull ||
        type >= static_cast<uint8_t>(EntityType::kCount))
      return DataError(what + ": entity out of range");
    e.sentence = static_cast<SentenceIndex>(sentence);
    e.first_token = static_cast<TokenIndex>(first);
    e.end_token = static_cast<TokenIndex>(first + size);
    e.span = {static_cast<ByteOffset>(begin), static_cast<ByteOffset>(begin + bytes)};
    e.type = static_cast<EntityType>(type);
  }
  DYAD_RETURN_IF_ERROR(CheckEnd(r, what));
  return entities;
}

}  // namespace dyad::store_internal
