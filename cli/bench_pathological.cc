// dyad bench --pathological: the cost of inputs built to be slow (issue 10), at growing sizes.
//
// Each case generates its input at four sizes, each twice the previous, and runs it through
// every stage (dateline, segment, tag, parse, NER, actors, events) on one thread, or through
// the dictionary reader and compiler, after one untimed warm-up run; each size's time is the
// thread's CPU time (wall time beside it), the best of `repeat` runs. One JSON line per size, then one per case with the growth exponent
// (the least-squares slope of log time over log size: 1.0 for linear cost); over 1.3 is marked
// superlinear and the verb exits 2.
#include <fmt/format.h>

#include <time.h>

#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bench_pathological.h"
#include "dyad/dict/readers.h"
#include "dyad/io/reader.h"
#include "event_stages.h"
#include "verbs.h"

namespace dyad::cli {
namespace {

using Clock = std::chrono::steady_clock;

// CPU seconds of the calling thread: the stages run on it, and unlike wall time this does not
// count the time other processes of a busy machine took.
double ThreadSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

constexpr const char* kCountries[] = {
    "Russia",  "France",  "China",    "Iran",     "Syria",   "Germany", "Japan",   "Brazil",
    "India",   "Egypt",   "Turkey",   "Israel",   "Kenya",   "Mali",    "Mexico",  "Canada",
    "Italy",   "Spain",   "Poland",   "Ukraine",  "Iraq",    "Jordan",  "Lebanon", "Qatar",
    "Nigeria", "Ghana",   "Chile",    "Peru",     "Cuba",    "Norway",  "Sweden",  "Greece",
    "Austria", "Belgium", "Pakistan", "Thailand", "Vietnam", "Nepal",   "Sudan",   "Yemen"};

struct Case {
  const char* name;
  const char* unit;   // what `size` counts
  size_t base;        // smallest size at scale 1 (the largest is 8 times this)
  bool dictionary;    // the input is a dictionary, not a document
  std::string (*make)(size_t n);
};

std::string LongSentence(size_t n) {  // n tokens, no sentence punctuation
  std::string s;
  for (size_t i = 0; i < n; ++i) s += i % 7 == 0 ? "Kerry " : i % 7 == 3 ? "visited " : "town ";
  return s;
}
std::string NestedBrackets(size_t n) {  // n levels of ( [ { around one word
  std::string s;
  for (size_t i = 0; i < n; ++i) s += "([{"[i % 3];
  s += " Kerry met Lavrov ";
  for (size_t i = n; i-- > 0;) s += ")]}"[i % 3];
  return s;
}
std::string NestedQuotes(size_t n) {  // n levels of alternating quotes, then n closes
  std::string s = "He said ";
  for (size_t i = 0; i < n; ++i) s += i % 2 ? "'" : "\"";
  s += "Kerry met Lavrov";
  for (size_t i = n; i-- > 0;) s += i % 2 ? "'" : "\"";
  return s + ".";
}
std::string RepeatedWord(size_t n) {  // one word n times
  std::string s;
  for (size_t i = 0; i < n; ++i) s += "Kerry ";
  return s;
}
std::string RepeatedTitle(size_t n) {  // a bare title n times (coreference looks back)
  std::string s;
  for (size_t i = 0; i < n; ++i) s += i % 2 ? "minister " : "the ";
  return s;
}
std::string RepeatedPronoun(size_t n) {  // "he" n times, sentences of 8 words
  std::string s;
  for (size_t i = 0; i < n; ++i) s += i % 8 == 7 ? "he. " : "he ";
  return s;
}
std::string RepeatedStory(size_t n) {  // a story of n words, every coreference rule busy
  static constexpr std::string_view kSentence =
      "Kerry met Lavrov and the Russian minister in Moscow , and they said he would visit "
      "the country with the top US diplomat . ";  // 22 words
  std::string s;
  for (size_t i = 0; i < n; i += 22) s += kSentence;
  return s;
}
std::string NoWhitespace(size_t n) {  // n bytes, no whitespace, words and punctuation
  static constexpr std::string_view kPiece = "Kerry,met-Lavrov.in(Moscow);";
  std::string s;
  while (s.size() < n) s += kPiece;
  s.resize(n);
  return s;
}
std::string NoWhitespaceLetters(size_t n) { return std::string(n, 'a'); }
std::string Coordinated(size_t n) {  // "Russia, France, …, and Yemen met in Geneva." n actors
  std::string s;
  for (size_t i = 0; i < n; ++i) {
    if (i > 0) s += i + 1 == n ? ", and " : ", ";
    s += kCountries[i % std::size(kCountries)];
  }
  return s + " condemned Iran and Syria in Geneva on Tuesday.";
}
std::string Synonyms(size_t n) {  // one actor with n aliases (dyad's format)
  std::string s = "actor Quentin Example\n  role USAGOV\n";
  for (size_t i = 0; i < n; i += 100) {
    s += "  alias ";
    for (size_t j = i; j < n && j < i + 100; ++j) {
      if (j > i) s += " | ";
      s += fmt::format("Quentin Example {}", j);
    }
    s += "\n";
  }
  return s;
}

const Case kCases[] = {
    {"long_sentence", "tokens", 12500, false, &LongSentence},
    {"nested_brackets", "levels", 1250, false, &NestedBrackets},
    {"nested_quotes", "levels", 1250, false, &NestedQuotes},
    {"repeated_word", "words", 12500, false, &RepeatedWord},
    {"repeated_title", "words", 12500, false, &RepeatedTitle},
    {"repeated_pronoun", "words", 12500, false, &RepeatedPronoun},
    {"repeated_story", "words", 12500, false, &RepeatedStory},
    {"no_whitespace", "bytes", 131072, false, &NoWhitespace},
    {"no_whitespace_letters", "bytes", 131072, false, &NoWhitespaceLetters},
    {"coordinated_actors", "actors", 125, false, &Coordinated},
    {"dictionary_synonyms", "synonyms", 12500, true, &Synonyms},
};

}  // namespace

namespace {

// Runs `input` once through the dictionary compiler or the reader and the stages; fills `j`
// with what came out. Returns the CPU seconds taken, or a negative value after printing an error.
double RunOnce(const Case& c, const std::string& input,
               const std::vector<std::shared_ptr<const Stage>>& stages,
               const ReaderOptions& reader_options, nlohmann::json& j) {
  auto r4 = [](double v) { return std::round(v * 10000) / 10000; };
  const auto t0 = Clock::now();
  const double cpu0 = ThreadSeconds();
  if (c.dictionary) {
    DictionaryBuilder builder;
    ReadDictionaryText(input, "synonyms.txt", DictFormat::kDyad, builder);
    auto dict = std::move(builder).Compile();
    if (!dict.ok()) {
      Fail(dict.status());
      return -1;
    }
    j["phrases"] = (*dict)->phrase_count();
  } else {
    // Through the reader, so that --max-document-bytes applies as in every verb.
    auto reader = OpenStringReader(input, std::string(c.name) + ".txt", reader_options);
    std::optional<ReadRecord> rec = reader->Next();
    if (!rec || !rec->status.ok()) {
      Fail(rec ? rec->status : DataError("no document"));
      return -1;
    }
    Document& doc = rec->doc;
    doc.meta.date = Date{2013, 4, 30};
    nlohmann::json stage_seconds = nlohmann::json::object();
    for (const auto& stage : stages) {
      auto ws = stage->NewWorkspace();
      const double s0 = ThreadSeconds();
      if (Status st = stage->Process(doc, *ws); !st.ok()) {
        Fail(st);
        return -1;
      }
      stage_seconds[std::string(stage->name())] = r4(ThreadSeconds() - s0);
    }
    j["tokens"] = doc.tokens.size();
    j["sentences"] = doc.sentences.size();
    j["actors"] = doc.actors.size();
    j["events"] = doc.events.size();
    j["warnings"] = doc.warnings;
    j["stage_seconds"] = stage_seconds;
  }
  j["wall_seconds"] = r4(std::chrono::duration<double>(Clock::now() - t0).count());
  return ThreadSeconds() - cpu0;
}

// Least-squares slope of log(seconds) over log(size).
double GrowthExponent(const std::vector<std::pair<size_t, double>>& points) {
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (const auto& [n, t] : points) {
    const double x = std::log(static_cast<double>(n)), y = std::log(std::max(t, 1e-6));
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  const double k = static_cast<double>(points.size());
  return (k * sxy - sx * sy) / (k * sxx - sx * sx);
}

}  // namespace

int RunPathologicalBench(const std::vector<std::shared_ptr<const Stage>>& stages,
                         const ReaderOptions& reader_options, double scale,
                         const std::string& only, int repeat) {
  auto r4 = [](double v) { return std::round(v * 10000) / 10000; };
  bool superlinear = false;
  for (const Case& c : kCases) {
    if (!only.empty() && only != c.name) continue;
    std::vector<std::pair<size_t, double>> points;
    const size_t base = std::max<size_t>(1, static_cast<size_t>(c.base * scale));
    {
      nlohmann::json warm;  // first touches of the models' pages are not the input's cost
      if (RunOnce(c, c.make(base), stages, reader_options, warm) < 0) return kExitData;
    }
    for (size_t n = base; n <= base * 8; n *= 2) {
      const std::string input = c.make(n);
      nlohmann::json j = {{"case", c.name}, {"size", n}, {"unit", c.unit}, {"bytes", input.size()}};
      double best = 0;
      for (int r = 0; r < std::max(1, repeat); ++r) {
        nlohmann::json run;
        const double sec = RunOnce(c, input, stages, reader_options, run);
        if (sec < 0) return kExitData;
        if (r == 0 || sec < best) {
          best = sec;
          j.update(run);
        }
      }
      j["seconds"] = r4(best);
      j["us_per_unit"] = r4(best * 1e6 / static_cast<double>(n));
      fmt::print("{}\n", j.dump());
      std::fflush(stdout);
      points.emplace_back(n, best);
    }
    const auto& [n0, t0] = points.front();
    const auto& [n1, t1] = points.back();
    const double exponent = GrowthExponent(points);
    // Under a quarter second for the largest size, timer, allocator and scheduler noise
    // dominate (a megabyte-long word takes 0.1 s): call it linear.
    const bool bad = exponent > 1.3 && t1 > 0.25;
    superlinear |= bad;
    fmt::print("{}\n", nlohmann::json({{"case", c.name},
                                       {"sizes", {n0, n1}},
                                       {"seconds", {r4(t0), r4(t1)}},
                                       {"time_ratio", r4(t1 / std::max(t0, 1e-9))},
                                       {"size_ratio", n1 / n0},
                                       {"growth_exponent", std::round(exponent * 100) / 100},
                                       {"verdict", bad ? "superlinear" : "linear"}})
                           .dump());
    std::fflush(stdout);
  }
  return superlinear ? kExitData : kExitOk;
}

}  // namespace dyad::cli
