#include "privacy/filter/likelihood_filter.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace ersatz::privacy {

double LikelihoodFloor(std::vector<double> v) {
  if (v.empty()) return -std::numeric_limits<double>::infinity();
  const auto at = static_cast<std::size_t>(kLikelihoodFloorQuantile * static_cast<double>(v.size() - 1));
  std::nth_element(v.begin(), v.begin() + static_cast<long>(at), v.end());
  return v[at];
}

void LikelihoodFilter::Check(const Table& batch, std::span<std::uint8_t> reject,
                             RejectionCounts* counts) const {
  std::vector<double> ll(batch.num_rows());
  score_(batch, ll);
  for (std::size_t r = 0; r < ll.size(); ++r) {
    if (!(ll[r] < floor_)) continue;
    reject[r] = 1;
    if (counts != nullptr) ++(*counts)[std::string(kImplausibleReason)];
  }
}

}  // namespace ersatz::privacy
