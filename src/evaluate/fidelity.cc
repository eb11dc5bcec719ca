#include "evaluate/fidelity.h"

#include <cmath>
#include <limits>

#include "evaluate/discretize.h"
#include "evaluate/stats.h"

namespace ersatz::evaluate {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Mean of the values that are not NaN; NaN when none is.
double MeanOfDefined(const std::vector<double>& values) {
  double sum = 0, n = 0;
  for (double v : values) {
    if (!std::isnan(v)) sum += v, n += 1;
  }
  return n > 0 ? sum / n : kNaN;
}

// SDMetrics ignores a term that is NaN when averaging two scores.
double MeanOfTwo(double a, double b) { return MeanOfDefined({a, b}); }

double ColumnShape(const EvalColumn& column, const Binned& categories) {
  if (column.numeric) {
    return 1.0 - KsStatistic(column.values[kReal], column.values[kSynthetic]);
  }
  return 1.0 - TotalVariation(Frequencies(categories.codes[kReal], categories.num_bins),
                              Frequencies(categories.codes[kSynthetic], categories.num_bins));
}

}  // namespace

void ScoreFidelity(const EvalData& data, const std::vector<std::array<int, 2>>& pairs,
                   const std::vector<std::array<int, 3>>& triples, EvaluateReport* report) {
  const auto& columns = data.columns;
  std::vector<Binned> contingency, accuracy;
  for (const EvalColumn& column : columns) {
    contingency.push_back(ContingencyBins(column));
    accuracy.push_back(AccuracyBins(column));
  }

  std::vector<double> shapes, univariate;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    ColumnReport out;
    out.name = columns[c].name;
    out.kind = columns[c].numeric ? "numeric" : "categorical";
    out.metric = columns[c].numeric ? "KSComplement" : "TVComplement";
    out.shape = ColumnShape(columns[c], contingency[c]);
    const Binned* one[] = {&accuracy[c]};
    out.accuracy = JointTvComplement(one);
    shapes.push_back(out.shape);
    univariate.push_back(out.accuracy);
    report->columns.push_back(out);
  }

  std::vector<double> trends, important_trends, bivariate;
  for (const auto& [i, j] : pairs) {
    const EvalColumn &a = columns[i], &b = columns[j];
    PairReport out;
    out.first = a.name;
    out.second = b.name;
    if (a.numeric && b.numeric) {
      out.metric = "CorrelationSimilarity";
      out.real_association = Pearson(a.values[kReal], b.values[kReal]);
      out.synthetic_association = Pearson(a.values[kSynthetic], b.values[kSynthetic]);
      out.score = 1.0 - std::abs(out.real_association - out.synthetic_association) / 2;
      out.important = std::abs(out.real_association) > 0.5;
    } else {
      out.metric = "ContingencySimilarity";
      const Binned* both[] = {&contingency[i], &contingency[j]};
      out.score = JointTvComplement(both);
      for (int s = 0; s < 2; ++s) {
        (s == 0 ? out.real_association : out.synthetic_association) =
            CramersV(contingency[i].codes[s], contingency[i].num_bins, contingency[j].codes[s],
                     contingency[j].num_bins);
      }
      out.important = out.real_association > 0.3;
    }
    const Binned* both[] = {&accuracy[i], &accuracy[j]};
    out.accuracy = JointTvComplement(both);
    trends.push_back(out.score);
    if (out.important) important_trends.push_back(out.score);
    bivariate.push_back(out.accuracy);
    report->pairs.push_back(out);
  }

  std::vector<double> trivariate;
  for (const auto& [i, j, l] : triples) {
    const Binned* three[] = {&accuracy[i], &accuracy[j], &accuracy[l]};
    trivariate.push_back(JointTvComplement(three));
  }

  auto& f = report->fidelity;
  f.column_shapes = MeanOfDefined(shapes);
  f.column_pair_trends = MeanOfDefined(trends);
  f.column_pair_trends_important = MeanOfDefined(important_trends);
  f.important_pairs = important_trends.size();
  f.overall = MeanOfTwo(f.column_shapes, f.column_pair_trends);
  f.overall_important = MeanOfTwo(f.column_shapes, f.column_pair_trends_important);
  f.accuracy.univariate = MeanOfDefined(univariate);
  f.accuracy.bivariate = MeanOfDefined(bivariate);
  f.accuracy.trivariate = MeanOfDefined(trivariate);
  f.accuracy.triples = triples.size();
  f.accuracy.overall =
      MeanOfDefined({f.accuracy.univariate, f.accuracy.bivariate, f.accuracy.trivariate});
}

}  // namespace ersatz::evaluate
