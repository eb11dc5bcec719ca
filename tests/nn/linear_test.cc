#include "nn/linear.h"

#include <gtest/gtest.h>

#include <vector>

#include "nn/parallel.h"
#include "nn/reduce.h"
#include "nn_test_util.h"

namespace ersatz::nn {
namespace {

using testing::Project;
using testing::RandomMatrix;

Linear MakeLinear(std::size_t in, std::size_t out) {
  Linear layer(in, out);
  layer.Init(11, 3);
  return layer;
}

// 300 rows: three chunks of the batch-parallel products, the last one partial.
TEST(NnLinearLayer, ForwardIsInputTimesWeightTransposedPlusBias) {
  Linear layer = MakeLinear(7, 5);
  const Matrix x = RandomMatrix(300, 7, 1);
  Matrix y;
  layer.Forward(x, y);
  ASSERT_EQ(y.rows(), 300u);
  ASSERT_EQ(y.cols(), 5u);
  for (std::size_t r = 0; r < 300; ++r) {
    for (std::size_t o = 0; o < 5; ++o) {
      double expected = layer.bias()(0, o);
      for (std::size_t i = 0; i < 7; ++i) expected += double(x(r, i)) * layer.weight()(o, i);
      EXPECT_NEAR(y(r, o), expected, 1e-5) << r << "," << o;
    }
  }
}

TEST(NnLinearLayer, GradientsMatchFiniteDifferences) {
  Linear layer = MakeLinear(6, 4);
  Matrix x = RandomMatrix(5, 6, 2);
  const Matrix r = RandomMatrix(5, 4, 3);  // loss = Σ r ⊙ y, so dL/dy = r
  Matrix y, dx;
  auto loss = [&] {
    layer.Forward(x, y);
    return Project(y, r);
  };
  layer.ZeroGrad();
  layer.BackwardInput(r, dx);
  layer.AccumulateGrads(x, r);
  testing::ExpectMatchesFiniteDifferences(layer.weight().Span(), layer.weight_grad().Span(), loss, "dW");
  testing::ExpectMatchesFiniteDifferences(layer.bias().Span(), layer.bias_grad().Span(), loss, "db");
  testing::ExpectMatchesFiniteDifferences(x.Span(), dx.Span(), loss, "dx");
}

// Per-example gradient of example i, computed from a batch holding example i only.
std::vector<float> GradientOfOneExample(Linear layer, const Matrix& x, const Matrix& dy, std::size_t i) {
  Matrix xi(1, x.cols()), dyi(1, dy.cols());
  std::copy_n(x.Row(i), x.cols(), xi.data());
  std::copy_n(dy.Row(i), dy.cols(), dyi.data());
  layer.ZeroGrad();
  layer.AccumulateGrads(xi, dyi);
  std::vector<float> g(layer.weight_grad().Span().begin(), layer.weight_grad().Span().end());
  g.insert(g.end(), layer.bias_grad().Span().begin(), layer.bias_grad().Span().end());
  return g;
}

TEST(NnLinearLayer, PerExampleNormsEqualNormsOfOneExampleAtATime) {
  const Linear layer = MakeLinear(9, 3);
  const Matrix x = RandomMatrix(6, 9, 4), dy = RandomMatrix(6, 3, 5);
  std::vector<float> norms(6, 0.0f);
  layer.AddPerExampleSquaredNorms(x, dy, norms);
  for (std::size_t i = 0; i < 6; ++i) {
    const std::vector<float> g = GradientOfOneExample(layer, x, dy, i);
    EXPECT_NEAR(norms[i], SquaredNorm(g.data(), g.size()), 1e-4 * norms[i]) << "example " << i;
  }
}

TEST(NnLinearLayer, WeightedAccumulationIsWeightedSumOfPerExampleGradients) {
  Linear layer = MakeLinear(4, 3);
  const Matrix x = RandomMatrix(5, 4, 6), dy = RandomMatrix(5, 3, 7);
  const std::vector<float> weights = {1.0f, 0.5f, 0.0f, 0.25f, 2.0f};
  std::vector<double> expected(4 * 3 + 3, 0.0);
  for (std::size_t i = 0; i < 5; ++i) {
    const std::vector<float> g = GradientOfOneExample(layer, x, dy, i);
    for (std::size_t k = 0; k < g.size(); ++k) expected[k] += weights[i] * g[k];
  }
  layer.ZeroGrad();
  layer.AccumulateGrads(x, dy, weights);
  for (std::size_t k = 0; k < 12; ++k) EXPECT_NEAR(layer.weight_grad().data()[k], expected[k], 1e-5);
  for (std::size_t k = 0; k < 3; ++k) EXPECT_NEAR(layer.bias_grad().data()[k], expected[12 + k], 1e-5);
}

TEST(NnLinearLayer, SameBitsWhateverTheThreadCount) {
  const Matrix x = RandomMatrix(1000, 200, 8), dy = RandomMatrix(1000, 64, 9);
  auto run = [&](int threads, Matrix& y, Matrix& dx, Matrix& dw, Matrix& db) {
    SetNumThreads(threads);
    Linear layer = MakeLinear(200, 64);
    layer.Forward(x, y);
    layer.BackwardInput(dy, dx);
    layer.AccumulateGrads(x, dy);
    dw = layer.weight_grad();
    db = layer.bias_grad();
  };
  Matrix y1, dx1, dw1, db1, y2, dx2, dw2, db2;
  run(1, y1, dx1, dw1, db1);
  run(2, y2, dx2, dw2, db2);
  SetNumThreads(0);
  EXPECT_TRUE(testing::SameBits(y1, y2));
  EXPECT_TRUE(testing::SameBits(dx1, dx2));
  EXPECT_TRUE(testing::SameBits(dw1, dw2));
  EXPECT_TRUE(testing::SameBits(db1, db2));
}

}  // namespace
}  // namespace ersatz::nn
