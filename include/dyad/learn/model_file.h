// ModelFile: dyad's binary container for trained weights and lexicons, read by memory-mapping.
//
// Part of dyad_learn. A file is a 64-byte header (magic "DYADMDL", format version, kind such as
// "tagger", a fingerprint of the training data, a checksum of the body), a table of named
// sections and the sections themselves, each 64-byte aligned so arrays can be used in place.
// Opening verifies magic, version, kind, size and checksum, so a truncated or corrupted file
// is a clear Status, never a crash.
//
//   ModelWriter w;
//   w.AddSection("classes", classes_text);
//   DYAD_RETURN_IF_ERROR(w.Write("models/tagger.dyad", "tagger", fingerprint));
//   DYAD_ASSIGN_OR_RETURN(auto file, ModelFile::Open("models/tagger.dyad", "tagger"));
//   std::string_view classes = *file->Section("classes");
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dyad/core/status.h"

namespace dyad::learn {

inline constexpr uint32_t kModelFormatVersion = 2;

class ModelWriter {
 public:
  void AddSection(std::string name, std::string bytes);
  // Writes atomically (temporary file, then rename).
  Status Write(const std::string& path, std::string_view kind, uint64_t fingerprint) const;

 private:
  std::vector<std::pair<std::string, std::string>> sections_;
};

// A read-only, memory-mapped model file. Thread-safe; sections stay valid while it lives.
class ModelFile {
 public:
  ~ModelFile();
  ModelFile(const ModelFile&) = delete;
  ModelFile& operator=(const ModelFile&) = delete;

  // `kind` must match the kind the file was written with.
  static StatusOr<std::unique_ptr<ModelFile>> Open(const std::string& path,
                                                   std::string_view kind);
  // NotFound when the file has no such section.
  StatusOr<std::string_view> Section(std::string_view name) const;
  uint64_t fingerprint() const { return fingerprint_; }
  const std::string& path() const { return path_; }
  size_t size() const { return size_; }

 private:
  ModelFile() = default;
  void MoveToHugePages();
  std::string path_;
  const char* data_ = nullptr;
  size_t size_ = 0;
  size_t mapped_size_ = 0;  // when the data was moved to huge pages
  uint64_t fingerprint_ = 0;
  std::vector<std::pair<std::string, std::string_view>> sections_;
};

// Fingerprint of training data: XXH3 over the files' bytes, in order.
StatusOr<uint64_t> FingerprintFiles(const std::vector<std::string>& paths);

}  // namespace dyad::learn
