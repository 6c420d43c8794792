// SplitCameoActorCode and CountryName: CAMEO actor codes taken apart for GDELT's and ICEWS's
// actor columns.
//
// The code groups below are the CAMEO manual's (1.1b3) tables, written out by the team: the
// generic domestic role codes (primary, secondary, tertiary, plus PTY), the international /
// transnational generic codes, the international region codes, and the first two levels of the
// CAMEO religion scheme (CAMEO.RCS). Country codes come from dyad's own country dictionary.
#include <algorithm>
#include <memory>
#include <string>
#include <unordered_map>

#include "dyad/dict/dictionary.h"
#include "dyad/dict/readers.h"
#include "dyad/export/export.h"

namespace dyad {
namespace {

// Sorted, so std::binary_search can look them up.
constexpr std::string_view kRoleCodes[] = {
    "AGR", "BUS", "COP", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "GOV", "HLH", "HRI",
    "IGO", "IMG", "INS", "INT", "JUD", "LAB", "LEG", "MED", "MIL", "MNC", "MOD", "NGM",
    "NGO", "OPP", "PTY", "RAD", "REB", "REF", "SEP", "SPY", "UAF", "UIS"};
constexpr std::string_view kRegionCodes[] = {
    "AFR", "ASA", "BLK", "CAS", "CAU", "CEU", "CFR", "CRB", "EAF", "EEU", "EIN", "EUR", "LAM",
    "MDT", "MEA", "NAF", "NMR", "PGS", "SAF", "SAM", "SAS", "SCN", "SEA", "WAF", "WST"};
// Religions (first group of a CAMEO.RCS code); MUS is how the PETRARCH dictionaries write Muslim.
constexpr std::string_view kReligionCodes[] = {"ABR", "ADR", "ATH", "BAH", "BUD", "CHR", "CON",
                                               "EAR", "HIN", "INR", "IRR", "ITR", "JAN", "JEW",
                                               "MOS", "MUS", "NRM", "REL", "SHN", "SIK", "TAO"};
// Denominations and movements (second group of a CAMEO.RCS code: CHRCTH, MOSSHI, JEWUDX …).
constexpr std::string_view kDenominationCodes[] = {
    "ALE", "ANG", "AST", "CPT", "CRB", "CTH", "DEN", "DOX", "DRZ", "GNO", "HSD", "JHW",
    "LDS", "MAH", "MAY", "MLN", "MRN", "NAM", "NRM", "OFF", "PAG", "PRO", "RAC", "SFI",
    "SHI", "SUN", "SYN", "THR", "UDX", "UFO", "VAJ", "WAF", "WLB", "WLN"};

template <size_t N>
bool In(const std::string_view (&table)[N], std::string_view code) {
  return std::binary_search(std::begin(table), std::end(table), code);
}

bool IsLowerTrio(std::string_view t) {
  return std::all_of(t.begin(), t.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// Code -> name of every country in dyad's compiled-in dictionary, read once.
class CountryTable {
 public:
  static const CountryTable& Default() {
    static const CountryTable* table = new CountryTable(Load());
    return *table;
  }
  std::string_view Name(std::string_view code) const {
    auto it = names_.find(std::string(code));
    return it == names_.end() ? std::string_view() : std::string_view(it->second);
  }

 private:
  explicit CountryTable(std::unordered_map<std::string, std::string> names)
      : names_(std::move(names)) {}
  static std::unordered_map<std::string, std::string> Load() {
    std::unordered_map<std::string, std::string> names;
    auto dict = LoadDefaultDictionaries();
    if (!dict.ok()) return names;  // no compiled-in dictionary: no names, codes still split
    const Dictionary& d = **dict;
    for (EntryId id = 0; id < d.size(); ++id) {
      const DictEntry& e = d.entry(id);
      // The first `name` line of a `country` block is its kCountry entry added first.
      if (e.kind != EntryKind::kActor || e.actor_class != ActorClass::kCountry) continue;
      if (d.source(e.source) != "actors/countries.txt" || e.codes.empty()) continue;
      const std::string& code = e.codes.front().code;
      if (code.size() == 3) names.emplace(code, e.name);
    }
    return names;
  }
  std::unordered_map<std::string, std::string> names_;
};

}  // namespace

std::string_view CountryName(std::string_view code) { return CountryTable::Default().Name(code); }

CameoActorParts SplitCameoActorCode(std::string_view code) {
  CameoActorParts p;
  size_t types = 0;
  bool after_religion = false;  // the previous group was a religion: a denomination may follow
  for (size_t at = 0; at + 3 <= code.size(); at += 3) {
    const std::string_view t = code.substr(at, 3);
    const bool first = at == 0;
    const bool was_religion = after_religion;
    after_religion = false;
    if (t == "---") continue;
    if (IsLowerTrio(t)) {
      if (p.ethnic.empty()) p.ethnic = t;
      continue;
    }
    // A country code that is also a religion code (SHN: Saint Helena, Shinto) is a country
    // where a domestic actor's country goes.
    if (first && !CountryName(t).empty()) {
      p.country = t;
      continue;
    }
    if (was_religion && p.religion2.empty() &&
        (In(kDenominationCodes, t) || In(kReligionCodes, t))) {
      p.religion2 = t;
      continue;
    }
    if (In(kReligionCodes, t)) {
      if (p.religion1.empty()) {
        p.religion1 = t;
        after_religion = true;
      } else if (p.religion2.empty()) {
        p.religion2 = t;
      }
      continue;
    }
    if (In(kRoleCodes, t)) {
      if (types < p.types.size()) p.types[types++] = t;
      continue;
    }
    if (first || ((In(kRegionCodes, t) || !CountryName(t).empty()) && p.country.empty())) {
      if (p.country.empty()) p.country = t;
      continue;
    }
    if (p.known_group.empty()) p.known_group = t;
  }
  return p;
}

}  // namespace dyad
