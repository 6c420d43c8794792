// dyad code: CAMEO events from news, as JSON Lines or any export format (dyad/export/export.h).
#include <fmt/format.h>

#include <ctime>

#include "dyad/export/export.h"
#include "dyad/io/writer.h"
#include "event_stages.h"
#include "place_stage.h"
#include "verbs.h"

namespace dyad::cli {

namespace {

// Formats a coded Document's events with one of dyad_export's writers.
class EventWriter final : public DocumentWriter {
 public:
  EventWriter(std::unique_ptr<EventRecordWriter> events,
              std::unique_ptr<MentionRecordWriter> mentions, RecordOptions options)
      : events_(std::move(events)), mentions_(std::move(mentions)), options_(std::move(options)) {}
  void Header(std::string& out) const {
    if (events_) events_->Header(out);
    if (mentions_) mentions_->Header(out);
  }
  void Append(const Document& doc, std::string& out) const override {
    if (events_)
      for (const EventRecord& r : EventRecordsFromDocument(doc, options_)) events_->Append(r, out);
    if (mentions_)
      for (const MentionRecord& m : MentionRecordsFromDocument(doc, options_))
        mentions_->Append(m, out);
  }

 private:
  std::unique_ptr<EventRecordWriter> events_;
  std::unique_ptr<MentionRecordWriter> mentions_;
  RecordOptions options_;
};

}  // namespace

VerbRun SetupCode(CLI::App& app) {
  struct Flags {
    InputFlags in;
    ModelFlags models;
    CodingFlags coding;
    std::string format = "jsonl";
    std::string date_added;
    std::string output = "-";
  };
  auto f = std::make_shared<Flags>();
  AddInputFlags(app, f->in);
  AddModelFlags(app, f->models, Analysis::kParse);
  AddCodingFlags(app, f->coding);
  app.add_option("--format", f->format,
                 "jsonl, petrarch, phoenix, tabari, gdelt-events, gdelt-mentions, icews, plover "
                 "or csv (columns in README.md, Export formats)")
      ->check(CLI::IsMember({"jsonl", "petrarch", "phoenix", "tabari", "gdelt-events",
                             "gdelt-mentions", "icews", "plover", "csv"}))
      ->capture_default_str();
  app.add_option("--date-added", f->date_added,
                 "DATEADDED of every event, UTC YYYYMMDDHHMMSS, or \"now\" for the clock "
                 "(default: the publication date at 000000, so output is reproducible)");
  app.add_option("--output,-o", f->output, "output file; - for standard output")
      ->capture_default_str();
  return [f]() -> int {
    StatusOr<ReaderOptions> ro = MakeReaderOptions(f->in);
    if (!ro.ok()) return Fail(ro.status());
    RecordOptions record_options;
    if (f->date_added == "now") {
      std::time_t now = std::time(nullptr);
      std::tm utc{};
      gmtime_r(&now, &utc);
      record_options.date_added =
          fmt::format("{:04}{:02}{:02}{:02}{:02}{:02}", utc.tm_year + 1900, utc.tm_mon + 1,
                      utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
    } else if (Status st = ValidateDateAdded(f->date_added); !st.ok()) {
      return Fail(st);
    } else {
      record_options.date_added = f->date_added;
    }
    std::unique_ptr<EventRecordWriter> event_writer;
    std::unique_ptr<MentionRecordWriter> mention_writer;
    if (f->format == "gdelt-mentions") {
      auto w = NewMentionRecordWriter(f->format);
      if (!w.ok()) return Fail(w.status());
      mention_writer = std::move(*w);
    } else {
      auto w = NewEventRecordWriter(f->format);
      if (!w.ok()) return Fail(w.status());
      event_writer = std::move(*w);
    }
    auto stages = MakeEventPipelineStages(f->in, f->models, f->coding, "code");
    if (!stages.ok()) return Fail(stages.status());
    auto reader = OpenReader(f->in.path, *ro);
    if (!reader.ok()) return Fail(reader.status());
    std::FILE* out = stdout;
    if (f->output != "-") {
      out = std::fopen(f->output.c_str(), "wb");
      if (!out) return Fail(NotFoundError(f->output + ": cannot open for writing"));
    }
    EventWriter writer(std::move(event_writer), std::move(mention_writer), record_options);
    std::string header;
    writer.Header(header);
    std::fwrite(header.data(), 1, header.size(), out);
    Pipeline pipeline(*stages, PipelineOptions{.threads = f->in.threads});
    PipelineOutput po;
    po.max_messages = MessageLimit(f->in);
    po.writer = &writer;
    po.out = out;
    uint64_t events = 0;
    po.on_document = [&](const Document& d, const Status&) { events += d.events.size(); };
    RunStats stats = pipeline.Run(**reader, po);
    if (out != stdout) std::fclose(out);
    std::string per_stage;
    for (const auto& [name, sec] : stats.stage_seconds)
      per_stage += fmt::format(" {} {:.2f} s", name, sec);
    fmt::print(stderr,
               "dyad code: {}; {} sentences, {} events in {:.2f} s ({:.0f} sentences/s;{})\n",
               stats.Summary(), stats.sentences, events, stats.seconds,
               stats.seconds > 0 ? stats.sentences / stats.seconds : 0.0, per_stage);
    return stats.failed > 0 ? kExitData : kExitOk;
  };
}

}  // namespace dyad::cli
