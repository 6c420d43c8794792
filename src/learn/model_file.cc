#include "dyad/learn/model_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "dyad/learn/feature_hash.h"

namespace dyad::learn {
namespace {

constexpr char kMagic[8] = {'D', 'Y', 'A', 'D', 'M', 'D', 'L', '\0'};
constexpr size_t kAlign = 64;
constexpr size_t kNameBytes = 40;

// The on-disk header; all integers little-endian (dyad runs on little-endian machines only).
struct Header {
  char magic[8];
  uint32_t version;
  uint32_t section_count;
  uint64_t fingerprint;
  uint64_t checksum;  // XXH3 of bytes [sizeof(Header), file_size)
  uint64_t file_size;
  char kind[16];
  uint64_t reserved;
};
static_assert(sizeof(Header) == 64);

struct TocEntry {
  char name[kNameBytes];
  uint64_t offset;
  uint64_t size;
  uint64_t reserved;
};
static_assert(sizeof(TocEntry) == 64);

size_t AlignUp(size_t n) { return (n + kAlign - 1) / kAlign * kAlign; }

}  // namespace

uint64_t HashText(std::string_view text) { return XXH3_64bits(text.data(), text.size()); }

void ModelWriter::AddSection(std::string name, std::string bytes) {
  sections_.emplace_back(std::move(name), std::move(bytes));
}

Status ModelWriter::Write(const std::string& path, std::string_view kind,
                          uint64_t fingerprint) const {
  if (kind.size() >= sizeof(Header::kind)) return InvalidArgumentError("model kind too long");
  std::string body(sizeof(TocEntry) * sections_.size(), '\0');
  size_t offset = AlignUp(sizeof(Header) + body.size());
  std::vector<TocEntry> toc(sections_.size());
  for (size_t i = 0; i < sections_.size(); ++i) {
    const auto& [name, bytes] = sections_[i];
    if (name.size() >= kNameBytes) return InvalidArgumentError("section name too long: " + name);
    std::memset(&toc[i], 0, sizeof(TocEntry));
    std::memcpy(toc[i].name, name.data(), name.size());
    toc[i].offset = offset;
    toc[i].size = bytes.size();
    offset = AlignUp(offset + bytes.size());
  }
  std::string file(offset, '\0');
  Header h;
  std::memset(&h, 0, sizeof h);
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.version = kModelFormatVersion;
  h.section_count = static_cast<uint32_t>(sections_.size());
  h.fingerprint = fingerprint;
  h.file_size = file.size();
  std::memcpy(h.kind, kind.data(), kind.size());
  if (!toc.empty()) std::memcpy(file.data() + sizeof(Header), toc.data(), toc.size() * sizeof(TocEntry));
  for (size_t i = 0; i < sections_.size(); ++i) {
    std::memcpy(file.data() + toc[i].offset, sections_[i].second.data(), sections_[i].second.size());
  }
  h.checksum = XXH3_64bits(file.data() + sizeof(Header), file.size() - sizeof(Header));
  std::memcpy(file.data(), &h, sizeof h);

  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return NotFoundError(path + ": cannot write: " + std::strerror(errno));
    out.write(file.data(), static_cast<std::streamsize>(file.size()));
    if (!out) return DataError(path + ": write failed");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    return DataError(path + ": cannot rename: " + std::strerror(errno));
  }
  return Status::Ok();
}

ModelFile::~ModelFile() {
  if (data_ != nullptr) munmap(const_cast<char*>(data_), mapped_size_ ? mapped_size_ : size_);
}

// Weight lookups jump all over a model of tens of megabytes; with 4 KiB pages most of them
// miss the TLB. Page-cache mappings of regular files cannot use transparent huge pages, so
// large models are copied once into anonymous memory that can (a few milliseconds per model).
void ModelFile::MoveToHugePages() {
  constexpr size_t kHuge = size_t{2} << 20;
  if (size_ < kHuge) return;
  size_t rounded = (size_ + kHuge - 1) / kHuge * kHuge;
  size_t reserve = rounded + kHuge;
  void* raw = mmap(nullptr, reserve, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) return;
  uintptr_t base = reinterpret_cast<uintptr_t>(raw);
  uintptr_t aligned = (base + kHuge - 1) & ~(uintptr_t{kHuge} - 1);
  if (aligned > base) munmap(raw, aligned - base);
  size_t tail = base + reserve - (aligned + rounded);
  if (tail > 0) munmap(reinterpret_cast<void*>(aligned + rounded), tail);
  char* huge = reinterpret_cast<char*>(aligned);
  madvise(huge, rounded, MADV_HUGEPAGE);
  std::memcpy(huge, data_, size_);
  mprotect(huge, rounded, PROT_READ);
  for (auto& [name, bytes] : sections_) {
    bytes = std::string_view(huge + (bytes.data() - data_), bytes.size());
  }
  munmap(const_cast<char*>(data_), size_);
  data_ = huge;
  mapped_size_ = rounded;
}

StatusOr<std::unique_ptr<ModelFile>> ModelFile::Open(const std::string& path,
                                                     std::string_view kind) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return NotFoundError(path + ": cannot open model: " + std::strerror(errno));
  struct stat st;
  if (fstat(fd, &st) != 0) {
    ::close(fd);
    return DataError(path + ": cannot stat model");
  }
  size_t size = static_cast<size_t>(st.st_size);
  if (size < sizeof(Header)) {
    ::close(fd);
    return DataError(path + ": not a dyad model (file is " + std::to_string(size) + " bytes)");
  }
  void* map = mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (map == MAP_FAILED) return DataError(path + ": cannot map model: " + std::strerror(errno));
  std::unique_ptr<ModelFile> file(new ModelFile());
  file->path_ = path;
  file->data_ = static_cast<const char*>(map);
  file->size_ = size;

  Header h;
  std::memcpy(&h, file->data_, sizeof h);
  if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0) {
    return DataError(path + ": not a dyad model (bad magic bytes)");
  }
  if (h.version != kModelFormatVersion) {
    return DataError(path + ": model format version " + std::to_string(h.version) +
                     ", this dyad reads version " + std::to_string(kModelFormatVersion) +
                     "; retrain or use a matching dyad");
  }
  std::string file_kind(h.kind, strnlen(h.kind, sizeof h.kind));
  if (file_kind != kind) {
    return DataError(path + ": is a " + file_kind + " model, expected " + std::string(kind));
  }
  if (h.file_size != size) {
    return DataError(path + ": truncated or extended model: header says " +
                     std::to_string(h.file_size) + " bytes, file has " + std::to_string(size));
  }
  if (XXH3_64bits(file->data_ + sizeof(Header), size - sizeof(Header)) != h.checksum) {
    return DataError(path + ": corrupted model (checksum mismatch)");
  }
  if (h.section_count > (size - sizeof(Header)) / sizeof(TocEntry)) {
    return DataError(path + ": corrupted model (section table)");
  }
  for (uint32_t i = 0; i < h.section_count; ++i) {
    TocEntry e;
    std::memcpy(&e, file->data_ + sizeof(Header) + i * sizeof(TocEntry), sizeof e);
    if (e.offset > size || e.size > size - e.offset || e.offset % kAlign != 0) {
      return DataError(path + ": corrupted model (section out of bounds)");
    }
    file->sections_.emplace_back(std::string(e.name, strnlen(e.name, kNameBytes)),
                                 std::string_view(file->data_ + e.offset, e.size));
  }
  file->fingerprint_ = h.fingerprint;
  file->MoveToHugePages();
  return file;
}

StatusOr<std::string_view> ModelFile::Section(std::string_view name) const {
  for (const auto& [n, bytes] : sections_) {
    if (n == name) return bytes;
  }
  return NotFoundError(path_ + ": model has no section '" + std::string(name) + "'");
}

StatusOr<uint64_t> FingerprintFiles(const std::vector<std::string>& paths) {
  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  std::vector<char> buffer(1 << 20);
  for (const std::string& p : paths) {
    std::ifstream in(p, std::ios::binary);
    if (!in) {
      XXH3_freeState(state);
      return NotFoundError(p + ": cannot open");
    }
    while (in) {
      in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      XXH3_64bits_update(state, buffer.data(), static_cast<size_t>(in.gcount()));
    }
  }
  uint64_t h = XXH3_64bits_digest(state);
  XXH3_freeState(state);
  return h;
}

}  // namespace dyad::learn
