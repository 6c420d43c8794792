// Hand-made documents and stores for dyad_store's tests.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "dyad/store/event_store.h"

namespace dyad::store_test {

// A fresh store path under the test's temp dir, removed (with -wal, -shm) first.
inline std::string TempStore(const std::string& name) {
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
