// Discretisations shared by every metric, in one place so that two metrics never disagree on
// what a bin is. A Binned column holds, for the real and the synthetic side, one bin code per row
// in [0, num_bins); nulls always get a bin of their own (the last one).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "evaluate/columns.h"

namespace ersatz::evaluate {

struct Binned {
  std::array<std::vector<std::int32_t>, 2> codes;  // kReal, kSynthetic
  std::int32_t num_bins = 0;
};

// SDMetrics ContingencySimilarity: numeric columns cut into `bins` equal-width bins over the real
// range, the outer bins open-ended (synthetic values outside the range land in them); categorical
// columns keep their categories.
Binned ContingencyBins(const EvalColumn& column, int bins = 10);

// MOSTLY AI accuracy: numeric columns cut at the real data's deciles (repeated cut points merged,
// so ≤ 10 bins); categorical columns keep the real data's 10 most frequent categories seen at
// least 5 times, the rest become "(other)"; nulls are "(n/a)".
Binned AccuracyBins(const EvalColumn& column);

// Gretel distribution stability: numeric columns on `bins` equal-width bins over the range of
// real and synthetic together; categorical columns keep their categories.
Binned SharedRangeBins(const EvalColumn& column, int bins = 20);

// Two samples on `bins` equal-width bins over their joint range (no nulls).
std::array<std::vector<double>, 2> SharedRangeHistograms(std::span<const double> a,
                                                         std::span<const double> b, int bins);

// Relative frequencies of the codes (each in [0, num_bins)).
std::vector<double> Frequencies(std::span<const std::int32_t> codes, std::int32_t num_bins);

// ½ Σ |p − q|.
double TotalVariation(std::span<const double> p, std::span<const double> q);

// 1 − total variation between the joint distributions of `columns` on the real and the synthetic
// side (single columns, pairs or triples alike).
double JointTvComplement(std::span<const Binned* const> columns);

}  // namespace ersatz::evaluate
