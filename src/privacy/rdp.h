// Rényi differential privacy (RDP, Mironov 2017) of the Poisson-subsampled Gaussian mechanism:
// each record joins a step independently with probability q, the step's clipped sum gets
// N(0, σ²C²) noise. These are the per-step RDP values; composition over steps multiplies them.
#pragma once

#include <span>
#include <vector>

namespace ersatz::privacy {

// RDP ε(α) of one step at order α > 1 (integer or fractional), in nats.
// Integer α: the binomial expansion of Mironov, Talwar & Zhang 2019 (§3.2), summed in log space.
// Fractional α: their two-series form (§3.3), whose terms alternate in sign and fall off
// geometrically; summed in log space until both series are below e^-30 of their running sum.
// q = 1 gives the plain Gaussian α/(2σ²); q = 0 gives 0.
double SubsampledGaussianRdp(double sampling_rate, double noise_multiplier, double order);

// The same at every order, times `steps` (RDP composes additively).
std::vector<double> SubsampledGaussianRdp(double sampling_rate, double noise_multiplier,
                                          long long steps, std::span<const double> orders);

}  // namespace ersatz::privacy
