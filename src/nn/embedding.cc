#include "nn/embedding.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "ersatz/error.h"
#include "nn/parallel.h"
#include "common/random.h"

namespace ersatz::nn {

Embedding::Embedding(std::size_t vocab, std::size_t dim) : table_(vocab, dim), table_grad_(vocab, dim) {}

void Embedding::Init(std::uint64_t seed, std::uint64_t stream) {
  const CounterRng rng(seed, stream);
  for (std::size_t r = 0; r < vocab(); ++r) {
    for (std::size_t c = 0; c < dim(); c += 2) {
      // Box–Muller: two normals from two uniforms; 1 − u keeps the logarithm finite.
      const auto w = rng.Block(std::uint32_t(r), std::uint32_t(c / 2));
      const double radius = std::sqrt(-2.0 * std::log(1.0 - CounterRng::ToUnit(w[0])));
      const double angle = 2.0 * std::numbers::pi * CounterRng::ToUnit(w[1]);
      table_(r, c) = float(radius * std::cos(angle));
      if (c + 1 < dim()) table_(r, c + 1) = float(radius * std::sin(angle));
    }
  }
}

std::size_t Embedding::Check(std::span<const std::int32_t> codes, std::size_t lookups, const Matrix& m,
                             std::size_t col_offset) const {
  if (lookups == 0 || codes.size() % lookups != 0) {
    throw Error(fmt::format("Embedding: {} codes are not a whole number of {} lookups per example", codes.size(),
                            lookups));
  }
  const std::size_t batch = codes.size() / lookups;
  if (m.rows() != batch || col_offset + lookups * dim() > m.cols()) {
    throw Error(fmt::format("Embedding: {} examples × {} columns at column {} do not fit a {}x{} matrix", batch,
                            lookups * dim(), col_offset, m.rows(), m.cols()));
  }
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (codes[i] < 0 || std::size_t(codes[i]) >= vocab()) {
      throw Error(fmt::format("Embedding: example {} looks up code {}, expected 0..{}", i / lookups, codes[i],
                              vocab() - 1));
    }
  }
  return batch;
}

void Embedding::Forward(std::span<const std::int32_t> codes, std::size_t lookups, Matrix& out,
                        std::size_t col_offset) const {
  const std::size_t batch = Check(codes, lookups, out, col_offset), d = dim();
#pragma omp parallel for schedule(static) if (long(batch * lookups * d) >= kParallelMinWork)
  for (std::size_t r = 0; r < batch; ++r) {
    for (std::size_t j = 0; j < lookups; ++j) {
      std::copy_n(table_.Row(std::size_t(codes[r * lookups + j])), d, out.Row(r) + col_offset + j * d);
    }
  }
}

void Embedding::AccumulateGrads(std::span<const std::int32_t> codes, std::size_t lookups, const Matrix& dout,
                                std::size_t col_offset, std::span<const float> example_weights) {
  const std::size_t batch = Check(codes, lookups, dout, col_offset), d = dim();
  if (!example_weights.empty() && example_weights.size() != batch) {
    throw Error(fmt::format("Embedding: {} example weights for {} examples", example_weights.size(), batch));
  }
  // One thread, in example order: a scatter-add of batch·lookups·dim floats is tiny next to the
  // matrix products, and a serial loop is trivially deterministic.
  for (std::size_t r = 0; r < batch; ++r) {
    const float w = example_weights.empty() ? 1.0f : example_weights[r];
    for (std::size_t j = 0; j < lookups; ++j) {
      float* dst = table_grad_.Row(std::size_t(codes[r * lookups + j]));
      const float* src = dout.Row(r) + col_offset + j * d;
      for (std::size_t c = 0; c < d; ++c) dst[c] += w * src[c];
    }
  }
}

void Embedding::AddPerExampleSquaredNorms(std::span<const std::int32_t> codes, std::size_t lookups,
                                          const Matrix& dout, std::size_t col_offset,
                                          std::span<float> squared_norms) const {
  const std::size_t batch = Check(codes, lookups, dout, col_offset), d = dim();
  if (squared_norms.size() != batch) {
    throw Error(fmt::format("Embedding: norms for {} examples, batch has {}", squared_norms.size(), batch));
  }
#pragma omp parallel if (long(batch * lookups * d) >= kParallelMinWork)
  {
    std::vector<double> row_grad(d);
#pragma omp for schedule(static)
    for (std::size_t r = 0; r < batch; ++r) {
      const std::int32_t* ex = codes.data() + r * lookups;
      const float* g = dout.Row(r) + col_offset;
      double total = 0.0;
      for (std::size_t j = 0; j < lookups; ++j) {
        if (std::find(ex, ex + j, ex[j]) != ex + j) continue;  // this row was counted at its first lookup
        std::fill(row_grad.begin(), row_grad.end(), 0.0);
        for (std::size_t k = j; k < lookups; ++k) {
          if (ex[k] != ex[j]) continue;
          for (std::size_t c = 0; c < d; ++c) row_grad[c] += g[k * d + c];
        }
        for (double v : row_grad) total += v * v;
      }
      squared_norms[r] += float(total);
    }
  }
}

}  // namespace ersatz::nn
