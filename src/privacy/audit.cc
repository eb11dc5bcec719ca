// The canary audit: plant, train, score each secret against every candidate, attack membership.
#include "ersatz/audit.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <unordered_map>

#include "common/atomic_file.h"
#include "common/random.h"
#include "ersatz/error.h"
#include "models/argn/fit_inputs.h"
#include "nn/parallel.h"

namespace ersatz {
namespace {

constexpr std::uint64_t kCanaryStream = 0xCA7A;
constexpr std::uint64_t kAuditSampleSeedOffset = 0xA0D17;
constexpr int kSecretDigits = 6;
constexpr std::string_view kSecretPrefix = "canary-";

std::string Secret(std::uint64_t number) {
  return fmt::format("{}{:0{}}", kSecretPrefix, number, kSecretDigits);
}

bool IsSecretShaped(std::string_view s) {
  if (s.size() != kSecretPrefix.size() + kSecretDigits || !s.starts_with(kSecretPrefix)) return false;
  return std::all_of(s.begin() + static_cast<long>(kSecretPrefix.size()), s.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

// The categorical column with the most distinct values, identifiers left out.
std::string DefaultCanaryColumn(const Table& table, const Metadata& schema,
                                const std::string& path) {
  std::string best;
  std::size_t most = 0;
  for (std::size_t c = 0; c < table.num_columns(); ++c) {
    const Column& column = table.column(c);
    const ColumnSpec* spec = schema.Find(column.name());
    if (column.kind() != ColumnKind::kCategorical ||
        (spec != nullptr && spec->type == SemanticType::kIdentifier)) {
      continue;
    }
    if (column.categories().size() > most) most = column.categories().size(), best = column.name();
  }
  if (best.empty()) {
    throw ParameterError(fmt::format(
        "canary-column: {} has no categorical column to plant canaries in; name a column with "
        "--canary-column",
        path));
  }
  return best;
}

void CheckCanaryColumn(const Table& table, const Metadata& schema, const std::string& name,
                       const std::string& path) {
  const int index = table.FindColumn(name);
  if (index < 0) throw ParameterError(fmt::format("canary-column: {} has no column '{}'", path, name));
  const ColumnSpec* spec = schema.Find(name);
  if (spec != nullptr && spec->type == SemanticType::kIdentifier) {
    throw ParameterError(fmt::format(
        "canary-column: '{}' is an identifier (regenerated, not learned); choose a categorical "
        "column", name));
  }
  const ColumnKind kind = table.column(static_cast<std::size_t>(index)).kind();
  if (kind != ColumnKind::kCategorical && kind != ColumnKind::kText) {
    throw ParameterError(fmt::format(
        "canary-column: '{}' is not a categorical or text column; canaries are strings", name));
  }
}

// `column` with the rows of `plant` (row → secret) replaced.
Column WithSecrets(const Column& column, const std::map<std::uint32_t, std::string>& plant) {
  Column out(column.name(), column.kind());
  for (std::size_t r = 0; r < column.size(); ++r) {
    const auto it = plant.find(static_cast<std::uint32_t>(r));
    if (it != plant.end()) {
      out.AppendString(it->second);
    } else if (column.IsNull(r)) {
      out.AppendNull();
    } else {
      out.AppendString(column.text(r));
    }
  }
  return out;
}

}  // namespace

double ExposureBits(double space_size, double rank) { return std::log2(space_size) - std::log2(rank); }

double RankAmongCandidates(double score, std::span<const double> others, double space_size) {
  double higher = 0, ties = 0;
  for (double s : others) {
    if (s > score) ++higher;
    else if (s == score) ++ties;
  }
  // The remaining candidates score −∞: below a finite score, tied with a −∞ one.
  const double rest = space_size - 1 - static_cast<double>(others.size());
  if (std::isinf(score) && score < 0) ties += rest;
  return 1 + higher + 0.5 * ties;
}

AuditReport AuditCsvFile(const AuditOptions& options,
                         const std::function<void(const FitProgress&)>& progress) {
  if (options.canaries < 1) {
    throw ParameterError(fmt::format("canaries: expected at least 1, found {}", options.canaries));
  }
  Metadata schema;
  CsvReadReport csv_report;
  const Table table = ReadFitTable(options.data_path, options.csv, options.metadata_path,
                                   options.drop, &csv_report, &schema);
  AuditReport report;
  report.column = options.canary_column.empty()
                      ? DefaultCanaryColumn(table, schema, options.data_path)
                      : options.canary_column;
  CheckCanaryColumn(table, schema, report.column, options.data_path);
  report.secret_pattern = fmt::format("{}{}", kSecretPrefix, std::string(kSecretDigits, 'D'));
  report.space_size = std::pow(10.0, kSecretDigits);
  report.value_protection = options.fit.value_protection;

  const HoldoutSplit split = SplitHoldout(table, options.holdout, options.fit.seed, options.fit.entity_column);
  Table train = table.Take(split.train);
  const Table holdout = table.Take(split.holdout);
  std::size_t needed = 0;
  for (int r : options.repetitions) needed += static_cast<std::size_t>(r) * options.canaries;
  if (needed > train.num_rows() / 2) {
    throw ParameterError(fmt::format(
        "canaries: {} canary rows would replace more than half of the {} training rows; plant "
        "fewer canaries", needed, train.num_rows()));
  }

  // Distinct secrets, each in its own distinct rows.
  RandomStream rng(options.fit.seed, kCanaryStream, 0);
  std::set<std::string> used;
  std::vector<std::uint32_t> rows(train.num_rows());
  for (std::uint32_t r = 0; r < rows.size(); ++r) rows[r] = r;
  Shuffle(std::span(rows), options.fit.seed, kCanaryStream, 1);
  std::map<std::uint32_t, std::string> plant;
  std::vector<std::vector<std::uint32_t>> canary_rows;
  std::size_t next_row = 0;
  for (int repetitions : options.repetitions) {
    for (int k = 0; k < options.canaries; ++k) {
      std::string secret;
      do secret = Secret(rng.NextBelow(static_cast<std::uint64_t>(report.space_size)));
      while (!used.insert(secret).second);
      CanaryExposure canary;
      canary.secret = secret;
      canary.repetitions = repetitions;
      report.canaries.push_back(canary);
      auto& mine = canary_rows.emplace_back();
      for (int i = 0; i < repetitions; ++i) {
        mine.push_back(rows[next_row]);
        plant[rows[next_row++]] = secret;
      }
      std::sort(mine.begin(), mine.end());
    }
  }
  const auto column_index = static_cast<std::size_t>(train.FindColumn(report.column));
  train.column(column_index) = WithSecrets(train.column(column_index), plant);
  report.training_rows = train.num_rows();
  report.holdout_rows = holdout.num_rows();

  FitOptions fit = options.fit;
  fit.learned_columns.push_back(report.column);  // its likelihood is what exposure measures
  const Generator generator = Generator::Fit(train, schema, fit, progress);
  report.fit = generator.summary();

  // Exposure: each canary's likelihood over its rows against every other candidate's.
  for (std::size_t i = 0; i < report.canaries.size(); ++i) {
    CanaryExposure& canary = report.canaries[i];
    const ColumnPrediction prediction =
        generator.PredictColumn(train.Take(canary_rows[i]), report.column);
    report.column_categories = prediction.categories.size();
    std::vector<double> totals(prediction.categories.size(), 0.0);
    for (const auto& row : prediction.log_p) {
      for (std::size_t c = 0; c < totals.size(); ++c) totals[c] += row[c];
    }
    canary.log_likelihood = -std::numeric_limits<double>::infinity();
    std::vector<double> others;  // the other secret-shaped values the model can generate
    for (std::size_t c = 0; c < totals.size(); ++c) {
      if (prediction.categories[c] == canary.secret) {
        canary.in_vocabulary = true;
        canary.log_likelihood = totals[c];
      } else if (IsSecretShaped(prediction.categories[c])) {
        others.push_back(totals[c]);
      }
    }
    canary.rank = RankAmongCandidates(canary.log_likelihood, others, report.space_size);
    canary.exposure = ExposureBits(report.space_size, canary.rank);
    if (canary.in_vocabulary) {
      canary.rank_in_column = 1 + static_cast<std::size_t>(std::count_if(
                                      totals.begin(), totals.end(),
                                      [&](double t) { return t > canary.log_likelihood; }));
    }
  }

  // Membership inference, as the fit report runs it, on this audit's split.
  if (holdout.num_rows() > 0) {
    SampleOptions sample;
    sample.seed = options.fit.seed + kAuditSampleSeedOffset;
    const Table synthetic = SampleToTable(generator, train.num_rows(), sample);
    EvaluateOptions evaluate;
    evaluate.discriminator = false;
    evaluate.threads = nn::NumThreads();
    for (const ColumnSpec& spec : schema.columns) {
      if (spec.type == SemanticType::kIdentifier && train.FindColumn(spec.name) >= 0) {
        evaluate.identifier_columns.push_back(spec.name);
      }
    }
    const EvaluateReport evaluated = Evaluate(train, synthetic, &holdout, evaluate);
    report.mia_auc = evaluated.privacy.mia_auc;
    report.distance_attack_auc = evaluated.privacy.distance_attack.auc;
    report.density_attack_auc = evaluated.privacy.density_attack.auc;
  } else {
    report.mia_auc = report.distance_attack_auc = report.density_attack_auc =
        std::numeric_limits<double>::quiet_NaN();
  }
  if (!options.json_output.empty()) WriteFileAtomically(options.json_output, report.ToJson());
  return report;
}

}  // namespace ersatz
