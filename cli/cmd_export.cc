// dyad export: the events of a store (filtered and deduplicated as in `dyad query`) in any
// export format, through dyad_export's writers — the same rows `dyad code --format` writes.
#include <fmt/format.h>

#include "common.h"
#include "dyad/export/export.h"
#include "dyad/export/gkg.h"
#include "dyad/store/event_store.h"
#include "store_flags.h"
#include "verbs.h"

namespace dyad::cli {
namespace {

// The stored knowledge-graph views as GDELT GKG 2.1 rows, the rows `dyad gkg --format gdelt-gkg`
// writes for the same documents (V2.1ALLNAMES, which lists the NER's every mention, stays empty:
// the store keeps the named persons and organisations, not each mention).
int ExportGkg(EventStore& store, const EventFilter& filter, const std::string& date_added,
              std::FILE* out, const std::string& db) {
  Page page{.limit = 5000};
  uint64_t rows = 0;
  std::string text;
  while (true) {
    auto g = store.Gkg(filter, page);
    if (!g.ok()) return Fail(g.status());
    if (g->records.empty()) break;
    for (const StoredGkg& r : g->records) {
      Document doc;
      doc.meta = r.meta;
      AppendGdeltGkgRow(doc, r.gkg, {.date_added = date_added}, text);
    }
    rows += g->records.size();
    page.after_id = g->next_after_id;
    std::fwrite(text.data(), 1, text.size(), out);
    text.clear();
  }
  fmt::print(stderr, "dyad export: {} gdelt-gkg rows from {}\n", rows, db);
  return kExitOk;
}

}  // namespace

VerbRun SetupExport(CLI::App& app) {
  struct Flags {
    FilterFlags filter;
    std::string format = "csv";
    std::string output = "-";
    std::string date_added;
  };
  auto f = std::make_shared<Flags>();
  AddFilterFlags(app, f->filter);
  std::vector<std::string> formats;
  for (std::string_view name : EventRecordFormats()) formats.emplace_back(name);
  formats.push_back("gdelt-mentions");
  formats.push_back("gdelt-gkg");
  std::string names;
  for (const std::string& n : formats) names += (names.empty() ? "" : ", ") + n;
  app.add_option("--format", f->format,
                 names +
                     " (gdelt-mentions: one row per stored event, its event the one-a-day "
                     "group's first; --dedup does not apply; gdelt-gkg: GDELT GKG 2.1, one row "
                     "per stored document's knowledge-graph view, filtered by --from/--to only)")
      ->check(CLI::IsMember(formats))
      ->capture_default_str();
  app.add_option("--output,-o", f->output, "output file; - for standard output")
      ->capture_default_str();
  app.add_option("--date-added", f->date_added,
                 "DATEADDED of every row, UTC YYYYMMDDHHMMSS (default: the publication day)");
  return [f]() -> int {
    if (Status st = ValidateDateAdded(f->date_added); !st.ok()) return Fail(st);
    StatusOr<EventFilter> filter = MakeEventFilter(f->filter);
    if (!filter.ok()) return Fail(filter.status());
    auto store = EventStore::Open(f->filter.db, {.read_only = true});
    if (!store.ok()) return Fail(store.status());
    auto out = OpenOutput(f->output);
    if (!out.ok()) return Fail(out.status());
    if (f->format == "gdelt-gkg")
      return ExportGkg(**store, *filter, f->date_added, out->get(), f->filter.db);
    const bool mentions = f->format == "gdelt-mentions";
    std::unique_ptr<EventRecordWriter> event_writer;
    std::unique_ptr<MentionRecordWriter> mention_writer;
    std::string text;
    if (mentions) {
      auto w = NewMentionRecordWriter(f->format);
      if (!w.ok()) return Fail(w.status());
      mention_writer = std::move(*w);
      mention_writer->Header(text);
    } else {
      auto w = NewEventRecordWriter(f->format);
      if (!w.ok()) return Fail(w.status());
      event_writer = std::move(*w);
      event_writer->Header(text);
    }
    // Keyset pages: memory stays flat however large the store.
    // Ids as `dyad code` writes them, so both verbs give the same rows.
    Page page{.limit = 5000, .stable_ids = true};
    uint64_t rows = 0;
    while (true) {
      if (mentions) {
        auto m = (*store)->Mentions(*filter, page);
        if (!m.ok()) return Fail(m.status());
        if (m->records.empty()) break;
        for (MentionRecord& r : m->records) {
          if (!f->date_added.empty()) r.event_time = r.mention_time = f->date_added;
          mention_writer->Append(r, text);
        }
        rows += m->records.size();
        page.after_id = m->next_after_id;
      } else {
        auto e = (*store)->Events(*filter, page);
        if (!e.ok()) return Fail(e.status());
        if (e->records.empty()) break;
        for (EventRecord& r : e->records) {
          if (!f->date_added.empty()) r.date_added = f->date_added;
          event_writer->Append(r, text);
        }
        rows += e->records.size();
        page.after_id = e->next_after_id;
      }
      std::fwrite(text.data(), 1, text.size(), out->get());
      text.clear();
    }
    std::fwrite(text.data(), 1, text.size(), out->get());
    fmt::print(stderr, "dyad export: {} {} rows from {}\n", rows, f->format, f->filter.db);
    return kExitOk;
  };
}

}  // namespace dyad::cli
