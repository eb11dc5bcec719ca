// Evaluation: how close a synthetic table is to the real one (fidelity, comparable with SDMetrics,
// MOSTLY AI's accuracy and Gretel's SQS) and how close it sits to the real people (privacy
// distances). Definitions: docs/report-json.md, which documents every key of ToJson().
#pragma once

#include <cstdint>
#include <string>
#include <vector>

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
    std::size_t important_pairs = 0;
    Accuracy accuracy;
  } fidelity;
  struct Sqs {
    double score = 0;  // 0..100
    std::string grade;  // Excellent, Good, Moderate, Poor, Very Poor
    double field_correlation_stability = 0;   // 0..10
    double field_distribution_stability = 0;  // 0..10
    double deep_structure_stability = 0;      // 0..10
    double correlation_distance = 0, distribution_distance = 0, deep_structure_distance = 0;
  } sqs;
  struct Privacy {
    bool computed = false;
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

  // The stable JSON of docs/report-json.md (NaN written as null).
  std::string ToJson() const;
};

// Scores `synthetic` (and, with a holdout, privacy) against `real`. Columns are matched by name;
// DataError when the synthetic or holdout table lacks one of the real table's columns or holds it
// with an incompatible kind; ParameterError for invalid options.
EvaluateReport Evaluate(const Table& real, const Table& synthetic, const Table* holdout,
                        const EvaluateOptions& options);

}  // namespace ersatz
