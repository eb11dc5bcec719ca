// Gretel SQS formulas and grades, and the association used for field correlation stability.
#include "evaluate/sqs.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "evaluate/principal_axes.h"

namespace ersatz::evaluate {
namespace {

TEST(SqsFormulas, GiveTenForIdenticalDataAndFollowTheReferencePolynomials) {
  EXPECT_DOUBLE_EQ(CorrelationStabilityScore(0), 10);  // 10.056 clamped
  EXPECT_DOUBLE_EQ(DistributionStabilityScore(0), 10);  // 10.305 clamped
  EXPECT_DOUBLE_EQ(DeepStructureScore(0), 10);
  // d = 0.1: 37.562·0.01 − 3.5643 + 10.056 = 6.86732; 0.0744 − 1.6646 + 10.305 = 8.7148;
  // 10·e^−0.16 = 8.5214379.
  EXPECT_NEAR(CorrelationStabilityScore(0.1), 6.86732, 1e-9);
  EXPECT_NEAR(DistributionStabilityScore(0.1), 8.7148, 1e-9);
  EXPECT_NEAR(DeepStructureScore(0.1), 8.5214379, 1e-6);
  // The correlation polynomial's minimum is above 0 only near d ≈ 0.47; far beyond it clamps.
  EXPECT_DOUBLE_EQ(CorrelationStabilityScore(0.6), 37.562 * 0.36 - 35.643 * 0.6 + 10.056);
}

TEST(SqsFormulas, CombineWithTheReferenceWeightsAndGrade) {
  EXPECT_DOUBLE_EQ(SqsScore(10, 10, 10), 100);
  // 10·(0.84·8.5214379 + 0.86·8.7148 + 6.86732)/2.70 = 79.7039 → Good, just under Excellent.
  const double s = SqsScore(6.86732, 8.7148, 8.5214379);
  EXPECT_NEAR(s, 79.7039, 1e-3);
  EXPECT_EQ(SqsGrade(s), "Good");
  EXPECT_EQ(SqsGrade(80), "Excellent");
  EXPECT_EQ(SqsGrade(40), "Moderate");
  EXPECT_EQ(SqsGrade(20), "Poor");
  EXPECT_EQ(SqsGrade(19.9), "Very Poor");
}

TEST(Association, PicksPearsonCorrelationRatioOrTheilsUByColumnKinds) {
  EvalColumn x, y, c;
  x.numeric = y.numeric = true;
  x.values[kReal] = {1, 3, 5, 7};
  y.values[kReal] = {7, 5, 3, 1};
  c.categories = {"a", "b"};
  c.codes[kReal] = {0, 0, 1, 1};
  EXPECT_NEAR(Association(x, y, kReal), -1, 1e-12);
  EXPECT_NEAR(Association(c, x, kReal), std::sqrt(0.8), 1e-12);  // see stats_test
  EXPECT_NEAR(Association(x, c, kReal), std::sqrt(0.8), 1e-12);
  EXPECT_NEAR(Association(c, c, kReal), 1, 1e-12);
}

// A wide table's axes come from the Gram matrix: they must be the covariance's, up to sign.
TEST(PrincipalAxes, WideMatricesGetTheCovariancesAxesFromTheGramMatrix) {
  std::mt19937 rng(3);
  std::normal_distribution<double> noise;
  Eigen::MatrixXd m(12, 40);
  for (Eigen::Index r = 0; r < m.rows(); ++r) {
    const double f = noise(rng), g = noise(rng);  // two strong directions
    for (Eigen::Index c = 0; c < m.cols(); ++c) m(r, c) = f * (c % 3) + g * (c % 5 == 0) + 0.1 * noise(rng);
  }
  m = m.rowwise() - m.colwise().mean();
  const Eigen::MatrixXd wide = PrincipalAxes(m, 2);
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> full((m.transpose() * m) / double(m.rows() - 1));
  const Eigen::MatrixXd exact = full.eigenvectors().rightCols(2);
  ASSERT_EQ(wide.rows(), 40);
  ASSERT_EQ(wide.cols(), 2);
  for (Eigen::Index a = 0; a < 2; ++a) EXPECT_NEAR(std::abs(wide.col(a).dot(exact.col(a))), 1.0, 1e-9) << a;
}

}  // namespace
}  // namespace ersatz::evaluate
