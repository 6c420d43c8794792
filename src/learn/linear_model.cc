#include "dyad/learn/linear_model.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#if defined(__x86_64__)
#include <immintrin.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

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
                                   const std::vector<std::pair<uint64_t, Row>>& rows,
                                   int dense_from) {
  const uint32_t stride = static_cast<uint32_t>((num_classes + 7) / 8 * 8);
  float max_abs = 0;
  for (const auto& [feature, row] : rows) {
    for (const auto& [c, w] : row) max_abs = std::max(max_abs, std::fabs(w));
  }
  const float scale = max_abs > 0 ? max_abs / 32767.0f : 1.0f;
  auto quantise = [&](float w) {
    return static_cast<int16_t>(std::clamp(std::lround(w / scale), -32767L, 32767L));
  };
  uint64_t cap = CapacityFor(rows.size());
  std::vector<Slot> slots(cap, Slot{0, 0});
  std::vector<Entry> entries;
  std::vector<int16_t> dense;
  uint32_t row_count = 0, dense_count = 0;
  for (const auto& [feature, row] : rows) {
    if (row.empty() || row.size() > 127 || entries.size() + row.size() >= (1u << 24)) continue;
    uint32_t fp = Fingerprint(feature);
    uint64_t s = feature & (cap - 1);
    while (slots[s].fp != 0 && slots[s].fp != fp) s = (s + 1) & (cap - 1);
    if (slots[s].fp == fp) continue;  // a 32-bit fingerprint clash: keep the first feature
    ++row_count;
    if (static_cast<int>(row.size()) > dense_from) {
      slots[s] = Slot{fp, kDense | dense_count++};
      size_t at = dense.size();
      dense.resize(at + stride, 0);
      for (const auto& [c, w] : row) dense[at + c] = quantise(w);
    } else {
      slots[s] =
          Slot{fp, static_cast<uint32_t>(entries.size()) << 7 | static_cast<uint32_t>(row.size())};
      for (const auto& [c, w] : row) entries.push_back(Entry{quantise(w), c});
    }
  }
  std::string out;
  Append(out, static_cast<uint32_t>(num_classes));
  Append(out, row_count);
  Append(out, cap);
  Append(out, static_cast<uint64_t>(entries.size()));
  Append(out, dense_count);
  Append(out, stride);
  Append(out, scale);
  Append(out, uint32_t{0});
  out.append(reinterpret_cast<const char*>(slots.data()), slots.size() * sizeof(Slot));
  out.append(reinterpret_cast<const char*>(entries.data()), entries.size() * sizeof(Entry));
  while (out.size() % 16 != 0) out.push_back('\0');
  out.append(reinterpret_cast<const char*>(dense.data()), dense.size() * sizeof(int16_t));
  return out;
}

StatusOr<LinearModel> LinearModel::FromBytes(std::string_view bytes) {
  constexpr size_t kHeader = 40;
  if (bytes.size() < kHeader) return DataError("linear model section too small");
  uint32_t num_classes, num_rows, dense_count, stride;
  uint64_t cap, num_entries;
  float scale;
  std::memcpy(&num_classes, bytes.data(), 4);
  std::memcpy(&num_rows, bytes.data() + 4, 4);
  std::memcpy(&cap, bytes.data() + 8, 8);
  std::memcpy(&num_entries, bytes.data() + 16, 8);
  std::memcpy(&dense_count, bytes.data() + 24, 4);
  std::memcpy(&stride, bytes.data() + 28, 4);
  std::memcpy(&scale, bytes.data() + 32, 4);
  if (num_classes == 0 || num_classes > 128 || cap == 0 || (cap & (cap - 1)) != 0 ||
      num_rows >= cap || num_entries >= (1u << 24) || stride != (num_classes + 7) / 8 * 8 ||
      dense_count > num_rows || !(scale > 0)) {
    return DataError("linear model section is inconsistent");
  }
  const size_t slots_at = kHeader;
  const size_t entries_at = slots_at + cap * sizeof(Slot);
  const size_t dense_at = (entries_at + num_entries * sizeof(Entry) + 15) / 16 * 16;
  if (dense_at + size_t{dense_count} * stride * sizeof(int16_t) != bytes.size()) {
    return DataError("linear model section has the wrong size");
  }
  LinearModel m;
  m.num_classes_ = static_cast<int>(num_classes);
  m.stride_ = static_cast<int>(stride);
  m.scale_ = scale;
  m.mask_ = cap - 1;
  m.num_rows_ = num_rows;
  m.num_entries_ = num_entries;
  m.num_dense_ = dense_count;
  m.slots_ = reinterpret_cast<const Slot*>(bytes.data() + slots_at);
  m.entries_ = reinterpret_cast<const Entry*>(bytes.data() + entries_at);
  m.dense_ = reinterpret_cast<const int16_t*>(bytes.data() + dense_at);
  // Validate once so AddScores can trust every slot and entry.
  uint64_t used = 0;
  for (uint64_t s = 0; s < cap; ++s) {
    const Slot& slot = m.slots_[s];
    if (slot.fp == 0) continue;
    ++used;
    if (slot.info & kDense) {
      if ((slot.info & ~kDense) >= dense_count)
        return DataError("linear model dense row out of range");
    } else if ((slot.info >> 7) + (slot.info & 127) > num_entries) {
      return DataError("linear model slot points past the weights");
    }
  }
  if (used >= cap || used != num_rows) return DataError("linear model hash table is inconsistent");
  for (uint64_t j = 0; j < num_entries; ++j) {
    if (m.entries_[j].cls >= num_classes) return DataError("linear model class out of range");
  }
  return m;
}

namespace {

// scores[0, stride) += rows[r][0, stride) for every row, eight 16-bit weights at a time.
void AddDenseBaseline(const int16_t* const* rows, size_t m, int stride, int32_t* scores) {
  for (size_t r = 0; r < m; ++r) {
    const int16_t* row = rows[r];
#if defined(__SSE2__)
    for (int c = 0; c < stride; c += 8) {
      __m128i w = _mm_load_si128(reinterpret_cast<const __m128i*>(row + c));
      __m128i lo = _mm_srai_epi32(_mm_unpacklo_epi16(w, w), 16);
      __m128i hi = _mm_srai_epi32(_mm_unpackhi_epi16(w, w), 16);
      __m128i* s = reinterpret_cast<__m128i*>(scores + c);
      _mm_storeu_si128(s, _mm_add_epi32(_mm_loadu_si128(s), lo));
      _mm_storeu_si128(s + 1, _mm_add_epi32(_mm_loadu_si128(s + 1), hi));
    }
#else
    for (int c = 0; c < stride; ++c) scores[c] += row[c];
#endif
  }
}

#if defined(__x86_64__)
// The same with AVX2 (one widening instruction per eight weights), chosen at run time: the
// build stays portable (no -march=native) and most machines have it. The scores of K * 8
// classes stay in registers while every row is added to them.
template <int K>
__attribute__((target("avx2"), always_inline)) inline void AddDenseChunkAvx2(
    const int16_t* const* rows, size_t m, int offset, int32_t* scores) {
  __m256i acc[K];
#pragma GCC unroll 8
  for (int k = 0; k < K; ++k) {
    acc[k] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(scores + offset + 8 * k));
  }
  for (size_t r = 0; r < m; ++r) {
    const int16_t* row = rows[r] + offset;
#pragma GCC unroll 8
    for (int k = 0; k < K; ++k) {
      __m256i w =
          _mm256_cvtepi16_epi32(_mm_load_si128(reinterpret_cast<const __m128i*>(row + 8 * k)));
      acc[k] = _mm256_add_epi32(acc[k], w);
    }
  }
#pragma GCC unroll 8
  for (int k = 0; k < K; ++k) {
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(scores + offset + 8 * k), acc[k]);
  }
}

__attribute__((target("avx2"))) void AddDenseAvx2(const int16_t* const* rows, size_t m, int stride,
                                                  int32_t* scores) {
  int c = 0;
  for (; c + 64 <= stride; c += 64) AddDenseChunkAvx2<8>(rows, m, c, scores);
  switch ((stride - c) / 8) {
    case 1:
      AddDenseChunkAvx2<1>(rows, m, c, scores);
      break;
    case 2:
      AddDenseChunkAvx2<2>(rows, m, c, scores);
      break;
    case 3:
      AddDenseChunkAvx2<3>(rows, m, c, scores);
      break;
    case 4:
      AddDenseChunkAvx2<4>(rows, m, c, scores);
      break;
    case 5:
      AddDenseChunkAvx2<5>(rows, m, c, scores);
      break;
    case 6:
      AddDenseChunkAvx2<6>(rows, m, c, scores);
      break;
    case 7:
      AddDenseChunkAvx2<7>(rows, m, c, scores);
      break;
    default:
      break;
  }
}
#endif

using AddDenseFn = void (*)(const int16_t* const*, size_t, int, int32_t*);
const AddDenseFn kAddDense = [] {
#if defined(__x86_64__)
  if (__builtin_cpu_supports("avx2")) return &AddDenseAvx2;
#endif
  return &AddDenseBaseline;
}();

}  // namespace

void LinearModel::AddScores(const uint64_t* features, size_t n, Score* scores) const {
  constexpr size_t kBatch = 32;
  uint32_t sparse[kBatch];
  const int16_t* dense[kBatch];
  for (size_t base = 0; base < n; base += kBatch) {
    const size_t m = std::min(kBatch, n - base);
    for (size_t i = 0; i < m; ++i) __builtin_prefetch(&slots_[features[base + i] & mask_]);
    size_t num_sparse = 0, num_dense = 0;
    for (size_t i = 0; i < m; ++i) {
      const uint64_t f = features[base + i];
      const uint32_t fp = Fingerprint(f);
      for (uint64_t s = f & mask_;; s = (s + 1) & mask_) {
        const uint32_t slot_fp = slots_[s].fp;
        if (slot_fp == fp) {
          const uint32_t info = slots_[s].info;
          if (info & kDense) {
            const int16_t* row = dense_ + static_cast<size_t>(info & ~kDense) * stride_;
            __builtin_prefetch(row);
            dense[num_dense++] = row;
          } else {
            __builtin_prefetch(entries_ + (info >> 7));
            sparse[num_sparse++] = info;
          }
          break;
        }
        if (slot_fp == 0) break;
      }
    }
    for (size_t i = 0; i < num_sparse; ++i) {
      const uint32_t info = sparse[i];
      const Entry* e = entries_ + (info >> 7);
      for (uint32_t j = 0, len = info & 127; j < len; ++j) scores[e[j].cls] += e[j].weight;
    }
    if (num_dense > 0) kAddDense(dense, num_dense, stride_, scores);
  }
}

}  // namespace dyad::learn
