// The three matrix products of a Linear layer, Eigen 3.4 against OpenBLAS sgemm, for the shapes the
// generator's heads have (batch × in × out). This is the measurement behind src/nn/gemm.h's choice
// of OpenBLAS; see docs/BENCHMARKS.md, "Neural kernels". Arguments: {batch, in, out, threads}.
#include <benchmark/benchmark.h>
#include <cblas.h>

#include <cstddef>
#include <random>
#include <vector>

#ifdef ERSATZ_HAVE_EIGEN
#include <Eigen/Core>
#endif

namespace {

enum class Product { kForward, kInputGrad, kWeightGrad };

struct Operands {
  std::vector<float> x, w, y;  // x: B×in, w: out×in, y: B×out
  Operands(int batch, int in, int out)
      : x(std::size_t(batch) * in), w(std::size_t(out) * in), y(std::size_t(batch) * out) {
    std::mt19937 rng(1);
    std::uniform_real_distribution<float> u(-1.f, 1.f);
    for (auto* v : {&x, &w, &y})
      for (float& f : *v) f = u(rng);
  }
};

void SetCounters(benchmark::State& state, int batch, int in, int out) {
  state.counters["GFLOP/s"] = benchmark::Counter(2.0 * batch * in * out * double(state.iterations()) / 1e9,
                                                 benchmark::Counter::kIsRate);
}

template <Product kProduct>
void BM_OpenBlas(benchmark::State& state) {
  const int batch = int(state.range(0)), in = int(state.range(1)), out = int(state.range(2));
  openblas_set_num_threads(int(state.range(3)));
  Operands m(batch, in, out);
  for (auto _ : state) {
    if constexpr (kProduct == Product::kForward) {  // Y = X·Wᵀ
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, batch, out, in, 1.f, m.x.data(), in, m.w.data(), in,
                  0.f, m.y.data(), out);
    } else if constexpr (kProduct == Product::kInputGrad) {  // dX = dY·W
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, batch, in, out, 1.f, m.y.data(), out, m.w.data(), in,
                  0.f, m.x.data(), in);
    } else {  // dW = dYᵀ·X
      cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, out, in, batch, 1.f, m.y.data(), out, m.x.data(), in,
                  0.f, m.w.data(), in);
    }
    benchmark::ClobberMemory();
  }
  SetCounters(state, batch, in, out);
}

#ifdef ERSATZ_HAVE_EIGEN
using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Map = Eigen::Map<RowMajor, Eigen::Aligned64>;

template <Product kProduct>
void BM_Eigen(benchmark::State& state) {
  const int batch = int(state.range(0)), in = int(state.range(1)), out = int(state.range(2));
  Eigen::setNbThreads(int(state.range(3)));
  Operands m(batch, in, out);
  Eigen::Map<RowMajor> x(m.x.data(), batch, in), w(m.w.data(), out, in), y(m.y.data(), batch, out);
  for (auto _ : state) {
    if constexpr (kProduct == Product::kForward) {
      y.noalias() = x * w.transpose();
    } else if constexpr (kProduct == Product::kInputGrad) {
      x.noalias() = y * w;
    } else {
      w.noalias() = y.transpose() * x;
    }
    benchmark::ClobberMemory();
  }
  SetCounters(state, batch, in, out);
}
#endif

void Shapes(benchmark::internal::Benchmark* b) {
  b->ArgNames({"B", "in", "out", "thr"})->UseRealTime();  // CPU time of the main thread undercounts 2 threads
  for (int threads : {1, 2})
    for (int batch : {256, 1024, 4096})
      for (int in : {64, 256, 512})
        for (int out : {16, 64, 256}) b->Args({batch, in, out, threads});
}

BENCHMARK(BM_OpenBlas<Product::kForward>)->Apply(Shapes);
BENCHMARK(BM_OpenBlas<Product::kInputGrad>)->Apply(Shapes);
BENCHMARK(BM_OpenBlas<Product::kWeightGrad>)->Apply(Shapes);
#ifdef ERSATZ_HAVE_EIGEN
BENCHMARK(BM_Eigen<Product::kForward>)->Apply(Shapes);
BENCHMARK(BM_Eigen<Product::kInputGrad>)->Apply(Shapes);
BENCHMARK(BM_Eigen<Product::kWeightGrad>)->Apply(Shapes);
#endif

}  // namespace
