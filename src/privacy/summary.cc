#include "privacy/summary.h"

#include <fmt/format.h>

#include "common/json_integer.h"

namespace ersatz::privacy {

nlohmann::json SummaryToJson(const DifferentialPrivacySummary& s) {
  nlohmann::json spending = nlohmann::json::array();
  for (const auto& line : s.spending) {
    spending.push_back({{"name", line.name}, {"epsilon", line.epsilon}, {"delta", line.delta}});
  }
  return {{"epsilon", s.epsilon},
          {"delta", s.delta},
          {"epsilon_budget", s.epsilon_budget},
          {"delta_budget", s.delta_budget},
          {"unit", s.unit},
          {"units", s.units},
          {"steps", s.steps},
          {"planned_steps", s.planned_steps},
          {"sampling_rate", s.sampling_rate},
          {"noise_multiplier", s.noise_multiplier},
          {"max_grad_norm", s.max_grad_norm},
          {"expected_batch", s.expected_batch},
          {"clipped_share", s.clipped_share},
          {"spending", std::move(spending)}};
}

DifferentialPrivacySummary SummaryFromJson(const nlohmann::json& j) {
  DifferentialPrivacySummary s;
  s.epsilon = j.at("epsilon").get<double>();
  s.delta = j.at("delta").get<double>();
  s.epsilon_budget = j.at("epsilon_budget").get<double>();
  s.delta_budget = j.at("delta_budget").get<double>();
  s.unit = j.at("unit").get<std::string>();
  s.units = JsonInteger<std::size_t>(j.at("units"), "units");
  s.steps = JsonInteger<long long>(j.at("steps"), "steps");
  s.planned_steps = JsonInteger<long long>(j.at("planned_steps"), "planned_steps");
  s.sampling_rate = j.at("sampling_rate").get<double>();
  s.noise_multiplier = j.at("noise_multiplier").get<double>();
  s.max_grad_norm = j.at("max_grad_norm").get<double>();
  s.expected_batch = JsonInteger<int>(j.at("expected_batch"), "expected_batch");
  s.clipped_share = j.at("clipped_share").get<double>();
  for (const auto& line : j.at("spending")) {
    s.spending.push_back({line.at("name").get<std::string>(), line.at("epsilon").get<double>(),
                          line.at("delta").get<double>()});
  }
  return s;
}

std::string SummaryLine(const DifferentialPrivacySummary& s) {
  return fmt::format("ε = {:.4g} (δ = {:.3g}), unit of privacy: {}; DP-SGD {} steps, σ = {:.4g}, C = {:.4g}, q = {:.4g}",
                     s.epsilon, s.delta, s.unit, s.steps, s.noise_multiplier, s.max_grad_norm,
                     s.sampling_rate);
}

}  // namespace ersatz::privacy
