// The accountant against REFERENCE.md §4's test vectors (Opacus's orders, δ = 1e-5).
#include "privacy/accountant.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "ersatz/error.h"
#include "privacy/budget.h"
#include "privacy/rdp.h"

namespace ersatz::privacy {
namespace {

struct Vector {
  double q, sigma;
  long long steps;
  double improved, classic;
  double tolerance;  // the vector's own rounding
};

// q = 0.04 σ = 1.5 T = 2250; MNIST q = 0.0025 σ = 1.3 T = 6000; q = 256/60000 σ = 1.1 T = 14063.
const Vector kVectors[] = {
    {0.04, 1.5, 2250, 7.32911117, 8.074, 1e-6},
    {0.0025, 1.3, 6000, 0.7242234, 0.941871, 1e-6},
    {256.0 / 60000, 1.1, 14063, 2.597, 3.009, 1e-3},
};

AccountingOptions With(Conversion conversion, std::vector<double> orders) {
  AccountingOptions options;
  options.conversion = conversion;
  options.orders = std::move(orders);
  return options;
}

std::vector<double> IntegerOrders() {
  std::vector<double> orders;
  for (int a = 2; a <= 256; ++a) orders.push_back(a);
  return orders;
}

TEST(Accountant, MatchesReferenceVectorsWithOpacusOrders) {
  for (const auto& v : kVectors) {
    const double improved =
        ComputeEpsilon(v.q, v.sigma, v.steps, 1e-5, With(Conversion::kImproved, OpacusOrders())).epsilon;
    EXPECT_NEAR(improved, v.improved, v.tolerance) << "q=" << v.q;
    const double classic =
        ComputeEpsilon(v.q, v.sigma, v.steps, 1e-5, With(Conversion::kClassic, OpacusOrders())).epsilon;
    // 8.074 is given to 3 decimals.
    EXPECT_NEAR(classic, v.classic, v.classic == 8.074 ? 1e-3 : v.tolerance) << "q=" << v.q;
  }
}

TEST(Accountant, DefaultOrdersGiveTheSameEpsilonOnTheVectors) {
  for (const auto& v : kVectors) {
    EXPECT_NEAR(ComputeEpsilon(v.q, v.sigma, v.steps, 1e-5).epsilon, v.improved, v.tolerance);
  }
}

TEST(Accountant, IntegerOrdersAreNeverBelowTheVectorsAndWithinAFewPercent) {
  for (const auto& v : kVectors) {
    for (auto [conversion, expected] : {std::pair{Conversion::kImproved, v.improved},
                                        std::pair{Conversion::kClassic, v.classic}}) {
      const double eps = ComputeEpsilon(v.q, v.sigma, v.steps, 1e-5, With(conversion, IntegerOrders())).epsilon;
      EXPECT_GE(eps, expected - v.tolerance) << "q=" << v.q;
      EXPECT_LE(eps, expected * 1.03) << "q=" << v.q;
    }
  }
}

TEST(Accountant, ImprovedConversionIsNeverWorseThanClassic) {
  for (double sigma : {0.7, 1.0, 2.0, 5.0}) {
    const double improved = ComputeEpsilon(0.01, sigma, 1000, 1e-6).epsilon;
    const double classic = ComputeEpsilon(0.01, sigma, 1000, 1e-6, With(Conversion::kClassic, DefaultOrders())).epsilon;
    EXPECT_LE(improved, classic);
  }
}

TEST(Accountant, FullBatchIsThePlainGaussian) {
  for (double alpha : {1.5, 2.0, 7.3, 32.0}) {
    EXPECT_DOUBLE_EQ(SubsampledGaussianRdp(1.0, 2.0, alpha), alpha / 8);
  }
  EXPECT_EQ(SubsampledGaussianRdp(0.0, 2.0, 3.0), 0.0);
}

TEST(Accountant, FractionalOrdersSitBetweenTheirIntegerNeighbours) {
  // RDP is non-decreasing in α; the two-series form must agree with the binomial one around it.
  for (double q : {0.001, 0.04, 0.3}) {
    double previous = 0;
    for (double alpha = 1.5; alpha <= 20; alpha += 0.25) {
      const double rdp = SubsampledGaussianRdp(q, 1.2, alpha);
      EXPECT_GE(rdp, previous * (1 - 1e-9)) << "q=" << q << " α=" << alpha;
      previous = rdp;
    }
  }
}

TEST(Accountant, MoreStepsOrLessNoiseSpendMore) {
  const double base = ComputeEpsilon(0.01, 1.0, 1000, 1e-5).epsilon;
  EXPECT_GT(ComputeEpsilon(0.01, 1.0, 2000, 1e-5).epsilon, base);
  EXPECT_GT(ComputeEpsilon(0.01, 0.8, 1000, 1e-5).epsilon, base);
  EXPECT_GT(ComputeEpsilon(0.02, 1.0, 1000, 1e-5).epsilon, base);
}

TEST(Accountant, CalibrationMatchesTheReferenceNoiseSearch) {
  // ε = 8, δ = 1e-5, q = 0.04, 90 epochs = 2250 steps → σ = 1.416015625.
  const Calibration c = CalibrateNoise(0.04, 8, 2250, 1e-5, With(Conversion::kImproved, OpacusOrders()));
  EXPECT_DOUBLE_EQ(c.noise_multiplier, 1.416015625);
  EXPECT_LE(c.epsilon, 8.0);
  EXPECT_GE(c.epsilon, 8.0 - 0.01);
  EXPECT_DOUBLE_EQ(CalibrateNoise(0.04, 8, 2250, 1e-5).noise_multiplier, 1.416015625);
}

TEST(Accountant, CalibrationIsOnTheSafeSide) {
  for (double target : {0.5, 1.0, 3.0}) {
    const Calibration c = CalibrateNoise(0.01, target, 5000, 1e-6);
    EXPECT_LE(ComputeEpsilon(0.01, c.noise_multiplier, 5000, 1e-6).epsilon, target);
  }
}

TEST(Accountant, ComposesHeterogeneousSteps) {
  RdpAccountant accountant;
  accountant.AddSteps(0.04, 1.5, 1000);
  accountant.AddSteps(0.04, 1.5, 1250);
  EXPECT_NEAR(accountant.Spent(1e-5).epsilon, 7.32911117, 1e-6);
  EXPECT_EQ(accountant.steps(), 2250);
  EXPECT_GT(accountant.SpentAfter(0.04, 1.5, 1, 1e-5).epsilon, accountant.Spent(1e-5).epsilon);
  EXPECT_EQ(accountant.steps(), 2250);
}

TEST(Accountant, ZcdpOnTheCurveCostsLessThanAddingEpsilons) {
  // The encoders' statistics (ρ-zCDP) composed with DP-SGD on one RDP curve, converted once.
  const double rho = 0.003, delta = 5e-6;
  AccountingOptions with_rho;
  with_rho.zcdp_rho = rho;
  RdpAccountant alone, both(with_rho);
  // No step yet: the statistics alone, as ZcdpToEpsilon states them (over a grid of orders, so
  // never below it and within a few percent).
  EXPECT_GE(both.Spent(delta).epsilon, ZcdpToEpsilon(rho, delta) - 1e-12);
  EXPECT_LE(both.Spent(delta).epsilon, ZcdpToEpsilon(rho, delta) * 1.05);
  alone.AddSteps(0.08, 5.8, 260);
  both.AddSteps(0.08, 5.8, 260);
  const PrivacySpent joint = both.Spent(delta);
  EXPECT_GT(joint.epsilon, alone.Spent(delta).epsilon);
  EXPECT_LT(joint.epsilon, alone.Spent(delta).epsilon + ZcdpToEpsilon(rho, delta) / 2);
  // The steps' own RDP at the best order is the curve less ρα.
  EXPECT_DOUBLE_EQ(both.StepsRdp(joint.order), SubsampledGaussianRdp(0.08, 5.8, 260, std::vector<double>{joint.order})[0]);
  EXPECT_EQ(ComputeEpsilon(0.08, 5.8, 260, delta, with_rho).epsilon, joint.epsilon);
  // Calibration with ρ on the curve: more noise, and the total stays within the target.
  const Calibration c = CalibrateNoise(0.08, 1.0, 260, delta, with_rho);
  EXPECT_GT(c.noise_multiplier, CalibrateNoise(0.08, 1.0, 260, delta).noise_multiplier);
  EXPECT_LE(ComputeEpsilon(0.08, c.noise_multiplier, 260, delta, with_rho).epsilon, 1.0);
}

TEST(Accountant, RejectsParametersOutsideTheirRangeNamingThem) {
  auto message = [](auto&& f) {
    try {
      f();
    } catch (const ParameterError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message([] { ComputeEpsilon(0, 1, 10, 1e-5); }).find("sampling-rate"), std::string::npos);
  EXPECT_NE(message([] { ComputeEpsilon(1.5, 1, 10, 1e-5); }).find("sampling-rate"), std::string::npos);
  EXPECT_NE(message([] { ComputeEpsilon(0.1, 0, 10, 1e-5); }).find("noise"), std::string::npos);
  EXPECT_NE(message([] { ComputeEpsilon(0.1, 1, 0, 1e-5); }).find("steps"), std::string::npos);
  EXPECT_NE(message([] { ComputeEpsilon(0.1, 1, 10, 1.0); }).find("delta"), std::string::npos);
  EXPECT_NE(message([] { CalibrateNoise(0.1, -1, 10, 1e-5); }).find("epsilon"), std::string::npos);
  EXPECT_NE(message([] { ParseConversion("fast"); }).find("conversion"), std::string::npos);
}

// Issue 13: every search ends. A huge target used to halve σ towards 0 for ever; now it gets the
// smallest σ the search tries, whose ε is finite and below the target.
TEST(Accountant, CalibrationOfAHugeEpsilonStopsAtTheSmallestNoise) {
  for (const double target : {1e15, 1e300}) {
    const Calibration c = CalibrateNoise(0.01, target, 1000, 1e-5);
    EXPECT_TRUE(c.smallest_noise) << target;
    EXPECT_GE(c.noise_multiplier, kMinCalibrationNoise);
    EXPECT_LT(c.noise_multiplier, 2 * kMinCalibrationNoise);
    EXPECT_TRUE(std::isfinite(c.epsilon));
    EXPECT_LE(c.epsilon, target);
    EXPECT_LT(c.evaluations, 40 + kMaxCalibrationHalvings);
  }
  EXPECT_FALSE(CalibrateNoise(0.01, 8, 1000, 1e-5).smallest_noise);
}

TEST(Accountant, CalibrationOutOfReachNamesTheEpsilonThatIsReachable) {
  for (const double target : {1e-12, 1e-3}) {
    try {
      CalibrateNoise(0.01, target, 1000, 1e-5);
      ADD_FAILURE() << "no error for " << target;
    } catch (const ParameterError& e) {
      const std::string message = e.what();
      EXPECT_NE(message.find("epsilon"), std::string::npos) << message;
      EXPECT_NE(message.find("at least"), std::string::npos) << message;
      EXPECT_EQ(message.find("nan"), std::string::npos) << message;
    }
  }
}

TEST(Accountant, ExtremeParametersEndWithAFiniteAnswerOrAnError) {
  // Each case either calibrates to a finite σ whose ε is within the target, or says why not.
  struct Case {
    double q, epsilon;
    long long steps;
    double delta;
  };
  const Case cases[] = {{0.01, 1, 1000000000000LL, 1e-5}, {1, 1, 1000, 1e-5}, {0.01, 1, 1000, 0.999999},
                        {0.01, 1, 1000, 1e-300},         {1, 1e15, 1, 1e-5}, {1e-9, 1, 1000, 1e-5}};
  for (const Case& k : cases) {
    try {
      const Calibration c = CalibrateNoise(k.q, k.epsilon, k.steps, k.delta);
      EXPECT_TRUE(std::isfinite(c.noise_multiplier) && c.noise_multiplier > 0) << k.q << " " << k.steps;
      EXPECT_LE(c.epsilon, k.epsilon);
    } catch (const ParameterError& e) {
      EXPECT_EQ(std::string(e.what()).find("nan"), std::string::npos) << e.what();
    }
  }
}

TEST(Accountant, NoiseTooSmallForAnyFiniteEpsilonIsAnError) {
  EXPECT_THROW(ComputeEpsilon(0.01, 1e-300, 1000, 1e-5), ParameterError);
  EXPECT_THROW(ComputeEpsilon(1, 1e-300, 1000, 1e-5), ParameterError);
  EXPECT_TRUE(std::isfinite(ComputeEpsilon(0.01, kMinCalibrationNoise, 1000, 1e-5).epsilon));
}

}  // namespace
}  // namespace ersatz::privacy
