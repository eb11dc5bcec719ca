// Thread count of the neural kernels. All threading is OpenMP over fixed chunks of the batch; the
// BLAS runs single-threaded inside each chunk (see gemm.h), so "2 threads" means 2 busy cores.
#pragma once

namespace ersatz::nn {

// n ≤ 0 means "all hardware threads". Results do not depend on n (see the determinism tests).
void SetNumThreads(int n);
int NumThreads();

// Loops over fewer elements than this stay on one thread: waking the pool costs more than it saves.
inline constexpr long kParallelMinWork = 1 << 15;

}  // namespace ersatz::nn
