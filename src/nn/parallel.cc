#include "nn/parallel.h"

#include <cblas.h>
#include <omp.h>

#include <thread>

namespace ersatz::nn {

void SetNumThreads(int n) {
  if (n <= 0) n = static_cast<int>(std::thread::hardware_concurrency());
  if (n <= 0) n = 1;
  omp_set_num_threads(n);
  // Every sgemm call is one fixed-size chunk run on one OpenMP thread (see gemm.h): OpenBLAS's own
  // pool would only fight OpenMP for the same cores and make sums depend on the thread count.
  openblas_set_num_threads(1);
}

int NumThreads() { return omp_get_max_threads(); }

}  // namespace ersatz::nn
