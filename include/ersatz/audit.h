// `ersatz audit`: how much does a model give away about one rare record? Plants canaries —
// random secrets, each written into a few training rows — trains as `ersatz fit` would, then
// measures each canary's exposure (Carlini et al. 2019, "The Secret Sharer") and runs the
// report's membership-inference attacks on the audit's own training/holdout split.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "ersatz/csv.h"
#include "ersatz/generator.h"

namespace ersatz {

struct AuditOptions {
  std::string data_path;
  CsvReadOptions csv;
  std::string metadata_path;  // "" for none
  std::vector<std::string> drop;
  double holdout = 0.2;
  FitOptions fit;
  std::string canary_column;  // "": the categorical column with the most distinct values
  int canaries = 4;           // secrets per repetition count
  std::vector<int> repetitions = {1, 4, 16};
  std::string json_output;    // "" for none
};

struct CanaryExposure {
  std::string secret;
  int repetitions = 0;         // training rows that carry it
  bool in_vocabulary = false;  // the model can generate it (it is one of the column's categories)
  double log_likelihood = 0;   // Σ over its rows of ln p(secret | rest of the row); -inf if not in vocabulary
  double rank = 0;             // among all |R| candidates by that likelihood (1 = first; ties count half)
  double exposure = 0;         // log2 |R| − log2 rank, in bits
  std::size_t rank_in_column = 0;  // among the column's categories, by the same likelihood (0: not in vocabulary)
};

struct AuditReport {
  std::string column;
  std::string secret_pattern;  // e.g. "canary-DDDDDD"
  double space_size = 0;       // |R|
  bool value_protection = true;
  std::size_t column_categories = 0;  // values the model can generate in the column
  std::size_t training_rows = 0, holdout_rows = 0;
  std::vector<CanaryExposure> canaries;
  double mia_auc = 0;  // the better of the report's two attacks (NaN without holdout)
  double distance_attack_auc = 0, density_attack_auc = 0;
  FitSummary fit;

  std::string ToJson() const;
  std::string ToText() const;
};

// log2 |R| − log2 rank.
double ExposureBits(double space_size, double rank);

// The rank of a score among `space_size` candidates of which `others` are the scores of the ones
// the model can generate (every other candidate scores −∞): 1 + the number that score higher +
// half the number that tie. Exact, no sampling: the model gives probability 0 to any value
// outside its categories.
double RankAmongCandidates(double score, std::span<const double> others, double space_size);

AuditReport AuditCsvFile(const AuditOptions& options,
                         const std::function<void(const FitProgress&)>& progress = {});

}  // namespace ersatz
