// Evaluation: how close a synthetic table is to the real one (fidelity, comparable with SDMetrics,
// MOSTLY AI's accuracy and Gretel's SQS, plus a real-vs-synthetic discriminator), how useful it is
// (train on synthetic, test on real) and how close it sits to the real people (privacy distances,
// membership- and attribute-inference attacks). Definitions: docs/report-json.md, which documents
// every key of ToJson(); ToHtml() is the page users read.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ersatz/csv.h"
#include "ersatz/privacy_summary.h"
#include "ersatz/table.h"

namespace ersatz {

struct EvaluateOptions {
  std::uint64_t seed = 42;  // pair / triple / row sampling; fixed so reports are reproducible
  // Columns that are keys, not data (from metadata): left out like free text.
  std::vector<std::string> identifier_columns;
  std::size_t max_pairs = 5000;      // column pairs beyond this are sampled
  std::size_t max_triples = 10000;   // MOSTLY-style trivariate accuracy
  std::size_t max_privacy_rows = 50000;  // synthetic / training rows for the distance search
  bool privacy = true;               // the nearest-neighbour search (the slow part)
  // Real-vs-synthetic classifier (gradient-boosted trees, cross-validated ROC AUC).
  bool discriminator = true;
  int discriminator_folds = 5;
  std::size_t max_discriminator_rows = 20000;  // per side (seeded sample beyond)
  // Utility (train on synthetic / on real, test on the real holdout): "" for none.
  std::string target;
  // Attribute inference: the attacker's known columns ("" = the 3 with the most spread-out
  // ≤ 10-bin distributions).
  std::vector<std::string> quasi_identifiers;
  std::size_t max_attack_rows = 5000;  // members (and non-members) of the attacks at most
  int threads = 0;                   // 0: OpenMP's default
  // Privacy alarm thresholds.
  double alarm_dcr_share = 0.6;
  double alarm_exact_copy_rate = 0.01;  // raised to 2× the holdout's own rate when that is higher
};

// Per evaluated column.
struct ColumnReport {
  std::string name;
  std::string kind;    // "numeric" or "categorical" (how it was evaluated)
  std::string metric;  // "KSComplement" or "TVComplement"
  double shape = 0;    // the metric's value, 0..1
  double accuracy = 0;     // MOSTLY univariate accuracy, 0..1
  double js_distance = 0;  // Gretel field distribution: Jensen–Shannon distance, base 2
  // Distribution overlay of the HTML report: numeric columns on 20 equal-width bins over the real
  // range (labels are lower edges), categorical ones on the 20 most frequent real categories plus
  // "(other)"; nulls "(null)".
  std::vector<std::string> bins;
  std::vector<double> real_frequencies, synthetic_frequencies;
};

// Per evaluated column pair.
struct PairReport {
  std::string first, second;
  std::string metric;  // "CorrelationSimilarity" or "ContingencySimilarity"
  double score = 0;    // 0..1; NaN when undefined (a constant column)
  double real_association = 0;       // Pearson ρ or Cramér's V on the real data
  double synthetic_association = 0;  // same on the synthetic data
  bool important = false;            // real |ρ| > 0.5 or Cramér's V > 0.3
  double accuracy = 0;               // MOSTLY bivariate accuracy
};

struct ExcludedColumn {
  std::string name;
  std::string reason;
};

struct EvaluateReport {
  std::size_t real_rows = 0, synthetic_rows = 0, holdout_rows = 0;
  struct Accuracy {
    double univariate = 0, bivariate = 0, trivariate = 0, overall = 0;
    std::size_t triples = 0;  // how many triples were scored
  };
  struct Fidelity {
    double column_shapes = 0;
    double column_pair_trends = 0;
    double column_pair_trends_important = 0;  // NaN when no pair is important
    double overall = 0;            // mean(shapes, trends): SDMetrics classic
    double overall_important = 0;  // mean(shapes, important trends): SDMetrics ≥ 0.27
    // Cross-validated ROC AUC of a real-vs-synthetic classifier: 0.5 = indistinguishable.
    double discriminator_auc = 0;  // NaN when not computed
    std::size_t discriminator_rows = 0;  // rows per side it used
    std::size_t important_pairs = 0;
    Accuracy accuracy;
  } fidelity;
  struct Sqs {
    double score = 0;  // 0..100; NaN when not computed
    std::string grade;  // Excellent, Good, Moderate, Poor, Very Poor; "" when not computed
    // Why the score (or one component, then NaN) could not be computed: no column to compare,
    // fewer than 2 real rows, a single column (no pair to correlate). "" when all three were.
    std::string not_computed;
    double field_correlation_stability = 0;   // 0..10
    double field_distribution_stability = 0;  // 0..10
    double deep_structure_stability = 0;      // 0..10
    double correlation_distance = 0, distribution_distance = 0, deep_structure_distance = 0;
  } sqs;
  // Train on synthetic, test on real (TSTR) against train on real, test on real.
  struct Utility {
    bool computed = false;
    std::string target;
    std::string task;    // "classification" or "regression"
    std::string metric;  // "roc_auc" (one-vs-rest macro for > 2 classes) or "r2"
    double real = 0, synthetic = 0, ratio = 0;
    std::size_t classes = 0;  // classification: classes scored
    std::size_t test_rows = 0;
  } utility;
  // One membership-inference attack: members = training rows, non-members = holdout rows.
  struct Attack {
    double auc = 0;
    double tpr_at_fpr_01 = 0, tpr_at_fpr_001 = 0;
    double epsilon = 0, epsilon_lower_95 = 0;  // empirical ε lower bound (see docs)
  };
  struct AttributeRisk {
    std::string column;
    double member_accuracy = 0;    // predicted from the synthetic rows, for training rows
    double holdout_accuracy = 0;   // the same for unseen rows: what the population teaches
    double baseline_accuracy = 0;  // always guessing the most frequent real value
  };
  struct Privacy {
    bool computed = false;
    // Membership inference (needs a holdout): the best attack's AUC, and each attack.
    double mia_auc = 0;  // NaN without holdout
    Attack distance_attack, density_attack;
    std::size_t attack_members = 0, attack_non_members = 0, attack_reference = 0;
    // Attribute inference: 5 nearest synthetic rows on the quasi-identifiers vote.
    std::vector<std::string> quasi_identifiers;
    std::vector<AttributeRisk> attribute_risks;
    double attribute_inference_risk = 0;  // max over columns of member − holdout accuracy
    double exact_copy_rate = 0;          // synthetic rows equal to some training row
    double holdout_exact_copy_rate = 0;  // the same for holdout rows: the natural rate (NaN: none)
    double dcr_share = 0;                // NaN without a holdout
    double nndr = 0;                     // mean nearest / second-nearest training distance
    double nndr_p05 = 0;
    double dcr_training_median = 0, dcr_holdout_median = 0;
    std::size_t synthetic_rows_used = 0, training_rows_used = 0, holdout_rows_used = 0;
    bool alarm = false;
    std::vector<std::string> alarm_reasons;
  } privacy;
  std::vector<ColumnReport> columns;
  std::vector<PairReport> pairs;
  std::vector<ExcludedColumn> excluded_columns;
  std::vector<std::string> notes;  // sampling and other limits that applied
  // The model's differential-privacy guarantee, when the synthetic rows come from a DP fit.
  std::optional<DifferentialPrivacySummary> differential_privacy;

  // The stable JSON of docs/report-json.md (NaN written as null).
  std::string ToJson() const;
  // One self-contained HTML page: inline CSS and JS, Chart.js compiled in; it never fetches
  // anything from the network.
  std::string ToHtml() const;
  // The headline scores, a few lines for a terminal.
  std::string Headline() const;
};

// Scores `synthetic` (and, with a holdout, privacy) against `real`. Columns are matched by name;
// DataError when the synthetic or holdout table lacks one of the real table's columns or holds it
// with an incompatible kind; ParameterError for invalid options.
EvaluateReport Evaluate(const Table& real, const Table& synthetic, const Table* holdout,
                        const EvaluateOptions& options);

// The `ersatz report` job on files: read the CSV files (typed alike: the real file's types, or the
// metadata file's, apply to all), evaluate, then write the HTML and (when asked) JSON report,
// each atomically and only once everything was computed. The metadata's identifier columns are
// left out of the scores.
struct ReportFileOptions {
  std::string real_path, synthetic_path;
  std::string holdout_path;   // "" for none
  std::string metadata_path;  // "" for none
  CsvReadOptions csv;
  EvaluateOptions evaluate;
  std::string html_output;
  std::string json_output;  // "" for none
};

EvaluateReport ReportCsvFiles(const ReportFileOptions& options);

// Writes report.ToHtml() and report.ToJson() (either path may be ""); nothing is left behind
// when a write fails.
void WriteReportFiles(const EvaluateReport& report, const std::string& html_path,
                      const std::string& json_path);

}  // namespace ersatz
