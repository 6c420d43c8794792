// The SQL text of the store's queries, built from an EventFilter. Private to dyad_store.
//
// Only fixed fragments chosen by enums go into the text; every value the caller gave is a `?`
// parameter in `binds`, in order.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "dyad/store/event_store.h"

namespace dyad::store_internal {

// The SQL flavour to write. Parameters are `?` in both; the PostgreSQL backend numbers them.
enum class Dialect { kSqlite, kPostgres };

struct Sql {
  Dialect dialect = Dialect::kSqlite;
  std::string text;
  std::vector<std::variant<int64_t, double, std::string>> binds;
  bool has_text = false;  // a full-text MATCH parameter is among the binds
};

// Events (the columns `columns` over aliases e = events, d = documents, s = sentences), in
// id order; with dedup, each group's first event plus its mentions, sources and articles.
Sql EventsSql(const EventFilter& f, const char* columns, const Page& page,
              Dialect dialect = Dialect::kSqlite);
Sql EventByIdSql(int64_t id, const char* columns, Dialect dialect = Dialect::kSqlite);
// Mention rows: event_id, event day, publication day, publisher, url, doc_id, sentence,
// source/target/trigger offsets, document bytes, the group's first event's doc_id and index in
// its document.
Sql MentionsSql(const EventFilter& f, const Page& page, Dialect dialect = Dialect::kSqlite);
// (day, events, goldstein sum) per day with a date, in day order.
Sql DaySeriesSql(const EventFilter& f, Dialect dialect = Dialect::kSqlite);
// (key, events, goldstein sum), largest first, then by key; top <= 0 = all.
Sql CountBySql(const EventFilter& f, GroupBy by, int top, Dialect dialect = Dialect::kSqlite);

// The smallest string above every string that starts with `prefix` ("" when there is none).
std::string PrefixEnd(const std::string& prefix);

}  // namespace dyad::store_internal
