// The second half of `--privacy-filter high`: rows the model itself finds implausible — below the
// log-likelihood of all but the 0.1% least likely training rows — are dropped, so that a rare
// outlier combination, the kind that singles a person out, is not published.
#pragma once

#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "ersatz/row_check.h"

namespace ersatz::privacy {

inline constexpr std::string_view kImplausibleReason =
    "implausible row (less likely than 99.9% of the training rows)";
inline constexpr double kLikelihoodFloorQuantile = 0.001;

// The floor: the kLikelihoodFloorQuantile quantile of the training rows' log-likelihoods.
double LikelihoodFloor(std::vector<double> training_log_likelihoods);

class LikelihoodFilter final : public RowCheck {
 public:
  // `score` writes ln p(row) for every row of a batch.
  using Scorer = std::function<void(const Table& batch, std::span<double> log_likelihood)>;
  LikelihoodFilter(Scorer score, double floor) : score_(std::move(score)), floor_(floor) {}
  void Check(const Table& batch, std::span<std::uint8_t> reject,
             RejectionCounts* counts) const override;

 private:
  Scorer score_;
  double floor_;
};

}  // namespace ersatz::privacy
