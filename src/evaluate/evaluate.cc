// Evaluate(): prepares the columns once, then runs each family of metrics over the same pairs.
#include <fmt/format.h>

#include <limits>

#include "ersatz/error.h"
#include "ersatz/evaluate.h"
#include "evaluate/attacks.h"
#include "evaluate/columns.h"
#include "evaluate/distributions.h"
#include "evaluate/fidelity.h"
#include "evaluate/learned.h"
#include "evaluate/privacy.h"
#include "evaluate/sampling.h"
#include "evaluate/sqs.h"

namespace ersatz {

EvaluateReport Evaluate(const Table& real, const Table& synthetic, const Table* holdout,
                        const EvaluateOptions& options) {
  if (options.max_pairs == 0 || options.max_privacy_rows == 0 || options.max_attack_rows == 0 ||
      options.max_discriminator_rows == 0) {
    throw ParameterError(
        "evaluate: max_pairs, max_privacy_rows, max_attack_rows and max_discriminator_rows must "
        "be at least 1");
  }
  if (options.discriminator_folds < 2) {
    throw ParameterError("evaluate: discriminator_folds must be at least 2");
  }
  if (real.num_rows() == 0) throw DataError("evaluate: the real table has no rows");
  if (synthetic.num_rows() == 0) throw DataError("evaluate: the synthetic table has no rows");
  const evaluate::EvalData data = evaluate::PrepareColumns(real, synthetic, holdout, options);
  // A wrong target is a usage error: say so before the slow work.
  if (!options.target.empty()) evaluate::FindTarget(data, options.target);

  EvaluateReport report;
  report.real_rows = data.rows[evaluate::kReal];
  report.synthetic_rows = data.rows[evaluate::kSynthetic];
  report.holdout_rows = data.rows[evaluate::kHoldout];
  report.excluded_columns = data.excluded;
  const int k = static_cast<int>(data.columns.size());
  const auto pairs = evaluate::ChoosePairs(k, options.max_pairs, options.seed);
  const auto triples = evaluate::ChooseTriples(k, options.max_triples, options.seed);
  const std::size_t all_pairs = std::size_t(k) * (k - 1) / 2;
  if (pairs.size() < all_pairs) {
    report.notes.push_back(fmt::format(
        "{} columns make {} pairs: pair trends, bivariate accuracy and field correlation use a "
        "seeded sample of {} (max_pairs)",
        k, all_pairs, pairs.size()));
  }
  const double all_triples = double(k) * (k - 1) * (k - 2) / 6;
  if (double(triples.size()) < all_triples) {
    report.notes.push_back(fmt::format(
        "trivariate accuracy uses a seeded sample of {} column triples (max_triples)",
        triples.size()));
  }
  if (k == 0) report.notes.push_back("no column left to evaluate");

  evaluate::ScoreFidelity(data, pairs, triples, &report);
  evaluate::ScoreSqs(data, pairs, &report);
  evaluate::FillDistributions(data, &report);
  report.fidelity.discriminator_auc = std::numeric_limits<double>::quiet_NaN();
  if (options.discriminator && k > 0) evaluate::ScoreDiscriminator(data, options, &report);
  if (!options.target.empty()) evaluate::ScoreUtility(data, options, &report);
  if (options.privacy && k > 0) {
    evaluate::ScorePrivacy(data, options, &report);
    evaluate::ScoreMembershipInference(data, options, &report);
    evaluate::ScoreAttributeInference(data, options, &report);
  }
  return report;
}

}  // namespace ersatz
