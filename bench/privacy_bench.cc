// The accountant (what `ersatz privacy` and a DP training loop pay per question) and the secure
// samplers (what DP-SGD pays per noisy coordinate). Figures: docs/BENCHMARKS.md.
#include <benchmark/benchmark.h>

#include <vector>

#include "privacy/accountant.h"
#include "privacy/discrete.h"
#include "privacy/grid_gaussian.h"
#include "privacy/random_bits.h"

namespace ersatz::privacy {
namespace {

// ε for q = 0.04, σ = 1.5, T = 2250: Opacus's 151 orders (range 0) or the default 344 (range 1).
void BM_ComputeEpsilon(benchmark::State& state) {
  AccountingOptions options;
  if (state.range(0) == 0) options.orders = OpacusOrders();
  for (auto _ : state) benchmark::DoNotOptimize(ComputeEpsilon(0.04, 1.5, 2250, 1e-5, options));
  state.SetLabel(state.range(0) == 0 ? "Opacus orders" : "default orders (to 256)");
}
BENCHMARK(BM_ComputeEpsilon)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// σ for ε = 8, q = 0.04, T = 2250 (the reference search).
void BM_CalibrateNoise(benchmark::State& state) {
  AccountingOptions options;
  if (state.range(0) == 0) options.orders = OpacusOrders();
  for (auto _ : state) benchmark::DoNotOptimize(CalibrateNoise(0.04, 8, 2250, 1e-5, options));
  state.SetLabel(state.range(0) == 0 ? "Opacus orders" : "default orders (to 256)");
}
BENCHMARK(BM_CalibrateNoise)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_OpenSslBits(benchmark::State& state) {
  OpenSslRandomBits bits;
  for (auto _ : state) benchmark::DoNotOptimize(bits.NextU64());
  state.SetBytesProcessed(state.iterations() * 8);
}
BENCHMARK(BM_OpenSslBits);

// One discrete Gaussian draw for a noisy count (σ² = 10, rational with denominator 2^20).
void BM_DiscreteGaussianCount(benchmark::State& state) {
  OpenSslRandomBits bits;
  const Rational variance = RationalAtLeast(10.0);
  for (auto _ : state) benchmark::DoNotOptimize(DiscreteGaussian(variance, bits));
}
BENCHMARK(BM_DiscreteGaussianCount);

// DP-SGD noise on 100k float coordinates (one thread).
void BM_GridGaussianNoise(benchmark::State& state) {
  OpenSslRandomBits bits;
  const GridGaussianNoise noise(1.1, 32);
  std::vector<float> values(100'000, 0.25f);
  for (auto _ : state) {
    noise.Add(values, bits);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * std::int64_t(values.size()));
}
BENCHMARK(BM_GridGaussianNoise)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace ersatz::privacy
