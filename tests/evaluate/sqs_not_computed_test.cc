// The quality score when there is nothing to score (issue 13, class 4): "not computed" with the
// reason, in the report, its JSON and its headline, never a perfect 100.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>

#include "ersatz/evaluate.h"
#include "evaluate/test_tables.h"

namespace ersatz {
namespace {

using evaluate::testing::Categories;
using evaluate::testing::Floats;
using evaluate::testing::MakeTable;

EvaluateOptions NoPrivacy() {
  EvaluateOptions o;
  o.privacy = false;
  return o;
}

TEST(SqsNotComputed, NoColumnToCompare) {
  const Table real = MakeTable({Floats("key", {1, 2, 3, 4})});
  EvaluateOptions options = NoPrivacy();
  options.identifier_columns = {"key"};
  const EvaluateReport r = Evaluate(real, real, nullptr, options);
  EXPECT_TRUE(std::isnan(r.sqs.score));
  EXPECT_EQ(r.sqs.grade, "");
  EXPECT_NE(r.sqs.not_computed.find("no column to compare"), std::string::npos);
  const auto j = nlohmann::json::parse(r.ToJson());
  EXPECT_TRUE(j["sqs"]["score"].is_null());
  EXPECT_TRUE(j["sqs"]["grade"].is_null());
  EXPECT_EQ(j["sqs"]["not_computed"], r.sqs.not_computed);
  EXPECT_NE(r.Headline().find("SQS not computed: no column to compare"), std::string::npos) << r.Headline();
  EXPECT_EQ(r.Headline().find("100"), std::string::npos) << r.Headline();
  EXPECT_NE(r.ToHtml().find("not computed: no column to compare"), std::string::npos);
}

TEST(SqsNotComputed, OneRealRow) {
  const Table one = MakeTable({Floats("x", {1}), Categories("c", {"a"})});
  const EvaluateReport r = Evaluate(one, one, nullptr, NoPrivacy());
  EXPECT_TRUE(std::isnan(r.sqs.score));
  EXPECT_NE(r.sqs.not_computed.find("1 row"), std::string::npos) << r.sqs.not_computed;
}

TEST(SqsNotComputed, OneColumnLeavesOutOnlyTheCorrelation) {
  const Table real = MakeTable({Floats("x", {1, 2, 3, 4, 5, 6})});
  const EvaluateReport r = Evaluate(real, real, nullptr, NoPrivacy());
  EXPECT_TRUE(std::isfinite(r.sqs.score));
  EXPECT_TRUE(std::isnan(r.sqs.field_correlation_stability));
  EXPECT_NE(r.sqs.not_computed.find("no pair"), std::string::npos);
  EXPECT_TRUE(nlohmann::json::parse(r.ToJson())["sqs"]["field_correlation_stability"].is_null());
}

}  // namespace
}  // namespace ersatz
