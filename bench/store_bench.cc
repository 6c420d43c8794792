// dyad_store_bench: makes a realistic event store of N events (through EventStore::Put, as
// `dyad ingest` writes) and measures the query latencies analysts feel: filtered monthly
// series, top dyads, a page of events. Prints one JSON line per query (median of --runs).
//
//   build/bench/dyad_store_bench --events 1000000 --db /tmp/bench.db
//   build/bench/dyad_store_bench --db /tmp/bench.db --reuse      # query an existing store
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <random>

#include "dyad/store/event_store.h"

namespace {

using dyad::Date;
using dyad::Document;
using dyad::Event;
using dyad::EventFilter;

// Countries and actor roles weighted roughly as in news coverage (a few dominate).
const char* const kCountries[] = {"USA", "RUS", "CHN", "GBR", "FRA", "SYR", "IRN", "ISR", "PSE",
                                  "UKR", "DEU", "IRQ", "AFG", "PAK", "IND", "TUR", "EGY", "JPN",
                                  "PRK", "KOR", "SAU", "LBY", "MLI", "NGA", "KEN", "SDN", "VEN",
                                  "BRA", "MEX", "CAN", "AUS", "YEM", "LBN", "JOR", "QAT"};
const char* const kRoles[] = {"GOV", "",    "MIL", "REB", "OPP", "CVL",
                              "BUS", "MED", "COP", "JUD", "LEG", "GOVMIL"};
struct Code {
  const char* code;
  double goldstein;
  int quad;
};
const Code kCodes[] = {{"010", 0.0, 1},   {"020", 3.0, 1},  {"036", 4.0, 1},   {"040", 1.0, 1},
                       {"042", 1.9, 1},   {"043", 2.8, 1},  {"046", 7.0, 1},   {"051", 3.4, 1},
                       {"057", 8.0, 1},   {"061", 6.4, 2},  {"071", 7.4, 2},   {"073", 7.4, 2},
                       {"111", -2.0, 3},  {"112", -2.0, 3}, {"120", -4.0, 3},  {"130", -4.4, 3},
                       {"138", -7.0, 3},  {"141", -6.5, 3}, {"163", -8.0, 4},  {"172", -5.0, 4},
                       {"173", -5.0, 4},  {"180", -9.0, 4}, {"190", -10.0, 4}, {"193", -10.0, 4},
                       {"195", -10.0, 4}, {"200", -10.0, 4}};

template <typename T, size_t N>
size_t Zipf(std::mt19937_64& rng, const T (&)[N]) {
  // P(i) ~ 1 / (i + 1): a few items take most mentions.
  static std::vector<double> weights = [] {
    std::vector<double> w(N);
    for (size_t i = 0; i < N; ++i) w[i] = 1.0 / (i + 1);
    return w;
  }();
  std::discrete_distribution<size_t> d(weights.begin(), weights.end());
  return d(rng);
}

Document MakeDocument(std::mt19937_64& rng, int64_t n, int events, Date first_day, int days) {
  Document d;
  Date day = first_day.AddDays(static_cast<int32_t>(rng() % days));
  d.meta.id = fmt::format("bench-{:08}", n);
  d.meta.date = day;
  d.meta.date_source = dyad::DateSource::kMetadata;
  const char* publishers[] = {"AFP", "Reuters", "AP", "BBC", "Xinhua", "Al Jazeera"};
  d.meta.source = publishers[rng() % 6];
  d.meta.url = "https://news.example.org/" + d.meta.id;
  d.meta.title = fmt::format("Story {} about {}", n, kCountries[Zipf(rng, kCountries)]);
  for (int i = 0; i < events; ++i) {
    const char* a = kCountries[Zipf(rng, kCountries)];
    const char* b = kCountries[Zipf(rng, kCountries)];
    std::string source = std::string(a) + kRoles[Zipf(rng, kRoles)];
    std::string target = std::string(b) + kRoles[Zipf(rng, kRoles)];
    const Code& c = kCodes[rng() % std::size(kCodes)];
    std::string sentence =
        fmt::format("The {} said {} met the {} over talks on day {}. ", source, source, target, n);
    dyad::Sentence s;
    s.span = {static_cast<dyad::ByteOffset>(d.text.size()),
              static_cast<dyad::ByteOffset>(d.text.size() + sentence.size() - 1)};
    s.first_token = static_cast<dyad::TokenIndex>(d.tokens.size());
    s.paragraph = i;
    for (size_t p = 0; p < sentence.size() - 1;) {
      size_t e = sentence.find(' ', p);
      e = std::min(e, sentence.size() - 1);
      d.tokens.push_back({{static_cast<dyad::ByteOffset>(d.text.size() + p),
                           static_cast<dyad::ByteOffset>(d.text.size() + e)},
                          dyad::Token::kSpaceAfter});
      dyad::WordAnalysis w;
      w.lemma = sentence.substr(p, e - p);
      w.head = s.first_token;
      d.words.push_back(std::move(w));
      p = e + 1;
    }
    s.end_token = static_cast<dyad::TokenIndex>(d.tokens.size());
    d.sentences.push_back(s);
    Event ev;
    ev.sentence = i;
    ev.source = source;
    ev.target = target;
    ev.code = c.code;
    ev.root = ev.code.substr(0, 2);
    ev.quad_class = c.quad;
    ev.goldstein = c.goldstein;
    ev.plover = "CONSULT";
    ev.date = day.AddDays(-static_cast<int32_t>(rng() % 3 == 0 ? rng() % 7 : 0));
    ev.source_span = {static_cast<dyad::ByteOffset>(d.text.size() + 4),
                      static_cast<dyad::ByteOffset>(d.text.size() + 4 + source.size())};
    ev.trigger_span = {static_cast<dyad::ByteOffset>(d.text.size() + 2 * source.size() + 14),
                       static_cast<dyad::ByteOffset>(d.text.size() + 2 * source.size() + 17)};
    ev.rule = "bench";
    d.events.push_back(std::move(ev));
    d.text += sentence;
  }
  return d;
}

int Fail(const dyad::Status& st) {
  fmt::print(stderr, "dyad_store_bench: {}\n", st.message());
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Make a realistic event store and time its queries."};
  int64_t events = 1000000;
  std::string db = "bench.db";
  int runs = 7;
  bool reuse = false;
  app.add_option("--events", events, "events to generate")->capture_default_str();
  app.add_option("--db", db, "store to create (replaced) or, with --reuse, to query")
      ->capture_default_str();
  app.add_option("--runs", runs, "runs per query; the median is reported")->capture_default_str();
  app.add_flag("--reuse", reuse, "query the existing store instead of generating one");
  CLI11_PARSE(app, argc, argv);

  using Clock = std::chrono::steady_clock;
  if (!reuse) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
    auto store = dyad::EventStore::Open(db, {});
    if (!store.ok()) return Fail(store.status());
    std::mt19937_64 rng(42);
    auto start = Clock::now();
    int64_t made = 0, docs = 0;
    if (auto st = (*store)->Begin(); !st.ok()) return Fail(st);
    while (made < events) {
      int n = static_cast<int>(std::min<int64_t>(1 + rng() % 9, events - made));  // 1..9, mean 5
      Document d = MakeDocument(rng, docs++, n, Date{2010, 1, 1}, 3652);
      auto r = (*store)->Put(d, dyad::DocumentHash(d));
      if (!r.ok()) return Fail(r.status());
      made += n;
      if (docs % 2000 == 0) {
        if (auto st = (*store)->Commit(); !st.ok()) return Fail(st);
        if (auto st = (*store)->Begin(); !st.ok()) return Fail(st);
      }
    }
    if (auto st = (*store)->Commit(); !st.ok()) return Fail(st);
    if (auto st = (*store)->Analyze(); !st.ok()) return Fail(st);
    double sec = std::chrono::duration<double>(Clock::now() - start).count();
    store->reset();
    std::error_code ec;
    uint64_t bytes = std::filesystem::file_size(db, ec);
    fmt::print(
        "{{\"generate\":{{\"events\":{},\"documents\":{},\"seconds\":{:.1f},"
        "\"events_per_s\":{:.0f},\"db_bytes\":{},\"bytes_per_event\":{:.0f}}}}}\n",
        made, docs, sec, made / sec, bytes, double(bytes) / made);
  }

  auto store = dyad::EventStore::Open(db, {.read_only = true});
  if (!store.ok()) return Fail(store.status());
  dyad::EventStore& s = **store;
  auto count = s.Count();
  if (!count.ok()) return Fail(count.status());
  struct Query {
    const char* name;
    std::function<dyad::StatusOr<size_t>()> run;
  };
  auto series = [&s](EventFilter f) {
    return [&s, f]() -> dyad::StatusOr<size_t> {
      DYAD_ASSIGN_OR_RETURN(auto v, s.Series(f, dyad::Bucket::kMonth));
      return v.size();
    };
  };
  std::vector<Query> queries = {
      {"month series --country SYR", series({.country = "SYR"})},
      {"month series --dyad USA,RUS", series({.dyad_a = "USA", .dyad_b = "RUS"})},
      {"month series --source USAGOV --dedup day",
       series({.source = "USAGOV", .dedup = dyad::Dedup::kDay})},
      {"month series --root 19 --from 2015-01-01 --to 2016-12-31",
       series({.from = Date{2015, 1, 1}, .to = Date{2016, 12, 31}, .root = "19"})},
      {"month series --country IRN --quad 4", series({.country = "IRN", .quad_class = 4})},
      {"month series --text SYR (FTS over titles)", series({.text = "SYR"})},
      {"month series (all events)", series({})},
      {"top 10 dyads --country SYR",
       [&s]() -> dyad::StatusOr<size_t> {
         DYAD_ASSIGN_OR_RETURN(auto v, s.CountBy({.country = "SYR"}, dyad::GroupBy::kDyad, 10));
         return v.size();
       }},
      {"top 10 dyads (all events)",
       [&s]() -> dyad::StatusOr<size_t> {
         DYAD_ASSIGN_OR_RETURN(auto v, s.CountBy({}, dyad::GroupBy::kDyad, 10));
         return v.size();
       }},
      {"100 events --country RUS --code 19",
       [&s]() -> dyad::StatusOr<size_t> {
         DYAD_ASSIGN_OR_RETURN(auto v, s.Events({.country = "RUS", .code = "19"}, {}));
         return v.records.size();
       }},
  };
  for (const Query& q : queries) {
    // Wall clock and this process's CPU time: on a shared machine the CPU time shows the
    // query's own cost when other jobs stretch the wall clock.
    std::vector<double> ms, cpu_ms;
    size_t rows = 0;
    for (int i = 0; i < runs; ++i) {
      auto t0 = Clock::now();
      std::clock_t c0 = std::clock();
      auto r = q.run();
      if (!r.ok()) return Fail(r.status());
      cpu_ms.push_back(1000.0 * (std::clock() - c0) / CLOCKS_PER_SEC);
      ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
      rows = *r;
    }
    std::sort(ms.begin(), ms.end());
    std::sort(cpu_ms.begin(), cpu_ms.end());
    fmt::print(
        "{{\"query\":\"{}\",\"events_in_store\":{},\"rows\":{},\"median_ms\":{:.1f},"
        "\"min_ms\":{:.1f},\"max_ms\":{:.1f},\"median_cpu_ms\":{:.1f},\"runs\":{}}}\n",
        q.name, count->events, rows, ms[ms.size() / 2], ms.front(), ms.back(),
        cpu_ms[cpu_ms.size() / 2], runs);
  }
  return 0;
}
