#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <tuple>

#include "dyad/export/export.h"
#include "dyad/serve/event_source.h"

namespace dyad::serve {

namespace {

bool StartsWith(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool ContainsIgnoringCase(const std::string& hay, const std::string& needle) {
  auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(),
                        [](char a, char b) { return Lower(a) == Lower(b); });
  return it != hay.end();
}

// The country of an actor code as the store reads it: three capitals that are not a
// transnational prefix.
std::string CountryOf(const std::string& code) {
  if (code.size() < 3) return "";
  std::string c = code.substr(0, 3);
  for (char ch : c)
    if (ch < 'A' || ch > 'Z') return "";
  for (const char* t : {"IGO", "NGO", "IMG", "MNC", "UAF"})
    if (c == t) return "";
  return c;
}

// Every word of `text` (AND and OR words aside) in the title or the sentence.
bool TextMatches(const EventRecord& r, const std::string& text) {
  size_t b = 0;
  while (b < text.size()) {
    size_t e = text.find(' ', b);
    if (e == std::string::npos) e = text.size();
    const std::string word = text.substr(b, e - b);
    b = e + 1;
    if (word.empty() || word == "AND" || word == "OR") continue;
    if (!ContainsIgnoringCase(r.sentence_text, word) && !ContainsIgnoringCase(r.title, word))
      return false;
  }
  return true;
}

bool Matches(const EventRecord& r, const EventFilter& f) {
  if (!f.from.empty() && (r.date.empty() || r.date < f.from)) return false;
  if (!f.to.empty() && (r.date.empty() || r.date > f.to)) return false;
  if (!f.source.empty() && !StartsWith(r.source, f.source)) return false;
  if (!f.target.empty() && !StartsWith(r.target, f.target)) return false;
  if (!f.country.empty() && CountryOf(r.source) != f.country && CountryOf(r.target) != f.country)
    return false;
  if (!f.dyad_a.empty() && !(StartsWith(r.source, f.dyad_a) && StartsWith(r.target, f.dyad_b)) &&
      !(StartsWith(r.source, f.dyad_b) && StartsWith(r.target, f.dyad_a)))
    return false;
  if (!f.code.empty() && !StartsWith(r.code, f.code)) return false;
  if (!f.root.empty() && r.root != f.root) return false;
  if (f.quad_class != 0 && r.quad_class != f.quad_class) return false;
  if (!f.text.empty() && !TextMatches(r, f.text)) return false;
  return true;
}

Date PeriodStart(const Date& d, Bucket b) {
  switch (b) {
    case Bucket::kDay:
      return d;
    case Bucket::kWeek:
      return d.AddDays(-d.Weekday());
    case Bucket::kMonth:
      return Date{d.year, d.month, 1};
  }
  return d;
}

class MemorySource final : public MemoryEventSource {
 public:
  StatusOr<std::vector<EventRecord>> Events(const EventFilter& f, const Page& page) override {
    std::shared_lock lock(mu_);
    std::vector<EventRecord> out;
    int64_t skipped = 0;
    for (const EventRecord* r : Select(f)) {
      if (skipped++ < page.offset) continue;
      if (page.limit >= 0 && static_cast<int64_t>(out.size()) >= page.limit) break;
      out.push_back(*r);
    }
    return out;
  }

  StatusOr<EventRecord> EventById(int64_t id) override {
    std::shared_lock lock(mu_);
    if (id < 1 || id > static_cast<int64_t>(events_.size()))
      return NotFoundError("no event " + std::to_string(id));
    return events_[static_cast<size_t>(id - 1)];
  }

  StatusOr<std::vector<SeriesPoint>> Series(const EventFilter& f, Bucket bucket) override {
    std::shared_lock lock(mu_);
    std::map<int32_t, SeriesPoint> points;
    for (const EventRecord* r : Select(f)) {
      if (r->date.empty()) continue;
      const Date first = PeriodStart(r->date, bucket);
      SeriesPoint& p = points[first.ToDays()];
      p.first = first;
      ++p.events;
      p.goldstein += r->goldstein;
    }
    std::vector<SeriesPoint> out;
    for (auto& [day, p] : points) out.push_back(p);
    return out;
  }

  StatusOr<std::vector<GroupCount>> CountBy(const EventFilter& f, GroupBy by, int top) override {
    std::shared_lock lock(mu_);
    std::map<std::string, GroupCount> groups;
    auto add = [&](const std::string& key, double goldstein) {
      GroupCount& g = groups[key];
      ++g.events;
      g.goldstein += goldstein;
    };
    for (const EventRecord* r : Select(f)) {
      switch (by) {
        case GroupBy::kDyad:
          add(r->source + "," + r->target, r->goldstein);
          break;
        case GroupBy::kSource:
          add(r->source, r->goldstein);
          break;
        case GroupBy::kTarget:
          add(r->target, r->goldstein);
          break;
        case GroupBy::kCountry: {
          const std::string s = CountryOf(r->source), t = CountryOf(r->target);
          if (!s.empty()) add(s, r->goldstein);
          if (!t.empty() && t != s) add(t, r->goldstein);
          break;
        }
      }
    }
    std::vector<GroupCount> out;
    for (auto& [key, g] : groups) {
      g.key = key;
      out.push_back(g);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const GroupCount& a, const GroupCount& b) { return a.events > b.events; });
    if (top > 0 && out.size() > static_cast<size_t>(top)) out.resize(static_cast<size_t>(top));
    return out;
  }

  StatusOr<int64_t> Put(const Document& doc, const std::string& hash) override {
    std::vector<EventRecord> records = EventRecordsFromDocument(doc);
    const auto n = static_cast<int64_t>(records.size());
    DYAD_RETURN_IF_ERROR(Add(std::move(records)));
    return n;
  }

  Status Add(std::vector<EventRecord> records) override {
    std::unique_lock lock(mu_);
    for (EventRecord& r : records) {
      r.event_id = static_cast<int64_t>(events_.size()) + 1;
      events_.push_back(std::move(r));
    }
    return Status::Ok();
  }

  StatusOr<int64_t> Count() override {
    std::shared_lock lock(mu_);
    return static_cast<int64_t>(events_.size());
  }

 private:
  // The matching events in id order; with dedup, the first of each group.
  std::vector<const EventRecord*> Select(const EventFilter& f) const {
    std::vector<const EventRecord*> hits;
    std::set<std::tuple<std::string, std::string, std::string, std::string>> seen;
    for (const EventRecord& r : events_) {
      if (!Matches(r, f)) continue;
      if (f.dedup != Dedup::kNone) {
        std::string first = f.dedup == Dedup::kDay ? std::to_string(r.date.ToDays()) : r.doc_id;
        if (!seen.emplace(std::move(first), r.source, r.target, r.code).second) continue;
      }
      hits.push_back(&r);
    }
    return hits;
  }

  mutable std::shared_mutex mu_;
  std::vector<EventRecord> events_;  // event_id = index + 1
};

}  // namespace

std::unique_ptr<MemoryEventSource> NewMemoryEventSource() {
  return std::make_unique<MemorySource>();
}

}  // namespace dyad::serve
