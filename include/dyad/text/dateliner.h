// Dateliner: finds a wire dateline at the top of a story and settles the publication date.
//
// Part of dyad_text; the first stage after a reader, before the Segmenter. It sets
// Document::body_begin past the dateline (so the dateline is not part of the first
// sentence), fills meta.dateline / dateline_place / source, and resolves meta.date:
// metadata first, then the dateline, then the run's default date, else a warning.
//
//   "MOSCOW, April 30 (AFP) - Russia said ..."      place MOSCOW, April 30, agency AFP
//   "WASHINGTON (Reuters) - ..."                    place WASHINGTON, agency Reuters
//   "Jan 5 (Reuters) - ..."                         January 5, agency Reuters
//   "KABUL, May 2, 2014 (DNS) — ..."                place KABUL, 2014-05-02
//
// A dateline without a year takes the year that puts it closest to the default date
// (--date); with no default date, such a dateline gives no date.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "dyad/core/stage.h"

namespace dyad {

// A parsed dateline; offsets are relative to the text given to ParseDateline.
struct Dateline {
  size_t end = 0;          // first byte of the story proper (after the dash and spaces)
  std::string text;        // "MOSCOW, April 30 (AFP)"
  std::string place;       // "MOSCOW" / "NAIROBI, Kenya"; may be empty
  std::string agency;      // "AFP"; may be empty
  int year = 0, month = 0, day = 0;  // 0 where absent
};

// Recognises a dateline at the start of `text` (leading white space allowed). Looks only at
// the first 160 bytes.
std::optional<Dateline> ParseDateline(std::string_view text);

struct DatelinerOptions {
  Date default_date;  // the run's --date; empty for none
};

class Dateliner final : public Stage {
 public:
  static StatusOr<std::shared_ptr<const Dateliner>> Load(const DatelinerOptions& options);
  std::string_view name() const override { return "dateline"; }
  std::unique_ptr<Workspace> NewWorkspace() const override;
  Status Process(Document& doc, Workspace& workspace) const override;

 private:
  explicit Dateliner(const DatelinerOptions& options) : options_(options) {}
  DatelinerOptions options_;
};

}  // namespace dyad
