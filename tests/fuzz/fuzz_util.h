// Helpers shared by the fuzz targets in tests/fuzz (one file per reader of untrusted input).
//
// Each target defines LLVMFuzzerTestOneInput. Built with -DDYAD_FUZZ=ON (clang) it links
// libFuzzer; in every build it also links regress_main.cc into `<target>_regress`, which ctest
// runs over tests/fuzz/corpus/<target> and tests/fuzz/regressions/<target>.
#pragma once

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "dyad/core/document.h"
#include "dyad/io/reader.h"

namespace dyad::fuzz {

// A broken invariant: abort so that libFuzzer (and the regression driver) report it.
#define DYAD_FUZZ_ASSERT(cond)                                                       \
  do {                                                                               \
    if (!(cond)) {                                                                   \
      std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                  \
    }                                                                                \
  } while (0)

inline std::string_view AsText(const uint8_t* data, size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

// The bytes as an anonymous in-memory file, for APIs that take a path. The path is valid while
// the object lives.
class MemFile {
 public:
  explicit MemFile(std::string_view bytes) {
    fd_ = memfd_create("dyad-fuzz", MFD_CLOEXEC);
    if (fd_ < 0) std::abort();
    size_t done = 0;
    while (done < bytes.size()) {
      ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
      if (n <= 0) std::abort();
      done += static_cast<size_t>(n);
    }
    path_ = "/proc/self/fd/" + std::to_string(fd_);
  }
  ~MemFile() { ::close(fd_); }
  MemFile(const MemFile&) = delete;
  MemFile& operator=(const MemFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  int fd_ = -1;
  std::string path_;
};

// Checks what every reader promises about a record: valid UTF-8 without NUL bytes, an origin.
inline void CheckRecord(const ReadRecord& rec) {
  DYAD_FUZZ_ASSERT(!rec.doc.meta.origin.empty());
  if (!rec.status.ok()) return;
  std::string copy = rec.doc.text;
  DYAD_FUZZ_ASSERT(RepairUtf8(copy) == 0);
  DYAD_FUZZ_ASSERT(rec.doc.text.find('\0') == std::string::npos);
}

// Reads every record of `bytes` as `format`; returns how many were ok.
inline size_t ReadAll(std::string_view bytes, InputFormat format, const std::string& name) {
  ReaderOptions options;
  options.format = format;
  options.max_document_bytes = 1 << 16;
  std::unique_ptr<Reader> reader = OpenStringReader(std::string(bytes), name, options);
  size_t ok = 0;
  for (size_t n = 0; n < 100000; ++n) {
    std::optional<ReadRecord> rec = reader->Next();
    if (!rec) return ok;
    CheckRecord(*rec);
    ok += rec->status.ok();
  }
  std::fprintf(stderr, "reader did not end after 100000 records of %zu bytes\n", bytes.size());
  std::abort();
}

// Checks the layers the segmenter promises: spans inside the text, tokens in order, sentences
// covering consecutive token ranges.
inline void CheckSegmentation(const Document& doc) {
  ByteOffset prev_end = doc.body_begin;
  for (const Token& t : doc.tokens) {
    DYAD_FUZZ_ASSERT(t.span.begin <= t.span.end && t.span.end <= doc.text.size());
    DYAD_FUZZ_ASSERT(t.span.begin >= prev_end || t.span.begin == prev_end);
    prev_end = t.span.end;
  }
  TokenIndex next = 0;
  for (const Sentence& s : doc.sentences) {
    DYAD_FUZZ_ASSERT(s.first_token == next && s.first_token < s.end_token);
    DYAD_FUZZ_ASSERT(s.end_token <= doc.tokens.size());
    DYAD_FUZZ_ASSERT(s.span.end <= doc.text.size());
    next = s.end_token;
  }
}

}  // namespace dyad::fuzz
