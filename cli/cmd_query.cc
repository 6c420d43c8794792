// dyad query: events, time series and top groups from an event store, as a table, CSV or JSON
// Lines. A thin front over EventStore's query API (the server calls the same methods).
#include <fmt/format.h>

#include "common.h"
#include "dyad/export/export.h"
#include "dyad/io/writer.h"
#include "dyad/store/event_store.h"
#include "store_flags.h"
#include "verbs.h"

namespace dyad::cli {
namespace {

// Rows of cells with column names; `numeric` columns are bare numbers in JSON.
struct Table {
  std::vector<std::string> columns;
  std::vector<bool> numeric;
  std::vector<std::vector<std::string>> rows;
};

std::string Csv(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

void Print(const Table& t, const std::string& format, std::FILE* out) {
  std::string s;
  if (format == "csv") {
    for (size_t c = 0; c < t.columns.size(); ++c) s += (c ? "," : "") + t.columns[c];
    s += "\n";
    for (const auto& row : t.rows) {
      for (size_t c = 0; c < row.size(); ++c) s += (c ? "," : "") + Csv(row[c]);
      s += "\n";
    }
  } else if (format == "jsonl") {
    for (const auto& row : t.rows) {
      s += "{";
      for (size_t c = 0; c < row.size(); ++c) {
        if (c) s += ",";
        AppendJsonString(s, t.columns[c]);
        s += ":";
        if (t.numeric[c] && !row[c].empty())
          s += row[c];
        else if (t.numeric[c])
          s += "null";
        else
          AppendJsonString(s, row[c]);
      }
      s += "}\n";
    }
  } else {
    std::vector<size_t> width(t.columns.size());
    for (size_t c = 0; c < t.columns.size(); ++c) width[c] = t.columns[c].size();
    for (const auto& row : t.rows)
      for (size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
    auto line = [&](const std::vector<std::string>& cells) {
      for (size_t c = 0; c < cells.size(); ++c) {
        std::string pad(width[c] - std::min(width[c], cells[c].size()), ' ');
        s += (c ? "  " : "") + (t.numeric[c] ? pad + cells[c] : cells[c] + pad);
      }
      while (!s.empty() && s.back() == ' ') s.pop_back();
      s += "\n";
    };
    line(t.columns);
    for (const auto& row : t.rows) line(row);
  }
  std::fwrite(s.data(), 1, s.size(), out);
}

std::string Num(double v) { return fmt::format("{:.1f}", v); }

std::string EventJson(const EventRecord& e, bool dedup) {
  std::string s = fmt::format("{{\"id\":{},\"doc_id\":", e.event_id);
  AppendJsonString(s, e.doc_id);
  s += fmt::format(",\"sentence\":{},\"date\":", e.sentence);
  AppendJsonString(s, e.date.empty() ? "" : e.date.ToString());
  for (auto [k, v] : {std::pair{"source", &e.source},
                      {"target", &e.target},
                      {"code", &e.code},
                      {"root", &e.root},
                      {"plover", &e.plover},
                      {"publisher", &e.publisher},
                      {"url", &e.url},
                      {"title", &e.title},
                      {"source_text", &e.source_name},
                      {"target_text", &e.target_name},
                      {"trigger_text", &e.trigger_text},
                      {"sentence_text", &e.sentence_text},
                      {"rule", &e.rule}}) {
    s += fmt::format(",\"{}\":", k);
    AppendJsonString(s, *v);
  }
  s += fmt::format(",\"quad_class\":{},\"goldstein\":{},\"is_root_event\":{},\"date_text\":",
                   e.quad_class, e.goldstein, e.is_root_event);
  AppendJsonString(s, e.date_text);
  s += ",\"issues\":[";
  for (size_t i = 0; i < e.issues.size(); ++i) {
    if (i) s += ",";
    AppendJsonString(s, e.issues[i]);
  }
  s += "]";
  for (auto [k, span] : {std::pair{"source_span", e.source_span},
                         {"target_span", e.target_span},
                         {"trigger_span", e.trigger_span}}) {
    if (span.empty())
      s += fmt::format(",\"{}\":null", k);
    else
      s += fmt::format(",\"{}\":[{},{}]", k, span.begin, span.end);
  }
  for (auto [k, place] : {std::pair{"place", &e.action_place},
                          {"source_place", &e.source_place},
                          {"target_place", &e.target_place}}) {
    s += fmt::format(",\"{}\":", k);
    AppendPlaceJson(*place, s);
  }
  s += ",\"tone\":";
  AppendToneJson(e.event_tone, s);
  s += fmt::format(",\"doc_tone\":{}", e.tone);
  if (dedup)
    s += fmt::format(",\"num_mentions\":{},\"num_sources\":{},\"num_articles\":{}", e.num_mentions,
                     e.num_sources, e.num_articles);
  return s + "}\n";
}

}  // namespace

VerbRun SetupQuery(CLI::App& app) {
  struct Flags {
    FilterFlags filter;
    std::string count_by, by, format = "table";
    int top = 20;
    int64_t limit = 100, offset = 0, id = 0;
    bool dump = false;
  };
  auto f = std::make_shared<Flags>();
  AddFilterFlags(app, f->filter);
  app.add_option("--count-by", f->count_by,
                 "a time series: events and Goldstein sum per day, week or month")
      ->check(CLI::IsMember({"day", "week", "month"}));
  app.add_option("--by", f->by, "events and Goldstein sum per dyad, country, source or target")
      ->check(CLI::IsMember({"dyad", "country", "source", "target"}));
  app.add_option("--top", f->top, "with --by: the largest N groups (0 = all)")
      ->capture_default_str();
  app.add_option("--limit", f->limit, "events listed (-1 = all)")->capture_default_str();
  app.add_option("--offset", f->offset, "events skipped before the listing")->capture_default_str();
  app.add_option("--id", f->id, "one event by its id, with its sentence");
  app.add_option("--format", f->format, "table, csv or jsonl")
      ->check(CLI::IsMember({"table", "csv", "jsonl"}))
      ->capture_default_str();
  app.add_flag("--dump", f->dump,
               "every row of every table as sorted text lines (for comparing two stores)");
  return [f]() -> int {
    if (!f->count_by.empty() && !f->by.empty())
      return Fail(InvalidArgumentError("--count-by and --by: choose one"));
    StatusOr<EventFilter> filter = MakeEventFilter(f->filter);
    if (!filter.ok()) return Fail(filter.status());
    auto store = EventStore::Open(f->filter.db, {.read_only = true});
    if (!store.ok()) return Fail(store.status());
    EventStore& s = **store;
    Table t;
    if (f->dump) {
      StatusOr<std::string> dump = s.Dump();
      if (!dump.ok()) return Fail(dump.status());
      std::fwrite(dump->data(), 1, dump->size(), stdout);
      return kExitOk;
    }
    if (!f->count_by.empty()) {
      auto series = s.Series(*filter, *ParseBucket(f->count_by));
      if (!series.ok()) return Fail(series.status());
      t.columns = {f->count_by, "events", "goldstein"};
      t.numeric = {false, true, true};
      for (const SeriesPoint& p : *series) {
        std::string period = p.first.ToString();
        if (f->count_by == "month") period = period.substr(0, 7);
        t.rows.push_back({period, std::to_string(p.events), Num(p.goldstein)});
      }
    } else if (!f->by.empty()) {
      auto groups = s.CountBy(*filter, *ParseGroupBy(f->by), f->top);
      if (!groups.ok()) return Fail(groups.status());
      t.columns = {f->by, "events", "goldstein"};
      t.numeric = {false, true, true};
      for (const GroupCount& g : *groups)
        t.rows.push_back({g.key, std::to_string(g.events), Num(g.goldstein)});
    } else {
      std::vector<EventRecord> events;
      if (f->id != 0) {
        auto e = s.EventById(f->id);
        if (!e.ok()) return Fail(e.status());
        events.push_back(std::move(*e));
      } else {
        auto e = s.Events(*filter, {.offset = f->offset, .limit = f->limit});
        if (!e.ok()) return Fail(e.status());
        events = std::move(e->records);
      }
      bool dedup = filter->dedup != Dedup::kNone;
      if (f->format == "jsonl") {
        std::string out;
        for (const EventRecord& e : events) out += EventJson(e, dedup);
        std::fwrite(out.data(), 1, out.size(), stdout);
        return kExitOk;
      }
      t.columns = {"id", "date", "source", "target", "code", "quad", "goldstein"};
      t.numeric = {true, false, false, false, false, true, true};
      if (dedup) {
        t.columns.insert(t.columns.end(), {"mentions", "articles"});
        t.numeric.insert(t.numeric.end(), {true, true});
      }
      t.columns.insert(t.columns.end(), {"doc_id", "sentence", "trigger", "place"});
      t.numeric.insert(t.numeric.end(), {false, true, false, false});
      if (f->id != 0) {
        t.columns.push_back("text");
        t.numeric.push_back(false);
      }
      for (const EventRecord& e : events) {
        std::vector<std::string> row = {std::to_string(e.event_id),
                                        e.date.empty() ? "" : e.date.ToString(),
                                        e.source,
                                        e.target,
                                        e.code,
                                        std::to_string(e.quad_class),
                                        Num(e.goldstein)};
        if (dedup) {
          row.push_back(std::to_string(e.num_mentions));
          row.push_back(std::to_string(e.num_articles));
        }
        row.insert(row.end(),
                   {e.doc_id, std::to_string(e.sentence), e.trigger_text, e.action_place.name});
        if (f->id != 0) row.push_back(e.sentence_text);
        t.rows.push_back(std::move(row));
      }
    }
    Print(t, f->format, stdout);
    return kExitOk;
  };
}

}  // namespace dyad::cli
