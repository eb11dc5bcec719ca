// `ersatz privacy epsilon|noise`: plan a DP-SGD budget before training. The last line printed is
// the number alone, so scripts can take it with `tail -n 1`.
#include <fmt/format.h>

#include <ostream>

#include "cli/verb.h"
#include "ersatz/error.h"
#include "privacy/accountant.h"
#include "privacy/params.h"

namespace ersatz::cli {

namespace {

double RequiredFloat(const VerbContext& ctx, std::string_view name, std::string_view action) {
  if (!ctx.params.IsSet(name)) {
    throw ParameterError(fmt::format("--{} is required by `ersatz privacy {}`", name, action));
  }
  return ctx.params.GetFloat(name);
}

void RunPrivacy(const VerbContext& ctx) {
  const std::string& action = ctx.positionals.at(0);
  if (action != "epsilon" && action != "noise") {
    throw ParameterError(fmt::format(
        "privacy: unknown action '{}': expected 'epsilon' (ε from --noise) or 'noise' (σ from --epsilon)",
        action));
  }
  const double q = ctx.params.GetFloat("sampling-rate");
  const long long steps = ctx.params.GetInt("steps");
  const double delta = ctx.params.GetFloat("delta");
  privacy::AccountingOptions options;
  options.conversion = privacy::ParseConversion(ctx.params.GetString("conversion"));
  const std::string_view conversion = privacy::ConversionName(options.conversion);

  if (action == "epsilon") {
    const double sigma = RequiredFloat(ctx, "noise", action);
    const privacy::PrivacySpent spent = privacy::ComputeEpsilon(q, sigma, steps, delta, options);
    ctx.out << fmt::format(
        "epsilon {:.6g} for sampling-rate {}, noise {}, {} steps, delta {} ({} conversion, best "
        "RDP order {})\n{}\n",
        spent.epsilon, q, sigma, steps, delta, conversion, spent.order, spent.epsilon);
  } else {
    const double target = RequiredFloat(ctx, "epsilon", action);
    const privacy::Calibration c = privacy::CalibrateNoise(q, target, steps, delta, options);
    if (c.smallest_noise) {
      ctx.out << fmt::format("the target is beyond the search's reach (it tries no noise below {}): "
                             "the least noise it tried spends less\n", privacy::kMinCalibrationNoise);
    }
    ctx.out << fmt::format(
        "noise {} reaches epsilon {:.6g} (target {}) for sampling-rate {}, {} steps, delta {} ({} "
        "conversion)\n{}\n",
        c.noise_multiplier, c.epsilon, target, q, steps, delta, conversion, c.noise_multiplier);
  }
}

}  // namespace

VerbSpec PrivacyVerb() {
  return VerbSpec{
      .name = "privacy",
      .summary = "Plan a differential-privacy budget: ε for a noise level, or the noise for an ε.",
      .details =
          "`ersatz privacy epsilon` prints the ε that DP-SGD spends with Poisson sampling rate q, "
          "noise multiplier σ and T steps at the given δ; `ersatz privacy noise` prints the smallest "
          "σ (to within 0.01 of the target ε, on the safe side) that keeps ε at or below the target. "
          "The accountant is RDP of the Poisson-subsampled Gaussian at orders 1.1 … 10.9 and 12 … 256; "
          "details in docs/privacy.md. The last line printed is the number alone.",
      .example = "ersatz privacy epsilon --sampling-rate 0.04 --noise 1.5 --steps 2250 --delta 1e-5",
      .positionals = {{"action", "`epsilon` (needs --noise) or `noise` (needs --epsilon).", /*is_file=*/false}},
      .param_tables = {privacy::kAccountantParams},
      .run = RunPrivacy,
  };
}

}  // namespace ersatz::cli
