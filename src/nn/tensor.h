// A row-major float32 matrix with 64-byte aligned storage: the one tensor type of the network.
// Rows are examples (or vocabulary entries), columns are features, so "one example" is one
// contiguous row, which is what the per-example gradient code wants.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <memory>
#include <span>

namespace ersatz::nn {

class Matrix {
 public:
  Matrix() = default;
  Matrix(std::size_t rows, std::size_t cols) { Resize(rows, cols); }
  Matrix(const Matrix& other);
  Matrix& operator=(const Matrix& other);
  Matrix(Matrix&&) noexcept = default;
  Matrix& operator=(Matrix&&) noexcept = default;

  // Changes the shape; contents are zeroed. Keeps the allocation when it is large enough, since
  // training resizes the same activations every step (the last batch of an epoch is smaller).
  void Resize(std::size_t rows, std::size_t cols);
  // Changes the shape without clearing: for outputs their producer overwrites whole. DP-SGD's
  // Poisson batches change size every step, and zeroing each activation first was ~7% of a step.
  // New storage is still zeroed, so no read can ever see uninitialised memory.
  void Reshape(std::size_t rows, std::size_t cols);
  void SetZero();

  std::size_t rows() const { return rows_; }
  std::size_t cols() const { return cols_; }
  std::size_t size() const { return rows_ * cols_; }
  float* data() { return data_.get(); }
  const float* data() const { return data_.get(); }
  float* Row(std::size_t r) { return data_.get() + r * cols_; }
  const float* Row(std::size_t r) const { return data_.get() + r * cols_; }
  float& operator()(std::size_t r, std::size_t c) { return data_[r * cols_ + c]; }
  float operator()(std::size_t r, std::size_t c) const { return data_[r * cols_ + c]; }
  std::span<float> Span() { return {data(), size()}; }
  std::span<const float> Span() const { return {data(), size()}; }

 private:
  struct Free {
    void operator()(float* p) const { std::free(p); }
  };
  std::size_t rows_ = 0;
  std::size_t cols_ = 0;
  std::size_t capacity_ = 0;
  std::unique_ptr<float[], Free> data_;
};

}  // namespace ersatz::nn
