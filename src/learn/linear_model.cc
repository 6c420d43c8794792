#include "dyad/learn/linear_model.h"

#include <algorithm>
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
  std::vector<Slot> slots(cap, Slot{0, 0, {0, 0}});
  std::vector<uint32_t> entries;
  uint32_t row_count = 0;
  for (const auto& [feature, row] : rows) {
    if (row.empty() || row.size() > 127 || entries.size() + row.size() >= (1u << 25)) continue;
    uint32_t fp = Fingerprint(feature);
    uint64_t s = feature & (cap - 1);
    while (slots[s].fp != 0 && slots[s].fp != fp) s = (s + 1) & (cap - 1);
    if (slots[s].fp == fp) continue;  // a 32-bit fingerprint clash: keep the first feature
    ++row_count;
    std::vector<uint32_t> packed;
    for (const auto& [c, w] : row) {
      uint32_t bits;
      std::memcpy(&bits, &w, 4);
      // Round to 16 mantissa bits so the low byte can carry the class.
      bits = (bits + 0x80) & ~0xFFu;
      packed.push_back(bits | c);
    }
    Slot slot{fp, static_cast<uint32_t>(packed.size()), {0, 0}};
    if (packed.size() <= kInline) {
      for (size_t i = 0; i < packed.size(); ++i) slot.e[i] = packed[i];
    } else {
      slot.info |= static_cast<uint32_t>(entries.size()) << 7;
      entries.insert(entries.end(), packed.begin(), packed.end());
    }
    slots[s] = slot;
  }
  std::string out;
  Append(out, static_cast<uint32_t>(num_classes));
  Append(out, row_count);
  Append(out, cap);
  Append(out, static_cast<uint64_t>(entries.size()));
  out.append(reinterpret_cast<const char*>(slots.data()), slots.size() * sizeof(Slot));
  out.append(reinterpret_cast<const char*>(entries.data()), entries.size() * sizeof(uint32_t));
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
  if (num_classes == 0 || num_classes > 128 || cap == 0 || (cap & (cap - 1)) != 0 ||
      num_rows >= cap || num_entries >= (1u << 25)) {
    return DataError("linear model section is inconsistent");
  }
  const size_t slots_at = 24;
  const size_t entries_at = slots_at + cap * sizeof(Slot);
  if (entries_at + num_entries * 4 != bytes.size()) {
    return DataError("linear model section has the wrong size");
  }
  LinearModel m;
  m.num_classes_ = static_cast<int>(num_classes);
  m.mask_ = cap - 1;
  m.num_rows_ = num_rows;
  m.num_entries_ = num_entries;
  m.slots_ = reinterpret_cast<const Slot*>(bytes.data() + slots_at);
  m.entries_ = reinterpret_cast<const uint32_t*>(bytes.data() + entries_at);
  // Validate once so AddScores can trust every slot and entry.
  uint64_t used = 0;
  for (uint64_t s = 0; s < cap; ++s) {
    const Slot& slot = m.slots_[s];
    if (slot.fp == 0) continue;
    ++used;
    uint64_t len = slot.info & 127;
    if (len <= kInline) {
      for (uint64_t j = 0; j < len; ++j) {
        if ((slot.e[j] & 0xFF) >= num_classes) return DataError("linear model class out of range");
      }
    } else if ((slot.info >> 7) + len > num_entries) {
      return DataError("linear model slot points past the weights");
    }
  }
  if (used >= cap || used != num_rows) return DataError("linear model hash table is inconsistent");
  for (uint64_t j = 0; j < num_entries; ++j) {
    if ((m.entries_[j] & 0xFF) >= num_classes) return DataError("linear model class out of range");
  }
  return m;
}

namespace {

inline void AddEntry(uint32_t e, float* scores) {
  uint32_t bits = e & ~0xFFu;
  float w;
  std::memcpy(&w, &bits, 4);
  scores[e & 0xFF] += w;
}

}  // namespace

void LinearModel::AddScores(const uint64_t* features, size_t n, float* scores) const {
  constexpr size_t kBatch = 32;
  const Slot* found[kBatch];
  for (size_t base = 0; base < n; base += kBatch) {
    const size_t m = std::min(kBatch, n - base);
    for (size_t i = 0; i < m; ++i) __builtin_prefetch(&slots_[features[base + i] & mask_]);
    for (size_t i = 0; i < m; ++i) {
      const uint64_t f = features[base + i];
      const uint32_t fp = Fingerprint(f);
      found[i] = nullptr;
      for (uint64_t s = f & mask_;; s = (s + 1) & mask_) {
        const uint32_t slot_fp = slots_[s].fp;
        if (slot_fp == fp) {
          found[i] = &slots_[s];
          if ((slots_[s].info & 127) > kInline) __builtin_prefetch(&entries_[slots_[s].info >> 7]);
          break;
        }
        if (slot_fp == 0) break;
      }
    }
    for (size_t i = 0; i < m; ++i) {
      const Slot* slot = found[i];
      if (slot == nullptr) continue;
      const uint32_t len = slot->info & 127;
      if (len <= kInline) {
        for (uint32_t j = 0; j < len; ++j) AddEntry(slot->e[j], scores);
      } else {
        const uint32_t* e = entries_ + (slot->info >> 7);
        for (uint32_t j = 0; j < len; ++j) AddEntry(e[j], scores);
      }
    }
  }
}

}  // namespace dyad::learn
