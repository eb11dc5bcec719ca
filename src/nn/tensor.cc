#include "nn/tensor.h"

#include <algorithm>
#include <new>

namespace ersatz::nn {

namespace {
constexpr std::size_t kAlignment = 64;  // one cache line; also what AVX-512 loads would want
}

Matrix::Matrix(const Matrix& other) {
  Resize(other.rows_, other.cols_);
  std::copy_n(other.data(), size(), data());
}

Matrix& Matrix::operator=(const Matrix& other) {
  if (this != &other) {
    Resize(other.rows_, other.cols_);
    std::copy_n(other.data(), size(), data());
  }
  return *this;
}

void Matrix::Resize(std::size_t rows, std::size_t cols) {
  Reshape(rows, cols);
  SetZero();
}

void Matrix::Reshape(std::size_t rows, std::size_t cols) {
  const std::size_t n = rows * cols;
  if (n > capacity_) {
    const std::size_t bytes = (n * sizeof(float) + kAlignment - 1) / kAlignment * kAlignment;
    auto* p = static_cast<float*>(std::aligned_alloc(kAlignment, bytes));
    if (p == nullptr) throw std::bad_alloc();
    std::fill_n(p, bytes / sizeof(float), 0.0f);
    data_.reset(p);
    capacity_ = bytes / sizeof(float);
  }
  rows_ = rows;
  cols_ = cols;
}

void Matrix::SetZero() {
  if (data_) std::fill_n(data_.get(), size(), 0.0f);
}

}  // namespace ersatz::nn
