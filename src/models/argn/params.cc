#include "models/argn/params.h"

#include <fmt/format.h>

#include "ersatz/error.h"
#include "table/value_parse.h"

namespace ersatz {

FitOptions FitOptionsFromParams(const ParamValues& params) {
  FitOptions o;
  o.max_epochs = static_cast<int>(params.GetInt("max-epochs"));
  o.max_seconds = params.GetFloat("max-time");
  o.size = params.GetString("size");
  o.max_parameters = static_cast<std::size_t>(params.GetInt("max-parameters"));
  o.batch_size = static_cast<int>(params.GetInt("batch-size"));
  o.learning_rate = params.GetFloat("learning-rate");
  o.validation_fraction = params.GetFloat("validation");
  o.value_protection = !params.GetFlag("no-value-protection");
  o.filter_hashes = !params.GetFlag("no-filter-hashes");
  o.discover_rules = !params.GetFlag("no-discover-rules");
  o.seed = static_cast<std::uint64_t>(params.GetInt("seed"));
  if (params.IsSet("epsilon")) {
    o.epsilon = params.GetFloat("epsilon");
    if (!params.IsSet("max-epochs")) o.max_epochs = kDpDefaultEpochs;
    if (!params.IsSet("size")) o.size = *o.epsilon >= kDpMediumFromEpsilon ? "medium" : "small";
  }
  o.delta = params.GetFloat("delta");
  o.max_grad_norm = params.GetFloat("max-grad-norm");
  o.entity_column = params.GetString("entity-column");
  if (!o.entity_column.empty() && !o.epsilon) {
    throw ParameterError("--entity-column needs --epsilon: it sets the unit of differential privacy");
  }
  return o;
}

namespace {

// `--temperature 0.8` (every column) and `--temperature income=0.5` (one column), repeatable.
void ReadTemperatures(const std::vector<std::string>& items, SampleOptions* o) {
  for (const std::string& item : items) {
    const std::size_t eq = item.find('=');
    const std::string number = eq == std::string::npos ? item : item.substr(eq + 1);
    double t = 0;
    if ((eq != std::string::npos && eq == 0) || !ParseFloat(number, &t)) {
      throw ParameterError(fmt::format(
          "--temperature '{}': expected a number or column=number", item));
    }
    if (!(t >= 0.01 && t <= 100)) {
      throw ParameterError(fmt::format(
          "--temperature '{}': expected a value in [0.01, 100], found {}", item, number));
    }
    if (eq == std::string::npos) {
      o->temperature = t;
    } else {
      o->column_temperature.emplace_back(item.substr(0, eq), t);
    }
  }
}

// List flags split at commas, but 'race=White,Black' is one condition: a piece without '='
// continues the condition before it.
std::vector<std::string> JoinConditions(const std::vector<std::string>& pieces) {
  std::vector<std::string> out;
  for (const std::string& piece : pieces) {
    if (piece.find('=') == std::string::npos && !out.empty()) {
      out.back() += "," + piece;
    } else {
      out.push_back(piece);
    }
  }
  return out;
}

}  // namespace

SampleOptions SampleOptionsFromParams(const ParamValues& params) {
  SampleOptions o;
  o.seed = static_cast<std::uint64_t>(params.GetInt("seed"));
  ReadTemperatures(params.GetList("temperature"), &o);
  o.top_p = params.GetFloat("top-p");
  // `ersatz impute` has no validation flags: it keeps the defaults.
  if (params.Find("no-validate") != nullptr) {
    o.validate = !params.GetFlag("no-validate");
    o.max_retries = static_cast<int>(params.GetInt("max-retries"));
    o.max_invalid_fraction = params.GetFloat("max-invalid-fraction");
  }
  if (params.Find("where") != nullptr) o.where = JoinConditions(params.GetList("where"));
  if (params.Find("rebalance") != nullptr) o.rebalance = params.GetList("rebalance");
  return o;
}

}  // namespace ersatz
