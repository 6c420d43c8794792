#include "dyad/places/gazetteer.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "dyad/learn/model_file.h"

namespace dyad {

namespace {

// Letters that NFD does not split into a base and a mark.
UChar32 FoldLetter(UChar32 c) {
  switch (c) {
    case 0x0131:
      return 'i';  // ı
    case 0x0142:
    case 0x0141:
      return 'l';  // ł Ł
    case 0x00F8:
    case 0x00D8:
      return 'o';  // ø Ø
    case 0x0111:
    case 0x0110:
      return 'd';  // đ Đ
    case 0x0127:
      return 'h';  // ħ
    default:
      return c;
  }
}

template <typename T>
StatusOr<std::span<const T>> Array(const learn::ModelFile& file, std::string_view name) {
  DYAD_ASSIGN_OR_RETURN(std::string_view bytes, file.Section(name));
  if (bytes.size() % sizeof(T) != 0) {
    return DataError(file.path() + ": section " + std::string(name) + " has a partial record");
  }
  return std::span<const T>(reinterpret_cast<const T*>(bytes.data()), bytes.size() / sizeof(T));
}

}  // namespace

std::string NormalizePlaceName(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  bool ascii = std::all_of(name.begin(), name.end(), [](char c) { return (c & 0x80) == 0; });
  bool space = true;  // no leading space
  auto put = [&](UChar32 c) {
    bool alnum = u_isalnum(c);
    if (!alnum) {
      if (!space) out.push_back(' ');
      space = true;
      return;
    }
    space = false;
    char buf[4];
    int32_t n = 0;
    U8_APPEND_UNSAFE(buf, n, c);
    out.append(buf, n);
  };
  if (ascii) {
    for (char ch : name) {
      unsigned char c = static_cast<unsigned char>(ch);
      if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
      put(c);
    }
  } else {
    UErrorCode err = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
    icu::UnicodeString src = icu::UnicodeString::fromUTF8(
        icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
    icu::UnicodeString d = U_SUCCESS(err) ? nfd->normalize(src, err) : src;
    if (U_FAILURE(err)) d = src;
    for (int32_t i = 0; i < d.length();) {
      UChar32 c = d.char32At(i);
      i += U16_LENGTH(c);
      if (u_charType(c) == U_NON_SPACING_MARK || u_charType(c) == U_ENCLOSING_MARK) continue;
      put(FoldLetter(u_tolower(c)));
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

uint64_t GazetteerKey(std::string_view normalized) {
  // FNV-1a, then a final mix so that keys of similar names spread over the sorted table.
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : normalized) {
    h ^= c;
    h *= 1099511628211ull;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

std::string DefaultGazetteerPath() {
  if (const char* p = std::getenv("DYAD_GAZETTEER"); p != nullptr && *p != '\0') return p;
#ifdef DYAD_GAZETTEER_PATH
  return DYAD_GAZETTEER_PATH;
#else
  return "gazetteer.dyad";
#endif
}

Gazetteer::~Gazetteer() = default;

StatusOr<std::shared_ptr<const Gazetteer>> Gazetteer::Load(const std::string& path) {
  auto file = learn::ModelFile::Open(path, "gazetteer");
  if (!file.ok()) {
    return Status(file.status().code(),
                  file.status().message() +
                      " (the gazetteer is built from npm packages: run scripts/install-deps, "
                      "rebuild, or set DYAD_GAZETTEER)");
  }
  std::shared_ptr<Gazetteer> g(new Gazetteer());
  g->file_ = std::move(*file);
  const learn::ModelFile& f = *g->file_;
  DYAD_ASSIGN_OR_RETURN(g->entries_, Array<GazetteerEntry>(f, "entries"));
  DYAD_ASSIGN_OR_RETURN(g->countries_, Array<GazetteerCountry>(f, "countries"));
  DYAD_ASSIGN_OR_RETURN(g->adm1s_, Array<GazetteerAdm1>(f, "adm1"));
  DYAD_ASSIGN_OR_RETURN(g->name_keys_, Array<uint64_t>(f, "name_keys"));
  DYAD_ASSIGN_OR_RETURN(g->name_entries_, Array<uint32_t>(f, "name_entries"));
  DYAD_ASSIGN_OR_RETURN(g->lexicon_keys_, Array<uint64_t>(f, "lexicon_keys"));
  DYAD_ASSIGN_OR_RETURN(g->lexicon_values_, Array<int8_t>(f, "lexicon_values"));
  DYAD_ASSIGN_OR_RETURN(g->strings_, f.Section("strings"));
  if (g->name_keys_.size() != g->name_entries_.size() ||
      g->lexicon_keys_.size() != g->lexicon_values_.size() || g->strings_.empty() ||
      g->strings_.back() != '\0') {
    return DataError(path + ": gazetteer sections disagree in size");
  }
  g->lexicon_filter_.assign((1u << 16) / 64, 0);
  for (uint64_t k : g->lexicon_keys_) g->lexicon_filter_[(k & 0xFFFF) >> 6] |= 1ull << (k & 63);
  // References are checked once here so that lookups never read outside the file.
  for (const GazetteerEntry& e : g->entries_) {
    if (e.name >= g->strings_.size() || e.country >= g->countries_.size() ||
        (e.adm1 != kNoAdm1 && e.adm1 >= g->adm1s_.size())) {
      return DataError(path + ": gazetteer entry points outside its tables");
    }
  }
  for (const GazetteerCountry& c : g->countries_)
    if (c.name >= g->strings_.size() || c.entry >= g->entries_.size())
      return DataError(path + ": gazetteer country points outside its tables");
  for (const GazetteerAdm1& a : g->adm1s_)
    if (a.name >= g->strings_.size() || a.code >= g->strings_.size() ||
        a.entry >= g->entries_.size() || a.country >= g->countries_.size())
      return DataError(path + ": gazetteer division points outside its tables");
  for (uint32_t e : g->name_entries_)
    if ((e & 0x7FFFFFFFu) >= g->entries_.size())
      return DataError(path + ": gazetteer name points outside its tables");
  return std::shared_ptr<const Gazetteer>(std::move(g));
}

std::vector<GazetteerHit> Gazetteer::Lookup(std::string_view name) const {
  return LookupKey(NormalizePlaceName(name));
}

std::vector<GazetteerHit> Gazetteer::LookupKey(std::string_view key) const {
  std::vector<GazetteerHit> hits;
  if (key.empty()) return hits;
  uint64_t k = GazetteerKey(key);
  auto [lo, hi] = std::equal_range(name_keys_.begin(), name_keys_.end(), k);
  for (auto it = lo; it != hi; ++it) {
    uint32_t v = name_entries_[it - name_keys_.begin()];
    hits.push_back({v & 0x7FFFFFFFu, (v & 0x80000000u) == 0});
  }
  return hits;
}

bool Gazetteer::HasKey(std::string_view key) const {
  return !key.empty() &&
         std::binary_search(name_keys_.begin(), name_keys_.end(), GazetteerKey(key));
}

std::string_view Gazetteer::String(uint32_t offset) const {
  if (offset >= strings_.size()) return {};
  return std::string_view(strings_.data() + offset);
}

std::string Gazetteer::FullName(uint32_t e) const {
  const GazetteerEntry& x = entries_[e];
  std::string s(Name(e));
  if (x.kind == PlaceKind::kCountry) return s;
  if (x.kind == PlaceKind::kCity && x.adm1 != kNoAdm1) {
    s += ", ";
    s += String(adm1s_[x.adm1].name);
  }
  s += ", ";
  s += String(countries_[x.country].name);
  return s;
}

int Gazetteer::CountryByCode(std::string_view code) const {
  for (size_t i = 0; i < countries_.size(); ++i) {
    const GazetteerCountry& c = countries_[i];
    if ((code.size() == 3 && std::string_view(c.iso3, 3) == code) ||
        (code.size() == 2 && std::string_view(c.iso2, 2) == code))
      return static_cast<int>(i);
  }
  return -1;
}

GeoPlace Gazetteer::ToGeoPlace(uint32_t e) const {
  const GazetteerEntry& x = entries_[e];
  const GazetteerCountry& c = countries_[x.country];
  GeoPlace p;
  bool us = std::string_view(c.iso2, 2) == "US";
  p.geo_type = x.kind == PlaceKind::kCountry ? 1
               : x.kind == PlaceKind::kAdm1  ? (us ? 2 : 5)
                                             : (us ? 3 : 4);
  p.name = FullName(e);
  p.country_iso2 = std::string(c.iso2, 2);
  if (c.fips[0] != ' ') p.country_fips = std::string(c.fips, 2);
  const GazetteerAdm1* a = adm1(x);
  if (a != nullptr && !String(a->code).empty()) {
    p.adm1 =
        (p.country_fips.empty() ? p.country_iso2 : p.country_fips) + std::string(String(a->code));
  }
  p.lat = x.lat;
  p.lon = x.lon;
  if (x.kind == PlaceKind::kCity)
    p.feature_id = std::to_string(x.geonames_id);
  else if (x.kind == PlaceKind::kAdm1)
    p.feature_id = p.adm1.empty() ? p.country_fips : p.adm1;
  else
    p.feature_id = p.country_fips.empty() ? p.country_iso2 : p.country_fips;
  return p;
}

int Gazetteer::Valence(std::string_view lower) const {
  uint64_t k = GazetteerKey(lower);
  if (lexicon_filter_.empty() || !(lexicon_filter_[(k & 0xFFFF) >> 6] >> (k & 63) & 1)) return 0;
  auto it = std::lower_bound(lexicon_keys_.begin(), lexicon_keys_.end(), k);
  if (it == lexicon_keys_.end() || *it != k) return 0;
  return lexicon_values_[it - lexicon_keys_.begin()];
}

size_t Gazetteer::file_size() const { return file_->size(); }
uint64_t Gazetteer::fingerprint() const { return file_->fingerprint(); }

}  // namespace dyad
