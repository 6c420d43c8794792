#include "request_target.h"

#include <gtest/gtest.h>

namespace dyad::serve {
namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

TEST(RequestTargetTest, SplitsAndDecodes) {
  struct Case {
    std::string target;
    std::string path;
    Params params;
  };
  const Case cases[] = {
      {"/", "/", {}},
      {"/v1/events", "/v1/events", {}},
      {"/v1/events?", "/v1/events", {}},
      {"/v1/events?root=19&limit=2", "/v1/events", {{"root", "19"}, {"limit", "2"}}},
      // Only the first '=' separates: the rest is the value (cpp-httplib read "b").
      {"/v1/events?q=a=b", "/v1/events", {{"q", "a=b"}}},
      {"/v1/events?q==", "/v1/events", {{"q", "="}}},
      // Repeats are kept, even verbatim ones, so "given twice" can be refused.
      {"/x?limit=1&limit=1", "/x", {{"limit", "1"}, {"limit", "1"}}},
      {"/x?a&&b=", "/x", {{"a", ""}, {"b", ""}}},
      {"/x?q=lavrov+again&t=%41%2b%2F", "/x", {{"q", "lavrov again"}, {"t", "A+/"}}},
      {"/x?q=%00", "/x", {{"q", std::string(1, '\0')}}},
      {"/x?q=%E2%82%AC", "/x", {{"q", "\xE2\x82\xAC"}}},
      // The path: '+' is itself, escapes decode (the file server then refuses "..").
      {"/a+b/%2e%2e/c", "/a+b/../c", {}},
      {"/x#frag?q=1", "/x", {}},
      {"/x?q=1#frag", "/x", {{"q", "1"}}},
      {"/x?q=a?b", "/x", {{"q", "a?b"}}},
  };
  for (const Case& c : cases) {
    StatusOr<RequestTarget> t = ParseRequestTarget(c.target);
    ASSERT_TRUE(t.ok()) << c.target << ": " << t.status().message();
    EXPECT_EQ(t->path, c.path) << c.target;
    EXPECT_EQ(t->params, c.params) << c.target;
  }
}

TEST(RequestTargetTest, RefusesMalformedTargets) {
  for (const char* target : {"", "v1/events", "?q=1", "*", "/x?=1", "/x?%3D=1&=", "/x?q=%",
                             "/x?q=%4", "/x?q=%zz", "/x?q=%4g", "/%", "/a%2", "/x?%=1"}) {
    StatusOr<RequestTarget> t = ParseRequestTarget(target);
    EXPECT_FALSE(t.ok()) << target;
    if (!t.ok()) EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument) << target;
  }
}

TEST(RequestTargetTest, HugeAndOddInput) {
  // Many pairs, long values, every byte value: linear, and nothing lost.
  std::string target = "/x?";
  for (int i = 0; i < 10000; ++i) target += "k" + std::to_string(i) + "=v&";
  StatusOr<RequestTarget> t = ParseRequestTarget(target);
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->params.size(), 10000u);
  EXPECT_EQ(t->params.back(), (std::pair<std::string, std::string>("k9999", "v")));
  std::string all;
  std::string encoded = "/x?v=";
  for (int b = 0; b < 256; ++b) {
    all += static_cast<char>(b);
    encoded += "%" + std::string(1, "0123456789ABCDEF"[b / 16]) + "0123456789ABCDEF"[b % 16];
  }
  t = ParseRequestTarget(encoded);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->params[0].second, all);
  EXPECT_EQ(*PercentDecode("a+b%20c", /*plus_is_space=*/true), "a b c");
  EXPECT_EQ(*PercentDecode("a+b%20c", /*plus_is_space=*/false), "a+b c");
  EXPECT_EQ(*PercentDecode("", true), "");
}

}  // namespace
}  // namespace dyad::serve
