#include "dyad/core/status.h"

#include <gtest/gtest.h>

namespace dyad {
namespace {

StatusOr<int> Half(int x) {
  if (x % 2) return DataError("odd: " + std::to_string(x));
  return x / 2;
}

Status UseHalf(int x, int* out) {
  DYAD_ASSIGN_OR_RETURN(int h, Half(x));
  *out = h;
  return Status::Ok();
}

TEST(StatusTest, OkAndErrors) {
  EXPECT_TRUE(Status::Ok().ok());
  Status s = DataError("news.jsonl:3: no text");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kDataError);
  EXPECT_EQ(s.ToString(), "data error: news.jsonl:3: no text");
}

TEST(StatusTest, MacrosPropagate) {
  int v = 0;
  EXPECT_TRUE(UseHalf(8, &v).ok());
  EXPECT_EQ(v, 4);
  Status s = UseHalf(7, &v);
  EXPECT_EQ(s.message(), "odd: 7");
  StatusOr<int> bad = Status::Ok();  // an ok Status cannot carry no value
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace dyad
