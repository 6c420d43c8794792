// Fuzz target: the actor dictionary readers (dyad's own, PETRARCH-2 actors/agents/discards/
// issues, TABARI actors/agents/options), compiling and matching. The first byte picks the format.
#include <memory>

#include "dyad/dict/readers.h"
#include "dyad/text/segmenter.h"
#include "fuzz_util.h"

namespace {
constexpr dyad::DictFormat kFormats[] = {
    dyad::DictFormat::kDyad,           dyad::DictFormat::kPetrarchActors,
    dyad::DictFormat::kPetrarchAgents, dyad::DictFormat::kPetrarchDiscards,
    dyad::DictFormat::kPetrarchIssues, dyad::DictFormat::kTabariActors,
    dyad::DictFormat::kTabariAgents,   dyad::DictFormat::kTabariOptions,
};

const dyad::Document& Sample() {
  static const dyad::Document* doc = [] {
    auto* d = new dyad::Document;
    d->text = "US Secretary of State John Kerry met Russian rebels and the Kremlin in Moscow on "
              "Tuesday; police arrested two men.";
    auto seg = dyad::Segmenter::Load({});
    auto ws = (*seg)->NewWorkspace();
    if (!(*seg)->Process(*d, *ws).ok()) std::abort();
    return d;
  }();
  return *doc;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const dyad::DictFormat format = kFormats[data[0] % std::size(kFormats)];
  dyad::DictionaryBuilder builder;
  dyad::ReadDictionaryText(dyad::fuzz::AsText(data + 1, size - 1), "fuzz.txt", format, builder);
  auto dict = std::move(builder).Compile();
  if (!dict.ok()) return 0;
  const dyad::Document& doc = Sample();
  auto ws = (*dict)->NewWorkspace();
  for (uint8_t l = 0; l < static_cast<uint8_t>(dyad::DictLayer::kCount); ++l) {
    auto matches = (*dict)->Match(doc, 0, static_cast<dyad::TokenIndex>(doc.tokens.size()),
                                  static_cast<dyad::DictLayer>(l), *ws);
    for (const auto& m : matches) {
      DYAD_FUZZ_ASSERT(m.first_token < m.end_token && m.end_token <= doc.tokens.size());
      for (dyad::EntryId id : m.entries) {
        DYAD_FUZZ_ASSERT(id < (*dict)->size());
        (void)(*dict)->CodeFor(id, dyad::Date{2013, 4, 30});
        (void)(*dict)->Origin(id);
      }
    }
  }
  return 0;
}
