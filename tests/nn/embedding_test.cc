#include "nn/embedding.h"

#include <gtest/gtest.h>

#include <vector>

#include "ersatz/error.h"
#include "nn/reduce.h"
#include "nn_test_util.h"

namespace ersatz::nn {
namespace {

using testing::RandomMatrix;

Embedding MakeEmbedding(std::size_t vocab, std::size_t dim) {
  Embedding e(vocab, dim);
  e.Init(5, 1);
  return e;
}

TEST(NnEmbeddingLayer, ForwardWritesLookedUpRowsAtTheColumnOffset) {
  const Embedding e = MakeEmbedding(6, 3);
  const std::vector<std::int32_t> codes = {4, 0, 2, 2};  // 2 examples × 2 lookups
  Matrix out(2, 1 + 2 * 3);
  e.Forward(codes, 2, out, 1);
  for (std::size_t r = 0; r < 2; ++r) {
    EXPECT_EQ(out(r, 0), 0.0f);  // columns before the offset untouched
    for (std::size_t j = 0; j < 2; ++j)
      for (std::size_t c = 0; c < 3; ++c) EXPECT_EQ(out(r, 1 + j * 3 + c), e.table()(codes[r * 2 + j], c));
  }
}

TEST(NnEmbeddingLayer, GradientsMatchFiniteDifferences) {
  Embedding e = MakeEmbedding(5, 4);
  const std::vector<std::int32_t> codes = {1, 3, 1, 0, 4, 4};  // 3 examples × 2, repeats included
  const Matrix r = RandomMatrix(3, 8, 2);
  Matrix out(3, 8);
  auto loss = [&] {
    e.Forward(codes, 2, out, 0);
    return testing::Project(out, r);
  };
  e.ZeroGrad();
  e.AccumulateGrads(codes, 2, r, 0);
  testing::ExpectMatchesFiniteDifferences(e.table().Span(), e.table_grad().Span(), loss, "dtable");
}

TEST(NnEmbeddingLayer, PerExampleNormsEqualOneExampleAtATimeEvenWhenARowIsLookedUpTwice) {
  Embedding e = MakeEmbedding(7, 3);
  // Example 0 looks up row 3 twice: its two output-gradient slices add into one gradient row.
  const std::vector<std::int32_t> codes = {3, 5, 3, 0, 1, 2, 6, 6, 6};
  const Matrix dout = RandomMatrix(3, 9, 3);
  std::vector<float> norms(3, 0.0f);
  e.AddPerExampleSquaredNorms(codes, 3, dout, 0, norms);
  for (std::size_t i = 0; i < 3; ++i) {
    Matrix di(1, 9);
    std::copy_n(dout.Row(i), 9, di.data());
    e.ZeroGrad();
    e.AccumulateGrads(std::span(codes).subspan(i * 3, 3), 3, di, 0);
    const double expected = SquaredNorm(e.table_grad().data(), e.table_grad().size());
    EXPECT_NEAR(norms[i], expected, 1e-5 * expected) << "example " << i;
  }
  // The naive Σ‖slice‖² would be wrong for example 0: check the test can tell.
  const double naive = SquaredNorm(dout.Row(0), 9);
  EXPECT_GT(std::abs(norms[0] - naive), 1e-3);
}

TEST(NnEmbeddingLayer, WeightedAccumulationScalesEachExample) {
  Embedding e = MakeEmbedding(4, 2);
  const std::vector<std::int32_t> codes = {1, 1};
  Matrix dout(2, 2);
  dout(0, 0) = 1.0f, dout(0, 1) = 2.0f, dout(1, 0) = 3.0f, dout(1, 1) = 4.0f;
  const std::vector<float> weights = {0.5f, 2.0f};
  e.AccumulateGrads(codes, 1, dout, 0, weights);
  EXPECT_FLOAT_EQ(e.table_grad()(1, 0), 0.5f * 1 + 2.0f * 3);
  EXPECT_FLOAT_EQ(e.table_grad()(1, 1), 0.5f * 2 + 2.0f * 4);
  EXPECT_EQ(e.table_grad()(0, 0), 0.0f);
}

TEST(NnEmbeddingLayer, RejectsACodeOutsideTheVocabulary) {
  const Embedding e = MakeEmbedding(4, 2);
  const std::vector<std::int32_t> codes = {0, 4};
  Matrix out(2, 2);
  EXPECT_THROW(e.Forward(codes, 1, out, 0), Error);
}

}  // namespace
}  // namespace ersatz::nn
