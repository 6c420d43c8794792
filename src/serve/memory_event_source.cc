#include <algorithm>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <tuple>

#include "dyad/serve/event_source.h"

namespace dyad::serve {

std::vector<EventRecord> EventRecordsOfDocument(const Document& doc,
                                                const std::string& date_added) {
  std::vector<EventRecord> out;
  out.reserve(doc.events.size());
  for (const Event& e : doc.events) {
    EventRecord r;
    r.doc_id = doc.meta.id;
    r.published = doc.meta.date;
    r.publisher = doc.meta.source;
    r.url = doc.meta.url;
    r.title = doc.meta.title;
    r.sentence = e.sentence + 1;
    if (e.sentence < doc.sentences.size()) {
      const Sentence& s = doc.sentences[e.sentence];
      r.sentence_text = std::string(doc.SpanText(s.span));
      r.is_root_event = s.paragraph == 0;
    }
    r.date = e.date;
    r.date_text = e.date_text;
    r.source = e.source;
    r.target = e.target;
    r.source_name = std::string(doc.SpanText(e.source_span));
    r.target_name = std::string(doc.SpanText(e.target_span));
    r.code = e.code;
    r.root = e.root;
    r.quad_class = e.quad_class;
    r.goldstein = e.goldstein;
    r.plover = e.plover;
    r.issues = e.issues;
    r.source_span = e.source_span;
    r.target_span = e.target_span;
    r.trigger_span = e.trigger_span;
    r.trigger_text = std::string(doc.SpanText(e.trigger_span));
    r.rule = e.rule;
    r.date_added = date_added;
    out.push_back(std::move(r));
  }
  return out;
}

namespace {

bool StartsWith(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

bool ContainsIgnoringCase(const std::string& hay, const std::string& needle) {
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(),
                        [&](char a, char b) { return lower(a) == lower(b); });
  return it != hay.end();
}

bool Matches(const EventRecord& r, const EventQuery& q) {
  if (!q.from.empty() && (r.date.empty() || r.date < q.from)) return false;
  if (!q.to.empty() && (r.date.empty() || r.date > q.to)) return false;
  if (!q.source.empty() && !StartsWith(r.source, q.source)) return false;
  if (!q.target.empty() && !StartsWith(r.target, q.target)) return false;
  if (!q.country.empty() && !StartsWith(r.source, q.country) && !StartsWith(r.target, q.country))
    return false;
  if (!q.dyad_source.empty() && (r.source != q.dyad_source || r.target != q.dyad_target))
    return false;
  if (!q.code.empty() && !StartsWith(r.code, q.code)) return false;
  if (!q.root.empty() && r.root != q.root) return false;
  if (q.quad != 0 && r.quad_class != q.quad) return false;
  if (!q.q.empty() && !ContainsIgnoringCase(r.sentence_text, q.q)) return false;
  return true;
}

std::string Period(const Date& d, SeriesInterval by) {
  switch (by) {
    case SeriesInterval::kDay: return d.ToString();
    case SeriesInterval::kWeek: return d.AddDays(-d.Weekday()).ToString();
    case SeriesInterval::kMonth: return d.ToString().substr(0, 7);
  }
  return d.ToString();
}

class MemoryEventSource final : public EventSource {
 public:
  StatusOr<EventPage> Events(const EventQuery& q) const override {
    std::shared_lock lock(mu_);
    std::vector<const EventRecord*> hits = Select(q);
    std::stable_sort(hits.begin(), hits.end(), [](const EventRecord* a, const EventRecord* b) {
      if (a->date != b->date) return a->date > b->date;
      return a->event_id < b->event_id;
    });
    EventPage page;
    page.total = static_cast<int64_t>(hits.size());
    const size_t begin = static_cast<size_t>(q.page - 1) * static_cast<size_t>(q.limit);
    for (size_t i = begin; i < hits.size() && i < begin + static_cast<size_t>(q.limit); ++i)
      page.events.push_back(*hits[i]);
    return page;
  }

  StatusOr<std::vector<SeriesPoint>> Series(const EventQuery& q,
                                            SeriesInterval by) const override {
    std::shared_lock lock(mu_);
    std::map<std::string, SeriesPoint> points;
    for (const EventRecord* r : Select(q)) {
      if (r->date.empty()) continue;
      SeriesPoint& p = points[Period(r->date, by)];
      ++p.count;
      p.goldstein_sum += r->goldstein;
      if (r->quad_class >= 1 && r->quad_class <= 4) ++p.quad_counts[r->quad_class - 1];
    }
    std::vector<SeriesPoint> out;
    for (auto& [period, p] : points) {
      p.period = period;
      out.push_back(p);
    }
    return out;
  }

  StatusOr<std::vector<DyadCount>> Dyads(const EventQuery& q, int limit) const override {
    std::shared_lock lock(mu_);
    std::map<std::pair<std::string, std::string>, DyadCount> dyads;
    for (const EventRecord* r : Select(q)) {
      DyadCount& d = dyads[{r->source, r->target}];
      ++d.count;
      d.goldstein_mean += r->goldstein;  // a sum until the division below
    }
    std::vector<DyadCount> out;
    for (auto& [key, d] : dyads) {
      d.source = key.first;
      d.target = key.second;
      d.goldstein_mean /= static_cast<double>(d.count);
      out.push_back(d);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const DyadCount& a, const DyadCount& b) { return a.count > b.count; });
    if (out.size() > static_cast<size_t>(limit)) out.resize(static_cast<size_t>(limit));
    return out;
  }

  StatusOr<EventRecord> Event(int64_t id) const override {
    std::shared_lock lock(mu_);
    if (id < 1 || id > static_cast<int64_t>(events_.size()))
      return NotFoundError("no event " + std::to_string(id));
    return events_[static_cast<size_t>(id - 1)];
  }

  StatusOr<std::vector<int64_t>> Add(std::vector<EventRecord> events) override {
    std::unique_lock lock(mu_);
    std::vector<int64_t> ids;
    for (EventRecord& r : events) {
      r.event_id = static_cast<int64_t>(events_.size()) + 1;
      ids.push_back(r.event_id);
      events_.push_back(std::move(r));
    }
    return ids;
  }

  int64_t Count() const override {
    std::shared_lock lock(mu_);
    return static_cast<int64_t>(events_.size());
  }

 private:
  // The matching events; with dedup, the first of each (date, source, target, code).
  std::vector<const EventRecord*> Select(const EventQuery& q) const {
    std::vector<const EventRecord*> hits;
    std::map<std::tuple<int32_t, std::string, std::string, std::string>, bool> seen;
    for (const EventRecord& r : events_) {
      if (!Matches(r, q)) continue;
      if (q.dedup && !seen.emplace(std::tuple(r.date.ToDays(), r.source, r.target, r.code), true)
                          .second)
        continue;
      hits.push_back(&r);
    }
    return hits;
  }

  mutable std::shared_mutex mu_;
  std::vector<EventRecord> events_;  // event_id = index + 1
};

}  // namespace

std::unique_ptr<EventSource> NewMemoryEventSource() {
  return std::make_unique<MemoryEventSource>();
}

}  // namespace dyad::serve
