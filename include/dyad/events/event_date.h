// Event dates: the publication date shifted by the temporal expression of the event's clause.
//
// Part of dyad_events; the EventCoder fills Event::date and Event::date_text with these.
//
//   Date pub{2013, 4, 30};                                    // a Tuesday
//   ResolveTemporal("last week", pub, Tense::kPast)          -> 2013-04-23
//   ResolveTemporal("on Friday", pub, Tense::kFuture)        -> 2013-05-03
//   ResolveTemporal("banana", pub, Tense::kPast)             -> nullopt (not temporal)
//
// Conventions (news usage): a weekday alone is the most recent one for past and present tense
// (the publication day itself counts) and the next one for the future; "last"/"next" skip
// the current day; a month without a day is its first day, in the past for past tense ("last
// May", "in May" written in April -> the previous year) and ahead for the future; a day and
// month without a year is the nearest one on the tense's side; a bare year is 1 January;
// "last month"/"next month", "last year" keep the day (clamped to the month's end);
// "earlier this month/week/year" is the first day of that period.
#pragma once

#include <optional>
#include <string_view>

#include "dyad/core/date.h"
#include "dyad/core/document.h"

namespace dyad {

enum class Tense : uint8_t { kPast, kPresent, kFuture };

// The date `expression` (words as written, any case: "on April 3", "two days ago") names,
// seen from publication date `pub`; nullopt when it names none or `pub` is empty.
std::optional<Date> ResolveTemporal(std::string_view expression, Date pub, Tense tense);

// The span of the temporal expression governing `verb`'s clause in `doc` (tagged and parsed):
// a temporal dependent of the verb ("yesterday", "on Tuesday", "last week"), else of the verb
// it is conjoined with or an xcomp of. Empty when there is none.
Span FindTemporalExpression(const Document& doc, const Sentence& sentence, TokenIndex verb);

// The tense of `verb`: future with a "will"/"shall"/"'ll" auxiliary or "going to"; past for
// VBD and VBN heads (and "has/had" perfects); else present.
Tense TenseOf(const Document& doc, const Sentence& sentence, TokenIndex verb);

}  // namespace dyad
