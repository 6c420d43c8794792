// Hand-made documents and stores for dyad_store's tests.
#pragma once

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "dyad/store/event_store.h"

namespace dyad::store_test {

// The backend the tests run on: SQLite files by default; with DYAD_TEST_PG_URL set (ctest's
// store_test_pg, which starts a server), a fresh schema of that PostgreSQL database per store.
inline const char* PgUrl() {
  const char* url = std::getenv("DYAD_TEST_PG_URL");
  return url && *url ? url : nullptr;
}

// Runs `sql` (no parameters) on the store's database and returns the first column as integers.
inline std::vector<int64_t> Column(const std::string& store, const std::string& sql) {
  std::vector<int64_t> out;
  if (IsPostgresUrl(store)) {
    PGconn* c = PQconnectdb(store.c_str());
    PGresult* r = PQexec(c, sql.c_str());
    EXPECT_EQ(PQresultStatus(r), PGRES_TUPLES_OK) << PQerrorMessage(c);
    for (int i = 0; i < PQntuples(r); ++i) out.push_back(std::atoll(PQgetvalue(r, i, 0)));
    PQclear(r);
    PQfinish(c);
    return out;
  }
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(store.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  while (sqlite3_step(s) == SQLITE_ROW) out.push_back(sqlite3_column_int64(s, 0));
  sqlite3_finalize(s);
  sqlite3_close(db);
  return out;
}

// A fresh store: a path under the test's temp dir, removed (with -wal, -shm) first, or on
// PostgreSQL an emptied schema named after the test and this process, as a URL whose
// search_path is that schema.
inline std::string TempStore(const std::string& name) {
  if (const char* base = PgUrl()) {
    const std::string schema = "t" + std::to_string(::getpid()) + "_" + name;
    PGconn* c = PQconnectdb(base);
    EXPECT_EQ(PQstatus(c), CONNECTION_OK) << PQerrorMessage(c);
    const std::string sql = "DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema;
    PGresult* r = PQexec(c, sql.c_str());
    EXPECT_EQ(PQresultStatus(r), PGRES_COMMAND_OK) << PQerrorMessage(c);
    PQclear(r);
    PQfinish(c);
    const std::string url = base;
    return url + (url.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
           schema;
  }
  std::filesystem::path p = std::filesystem::temp_directory_path() /
                            ("dyad_store_" + std::to_string(::getpid()) + "_" + name + ".db");
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(p.string() + suffix);
  return p.string();
}

inline Span Find(const std::string& text, const std::string& words) {
  size_t b = text.find(words);
  EXPECT_NE(b, std::string::npos) << words;
  return {static_cast<ByteOffset>(b), static_cast<ByteOffset>(b + words.size())};
}

// A document of one or more sentences (split at ". "), tokens at spaces, one word per token.
inline Document MakeDoc(const std::string& id, Date date, const std::string& text,
                        const std::string& publisher = "AFP") {
  Document d;
  d.text = text;
  d.meta.id = id;
  d.meta.date = date;
  d.meta.date_source = DateSource::kMetadata;
  d.meta.source = publisher;
  d.meta.url = "https://example.com/" + id;
  d.meta.title = "Title of " + id;
  d.meta.extra = {{"category", "test"}};
  size_t b = 0;
  uint32_t paragraph = 0;
  while (b < text.size()) {
    size_t e = text.find(". ", b);
    e = e == std::string::npos ? text.size() : e + 1;
    Sentence s;
    s.span = {static_cast<ByteOffset>(b), static_cast<ByteOffset>(e)};
    s.first_token = static_cast<TokenIndex>(d.tokens.size());
    s.paragraph = paragraph++;
    size_t t = b;
    while (t < e) {
      size_t sp = text.find(' ', t);
      size_t te = std::min(sp == std::string::npos ? text.size() : sp, e);
      Token tok;
      tok.span = {static_cast<ByteOffset>(t), static_cast<ByteOffset>(te)};
      tok.flags = Token::kSpaceAfter;
      d.tokens.push_back(tok);
      WordAnalysis w;
      w.lemma = text.substr(t, te - t);
      w.upos = Upos::kNoun;
      w.head = s.first_token;
      d.words.push_back(w);
      t = te + 1;
    }
    s.end_token = static_cast<TokenIndex>(d.tokens.size());
    d.sentences.push_back(s);
    b = e + 1;
  }
  return d;
}

inline Event MakeEvent(const Document& d, SentenceIndex sentence, std::string source,
                       std::string target, std::string code, double goldstein,
                       const std::string& source_words = "",
                       const std::string& trigger_words = "") {
  Event e;
  e.sentence = sentence;
  e.source = std::move(source);
  e.target = std::move(target);
  e.code = std::move(code);
  e.root = e.code.substr(0, 2);
  e.quad_class = e.root < "06" ? 1 : e.root < "09" ? 2 : e.root < "15" ? 3 : 4;
  e.goldstein = goldstein;
  e.plover = "CONSULT";
  e.issues = {"PEACE", "AID"};
  e.date = d.meta.date;
  if (!source_words.empty()) e.source_span = Find(d.text, source_words);
  if (!trigger_words.empty()) e.trigger_span = Find(d.text, trigger_words);
  e.rule = "CAMEO.txt:1";
  return e;
}

inline void PutAll(EventStore& store, const std::vector<Document>& docs) {
  ASSERT_TRUE(store.Begin().ok());
  for (const Document& d : docs) {
    auto r = store.Put(d, DocumentHash(d));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  ASSERT_TRUE(store.Commit().ok());
}

}  // namespace dyad::store_test
