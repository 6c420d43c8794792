#include "dyad/learn/linear_model.h"

#include <cstring>

namespace dyad::learn {
namespace {

uint64_t CapacityFor(size_t n) {
  uint64_t cap = 16;
  while (cap < n + n / 2 + 1) cap <<= 1;  // load factor <= 2/3
  return cap;
}

template <typename T>
void Append(std::string& out, const T& value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

void PadTo8(std::string& out) {
  while (out.size() % 8 != 0) out.push_back('\0');
}

uint64_t NonZeroKey(uint64_t key) { return key == 0 ? 1 : key; }

}  // namespace

std::string HashIndex::Serialize(const std::vector<std::pair<uint64_t, uint32_t>>& entries) {
  uint64_t cap = CapacityFor(entries.size());
  std::vector<Slot> slots(cap, Slot{0, 0, 0});
  for (const auto& [key, value] : entries) {
    uint64_t k = NonZeroKey(key);
    uint64_t s = k & (cap - 1);
    while (slots[s].key != 0 && slots[s].key != k) s = (s + 1) & (cap - 1);
    slots[s] = Slot{k, value, 0};
  }
  std::string out;
  Append(out, cap);
  Append(out, static_cast<uint64_t>(entries.size()));
  out.append(reinterpret_cast<const char*>(slots.data()), slots.size() * sizeof(Slot));
  return out;
}

StatusOr<HashIndex> HashIndex::FromBytes(std::string_view bytes) {
  if (bytes.size() < 16) return DataError("hash index section too small");
  uint64_t cap, count;
  std::memcpy(&cap, bytes.data(), 8);
  std::memcpy(&count, bytes.data() + 8, 8);
  if (cap == 0 || (cap & (cap - 1)) != 0 || count >= cap ||
      bytes.size() != 16 + cap * sizeof(Slot)) {
    return DataError("hash index section is inconsistent");
  }
  const Slot* slots = reinterpret_cast<const Slot*>(bytes.data() + 16);
  uint64_t used = 0;
  for (uint64_t s = 0; s < cap; ++s) used += slots[s].key != 0;
  if (used >= cap) return DataError("hash index has no free slot");
  HashIndex h;
  h.slots_ = reinterpret_cast<const Slot*>(bytes.data() + 16);
  h.mask_ = cap - 1;
  h.count_ = count;
  return h;
}

std::optional<uint32_t> HashIndex::Find(uint64_t key) const {
  if (slots_ == nullptr) return std::nullopt;
  uint64_t k = NonZeroKey(key);
  for (uint64_t s = k & mask_;; s = (s + 1) & mask_) {
    if (slots_[s].key == k) return slots_[s].value;
    if (slots_[s].key == 0) return std::nullopt;
  }
}

std::string LinearModel::Serialize(int num_classes,
                                   const std::vector<std::pair<uint64_t, Row>>& rows) {
  uint64_t cap = CapacityFor(rows.size());
  std::vector<Slot> slots(cap, Slot{0, 0});
  std::vector<uint32_t> offsets{0};
  std::vector<uint8_t> classes;
  std::vector<float> weights;
  uint32_t row_count = 0;
  for (const auto& [feature, row] : rows) {
    uint32_t fp = Fingerprint(feature);
    uint64_t s = feature & (cap - 1);
    while (slots[s].fp != 0 && slots[s].fp != fp) s = (s + 1) & (cap - 1);
    if (slots[s].fp == fp) continue;  // a 32-bit fingerprint clash: keep the first feature
    slots[s] = Slot{fp, row_count++};
    for (const auto& [c, w] : row) {
      classes.push_back(c);
      weights.push_back(w);
    }
    offsets.push_back(static_cast<uint32_t>(classes.size()));
  }
  std::string out;
  Append(out, static_cast<uint32_t>(num_classes));
  Append(out, row_count);
  Append(out, cap);
  Append(out, static_cast<uint64_t>(classes.size()));
  out.append(reinterpret_cast<const char*>(slots.data()), slots.size() * sizeof(Slot));
  out.append(reinterpret_cast<const char*>(offsets.data()), offsets.size() * sizeof(uint32_t));
  PadTo8(out);
  out.append(reinterpret_cast<const char*>(weights.data()), weights.size() * sizeof(float));
  out.append(reinterpret_cast<const char*>(classes.data()), classes.size());
  return out;
}

StatusOr<LinearModel> LinearModel::FromBytes(std::string_view bytes) {
  if (bytes.size() < 24) return DataError("linear model section too small");
  uint32_t num_classes, num_rows;
  uint64_t cap, num_entries;
  std::memcpy(&num_classes, bytes.data(), 4);
  std::memcpy(&num_rows, bytes.data() + 4, 4);
  std::memcpy(&cap, bytes.data() + 8, 8);
  std::memcpy(&num_entries, bytes.data() + 16, 8);
  if (num_classes == 0 || num_classes > 256 || cap == 0 || (cap & (cap - 1)) != 0 ||
      num_rows >= cap) {
    return DataError("linear model section is inconsistent");
  }
  size_t pos = 24;
  size_t slots_bytes = cap * sizeof(Slot);
  size_t offsets_bytes = (size_t{num_rows} + 1) * sizeof(uint32_t);
  size_t weights_at = (pos + slots_bytes + offsets_bytes + 7) / 8 * 8;
  if (weights_at + num_entries * 5 != bytes.size()) {
    return DataError("linear model section has the wrong size");
  }
  LinearModel m;
  m.num_classes_ = static_cast<int>(num_classes);
  m.mask_ = cap - 1;
  m.num_rows_ = num_rows;
  m.num_entries_ = num_entries;
  m.slots_ = reinterpret_cast<const Slot*>(bytes.data() + pos);
  m.row_offsets_ = reinterpret_cast<const uint32_t*>(bytes.data() + pos + slots_bytes);
  m.weights_ = reinterpret_cast<const float*>(bytes.data() + weights_at);
  m.classes_ = reinterpret_cast<const uint8_t*>(bytes.data() + weights_at + num_entries * 4);
  // Validate the row table once so AddScores can trust it.
  if (m.row_offsets_[0] != 0 || m.row_offsets_[num_rows] != num_entries) {
    return DataError("linear model row table is inconsistent");
  }
  for (uint32_t r = 0; r < num_rows; ++r) {
    if (m.row_offsets_[r] > m.row_offsets_[r + 1]) {
      return DataError("linear model row table is inconsistent");
    }
  }
  uint64_t used = 0;
  for (uint64_t s = 0; s < cap; ++s) {
    if (m.slots_[s].fp == 0) continue;
    ++used;
    if (m.slots_[s].row >= num_rows) return DataError("linear model slot points past the rows");
  }
  if (used >= cap) return DataError("linear model hash table has no free slot");
  for (uint64_t j = 0; j < num_entries; ++j) {
    if (m.classes_[j] >= num_classes) return DataError("linear model class out of range");
  }
  return m;
}

}  // namespace dyad::learn
