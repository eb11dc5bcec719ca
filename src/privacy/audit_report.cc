// The audit's JSON and text (docs/privacy.md describes the keys).
#include <fmt/format.h>

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "ersatz/audit.h"

namespace ersatz {
namespace {

// NaN and −∞ as JSON null.
nlohmann::json Number(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(); }

struct Group {
  std::size_t canaries = 0, in_vocabulary = 0;
  double sum = 0, min = INFINITY, max = -INFINITY;
};

std::map<int, Group> ByRepetitions(const AuditReport& report) {
  std::map<int, Group> groups;
  for (const CanaryExposure& c : report.canaries) {
    Group& g = groups[c.repetitions];
    ++g.canaries;
    g.in_vocabulary += c.in_vocabulary ? 1 : 0;
    g.sum += c.exposure;
    g.min = std::min(g.min, c.exposure);
    g.max = std::max(g.max, c.exposure);
  }
  return groups;
}

}  // namespace

std::string AuditReport::ToJson() const {
  nlohmann::json groups = nlohmann::json::array();
  for (const auto& [repetitions, g] : ByRepetitions(*this)) {
    groups.push_back({{"repetitions", repetitions},
                      {"canaries", g.canaries},
                      {"in_vocabulary", g.in_vocabulary},
                      {"mean_exposure", g.sum / static_cast<double>(g.canaries)},
                      {"min_exposure", g.min},
                      {"max_exposure", g.max}});
  }
  nlohmann::json canary_list = nlohmann::json::array();
  for (const CanaryExposure& c : canaries) {
    canary_list.push_back({{"secret", c.secret},
                           {"repetitions", c.repetitions},
                           {"in_vocabulary", c.in_vocabulary},
                           {"log_likelihood", Number(c.log_likelihood)},
                           {"rank", c.rank},
                           {"exposure", c.exposure},
                           {"rank_in_column", c.rank_in_column}});
  }
  const nlohmann::json j = {
      {"column", column},
      {"secret_pattern", secret_pattern},
      {"space_size", space_size},
      {"max_exposure", std::log2(space_size)},
      {"value_protection", value_protection},
      {"column_categories", column_categories},
      {"training_rows", training_rows},
      {"holdout_rows", holdout_rows},
      {"by_repetitions", groups},
      {"canaries", canary_list},
      {"membership_inference",
       {{"auc", Number(mia_auc)},
        {"distance_attack_auc", Number(distance_attack_auc)},
        {"density_attack_auc", Number(density_attack_auc)}}},
      {"fit",
       {{"epochs", fit.epochs},
        {"best_epoch", fit.best_epoch},
        {"best_validation_loss", fit.best_validation_loss},
        {"seconds", fit.seconds},
        {"epsilon", fit.privacy ? nlohmann::json(fit.privacy->epsilon) : nlohmann::json()},
        {"delta", fit.privacy ? nlohmann::json(fit.privacy->delta) : nlohmann::json()}}}};
  return j.dump(2) + "\n";
}

std::string AuditReport::ToText() const {
  std::string out = fmt::format(
      "Canary audit: {} secrets {} (|R| = {:.0f}, exposure at most {:.2f} bits) planted in column "
      "'{}' of {} training rows; {}.\n",
      canaries.size(), secret_pattern, space_size, std::log2(space_size), column, training_rows,
      fit.privacy ? fmt::format("differential privacy ε = {:.3g}, δ = {:.3g} (unit: {})",
                                fit.privacy->epsilon, fit.privacy->delta, fit.privacy->unit)
                  : fmt::format("value protection {}", value_protection ? "on" : "off"));
  out += fmt::format("{:>11}  {:>8}  {:>13}  {:>13}  {:>8}  {:>8}\n", "repetitions", "canaries",
                     "in vocabulary", "mean exposure", "min", "max");
  for (const auto& [repetitions, g] : ByRepetitions(*this)) {
    out += fmt::format("{:>11}  {:>8}  {:>13}  {:>13.2f}  {:>8.2f}  {:>8.2f}\n", repetitions,
                       g.canaries, g.in_vocabulary, g.sum / static_cast<double>(g.canaries), g.min,
                       g.max);
  }
  out += fmt::format(
      "Chance is about 1 bit (a secret the model cannot generate ties with the {:.0f} others).\n"
      "A secret the model can generate is one of its {} category values for '{}': the model file "
      "lists it, so its exposure is high whatever the network learned.\n",
      space_size - 1, column_categories, column);
  out += fmt::format("Membership inference AUC (training vs holdout, best of two attacks): {:.3f} "
                     "(distance {:.3f}, density ratio {:.3f}; 0.5 is chance)\n",
                     mia_auc, distance_attack_auc, density_attack_auc);
  return out;
}

}  // namespace ersatz
