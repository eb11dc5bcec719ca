// Embedding table: each code selects a row of a vocab × dim matrix.
//
// An example may look up `lookups` codes; their rows are written side by side into columns
// [col_offset, col_offset + lookups·dim) of the output, so embeddings land directly in the
// concatenated context matrix without a copy. Backward mirrors Linear's split (see linear.h):
// gradients are a scatter-add of the output gradient, and an example's squared gradient norm sums,
// per DISTINCT row it looked up, the squared norm of the SUM of its slices for that row (looking
// the same row up twice adds two slices into one gradient row before the norm is taken).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "nn/param.h"
#include "nn/tensor.h"

namespace ersatz::nn {

class Embedding {
 public:
  Embedding() = default;
  Embedding(std::size_t vocab, std::size_t dim);

  // PyTorch's default: standard normal entries.
  void Init(std::uint64_t seed, std::uint64_t stream);

  // codes: batch × lookups, row-major. Throws ersatz::Error for a code outside [0, vocab).
  void Forward(std::span<const std::int32_t> codes, std::size_t lookups, Matrix& out, std::size_t col_offset) const;
  void AccumulateGrads(std::span<const std::int32_t> codes, std::size_t lookups, const Matrix& dout,
                       std::size_t col_offset, std::span<const float> example_weights = {});
  void AddPerExampleSquaredNorms(std::span<const std::int32_t> codes, std::size_t lookups, const Matrix& dout,
                                 std::size_t col_offset, std::span<float> squared_norms) const;

  void ZeroGrad() { table_grad_.SetZero(); }
  std::vector<ParamRef> Params() { return {{table_.Span(), table_grad_.Span(), false}}; }

  std::size_t vocab() const { return table_.rows(); }
  std::size_t dim() const { return table_.cols(); }
  Matrix& table() { return table_; }
  const Matrix& table() const { return table_; }
  const Matrix& table_grad() const { return table_grad_; }

 private:
  // Returns the batch size; throws when shapes or codes are wrong.
  std::size_t Check(std::span<const std::int32_t> codes, std::size_t lookups, const Matrix& m,
                    std::size_t col_offset) const;

  Matrix table_, table_grad_;
};

}  // namespace ersatz::nn
