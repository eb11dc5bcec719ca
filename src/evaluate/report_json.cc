// EvaluateReport::ToJson: the stable keys documented in docs/report-json.md.
#include <nlohmann/json.hpp>

#include "ersatz/evaluate.h"
#include "privacy/summary.h"

namespace ersatz {
namespace {

nlohmann::ordered_json AttackJson(const EvaluateReport::Attack& a) {
  return {{"auc", a.auc},
          {"tpr_at_fpr_0_1", a.tpr_at_fpr_01},
          {"tpr_at_fpr_0_01", a.tpr_at_fpr_001},
          {"epsilon", a.epsilon},
          {"epsilon_lower_95", a.epsilon_lower_95}};
}

}  // namespace

std::string EvaluateReport::ToJson() const {
  using Json = nlohmann::ordered_json;  // keys in the documented order
  Json j;
  j["version"] = 1;
  j["rows"] = {{"real", real_rows}, {"synthetic", synthetic_rows}, {"holdout", holdout_rows}};
  const auto& f = fidelity;
  Json fid;
  fid["column_shapes"] = f.column_shapes;
  fid["column_pair_trends"] = f.column_pair_trends;
  fid["column_pair_trends_important"] = f.column_pair_trends_important;
  fid["important_pairs"] = f.important_pairs;
  fid["overall"] = f.overall;
  fid["overall_important"] = f.overall_important;
  fid["discriminator_auc"] = f.discriminator_auc;
  fid["discriminator_rows"] = f.discriminator_rows;
  fid["accuracy"] = {{"univariate", f.accuracy.univariate},
                     {"bivariate", f.accuracy.bivariate},
                     {"trivariate", f.accuracy.trivariate},
                     {"overall", f.accuracy.overall},
                     {"triples", f.accuracy.triples}};
  Json cols = Json::array();
  for (const ColumnReport& c : columns) {
    cols.push_back({{"name", c.name},
                    {"kind", c.kind},
                    {"metric", c.metric},
                    {"shape", c.shape},
                    {"accuracy", c.accuracy},
                    {"js_distance", c.js_distance},
                    {"distribution",
                     {{"bins", c.bins},
                      {"real", c.real_frequencies},
                      {"synthetic", c.synthetic_frequencies}}}});
  }
  fid["columns"] = std::move(cols);
  Json prs = Json::array();
  for (const PairReport& p : pairs) {
    prs.push_back({{"columns", {p.first, p.second}},
                   {"metric", p.metric},
                   {"score", p.score},
                   {"real_association", p.real_association},
                   {"synthetic_association", p.synthetic_association},
                   {"important", p.important},
                   {"accuracy", p.accuracy}});
  }
  fid["pairs"] = std::move(prs);
  j["fidelity"] = std::move(fid);

  j["sqs"] = {{"score", sqs.score},
              {"grade", sqs.grade.empty() ? nlohmann::json(nullptr) : nlohmann::json(sqs.grade)},
              {"not_computed", sqs.not_computed.empty() ? nlohmann::json(nullptr) : nlohmann::json(sqs.not_computed)},
              {"field_correlation_stability", sqs.field_correlation_stability},
              {"field_distribution_stability", sqs.field_distribution_stability},
              {"deep_structure_stability", sqs.deep_structure_stability},
              {"correlation_distance", sqs.correlation_distance},
              {"distribution_distance", sqs.distribution_distance},
              {"deep_structure_distance", sqs.deep_structure_distance}};

  if (utility.computed) {
    const auto& u = utility;
    j["utility"] = {{"target", u.target}, {"task", u.task},         {"metric", u.metric},
                    {"real", u.real},     {"synthetic", u.synthetic}, {"ratio", u.ratio},
                    {"classes", u.classes}, {"test_rows", u.test_rows}};
  } else {
    j["utility"] = nullptr;
  }

  if (privacy.computed) {
    const auto& p = privacy;
    j["privacy"] = {{"exact_copy_rate", p.exact_copy_rate},
                    {"holdout_exact_copy_rate", p.holdout_exact_copy_rate},
                    {"dcr_share", p.dcr_share},
                    {"nndr", p.nndr},
                    {"nndr_p05", p.nndr_p05},
                    {"dcr_training_median", p.dcr_training_median},
                    {"dcr_holdout_median", p.dcr_holdout_median},
                    {"rows_used",
                     {{"synthetic", p.synthetic_rows_used},
                      {"training", p.training_rows_used},
                      {"holdout", p.holdout_rows_used}}},
                    {"mia_auc", p.mia_auc},
                    {"membership_inference",
                     {{"members", p.attack_members},
                      {"non_members", p.attack_non_members},
                      {"reference", p.attack_reference},
                      {"distance", AttackJson(p.distance_attack)},
                      {"density_ratio", AttackJson(p.density_attack)}}},
                    {"alarm", p.alarm},
                    {"alarm_reasons", p.alarm_reasons}};
    Json risks = Json::array();
    for (const auto& r : p.attribute_risks) {
      risks.push_back({{"column", r.column},
                       {"member_accuracy", r.member_accuracy},
                       {"holdout_accuracy", r.holdout_accuracy},
                       {"baseline_accuracy", r.baseline_accuracy}});
    }
    j["privacy"]["attribute_inference"] = {{"quasi_identifiers", p.quasi_identifiers},
                                           {"risk", p.attribute_inference_risk},
                                           {"columns", std::move(risks)}};
  } else {
    j["privacy"] = nullptr;
  }
  Json excluded = Json::array();
  for (const ExcludedColumn& e : excluded_columns) {
    excluded.push_back({{"name", e.name}, {"reason", e.reason}});
  }
  j["excluded_columns"] = std::move(excluded);
  j["notes"] = notes;
  j["differential_privacy"] = nullptr;
  if (differential_privacy) j["differential_privacy"] = Json(ersatz::privacy::SummaryToJson(*differential_privacy));
  return j.dump(2) + "\n";
}

}  // namespace ersatz
