#include "nn/softmax_cross_entropy.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "ersatz/error.h"
#include "nn_test_util.h"

namespace ersatz::nn {
namespace {

TEST(NnSoftmaxCrossEntropy, LossIsMinusLogProbabilityOfTheTarget) {
  Matrix logits(1, 3);
  logits(0, 0) = 1.0f, logits(0, 1) = 2.0f, logits(0, 2) = 3.0f;
  const std::vector<std::int32_t> targets = {0};
  std::vector<float> loss(1);
  Matrix d;
  SoftmaxCrossEntropy(logits, targets, 1.0f, loss, d);
  const double z = std::exp(1.0) + std::exp(2.0) + std::exp(3.0);
  EXPECT_NEAR(loss[0], -std::log(std::exp(1.0) / z), 1e-6);
  EXPECT_NEAR(d(0, 0), std::exp(1.0) / z - 1.0, 1e-6);
  EXPECT_NEAR(d(0, 2), std::exp(3.0) / z, 1e-6);
}

TEST(NnSoftmaxCrossEntropy, StaysFiniteForHugeLogits) {
  Matrix logits(1, 2);
  logits(0, 0) = 1000.0f, logits(0, 1) = -1000.0f;
  const std::vector<std::int32_t> targets = {1};
  std::vector<float> loss(1);
  Matrix d;
  SoftmaxCrossEntropy(logits, targets, 1.0f, loss, d);
  EXPECT_NEAR(loss[0], 2000.0f, 1e-3);
  EXPECT_NEAR(d(0, 0), 1.0f, 1e-6);
  EXPECT_NEAR(d(0, 1), -1.0f, 1e-6);
}

TEST(NnSoftmaxCrossEntropy, GradientMatchesFiniteDifferencesOfTheScaledLoss) {
  Matrix logits = testing::RandomMatrix(4, 6, 1, -3.0f, 3.0f);
  const std::vector<std::int32_t> targets = {0, 5, 2, 2};
  const float scale = 0.25f;
  std::vector<float> loss(4);
  Matrix d;
  SoftmaxCrossEntropy(logits, targets, scale, loss, d);
  auto total = [&] {
    std::vector<float> l(4);
    Matrix unused;
    SoftmaxCrossEntropy(logits, targets, scale, l, unused);
    double s = 0.0;
    for (float v : l) s += v;
    return scale * s;
  };
  testing::ExpectMatchesFiniteDifferences(logits.Span(), d.Span(), total, "dlogits");
}

TEST(NnSoftmaxCrossEntropy, MayWriteTheGradientOverTheLogits) {
  Matrix logits = testing::RandomMatrix(3, 4, 2);
  const std::vector<std::int32_t> targets = {3, 0, 1};
  std::vector<float> loss_a(3), loss_b(3);
  Matrix separate;
  SoftmaxCrossEntropy(logits, targets, 1.0f, loss_a, separate);
  SoftmaxCrossEntropy(logits, targets, 1.0f, loss_b, logits);
  EXPECT_EQ(loss_a, loss_b);
  EXPECT_TRUE(testing::SameBits(separate, logits));
}

TEST(NnSoftmaxCrossEntropy, RejectsATargetOutsideTheClasses) {
  const Matrix logits(2, 3);
  const std::vector<std::int32_t> targets = {0, 3};
  std::vector<float> loss(2);
  Matrix d;
  EXPECT_THROW(SoftmaxCrossEntropy(logits, targets, 1.0f, loss, d), Error);
}

}  // namespace
}  // namespace ersatz::nn
