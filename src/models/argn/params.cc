#include "models/argn/params.h"

#include "ersatz/error.h"

namespace ersatz {

FitOptions FitOptionsFromParams(const ParamValues& params) {
  FitOptions o;
  o.max_epochs = static_cast<int>(params.GetInt("max-epochs"));
  o.max_seconds = params.GetFloat("max-time");
  o.size = params.GetString("size");
  o.batch_size = static_cast<int>(params.GetInt("batch-size"));
  o.learning_rate = params.GetFloat("learning-rate");
  o.validation_fraction = params.GetFloat("validation");
  o.value_protection = !params.GetFlag("no-value-protection");
  o.seed = static_cast<std::uint64_t>(params.GetInt("seed"));
  if (params.IsSet("epsilon")) {
    o.epsilon = params.GetFloat("epsilon");
    if (!params.IsSet("max-epochs")) o.max_epochs = kDpDefaultEpochs;
    // Fewer parameters, less noise in total (and less of it to draw): small did as well as
    // medium on Adult at ε = 1 at a third of the parameters.
    if (!params.IsSet("size")) o.size = "small";
  }
  o.delta = params.GetFloat("delta");
  o.max_grad_norm = params.GetFloat("max-grad-norm");
  o.entity_column = params.GetString("entity-column");
  if (!o.entity_column.empty() && !o.epsilon) {
    throw ParameterError("--entity-column needs --epsilon: it sets the unit of differential privacy");
  }
  return o;
}

SampleOptions SampleOptionsFromParams(const ParamValues& params) {
  SampleOptions o;
  o.seed = static_cast<std::uint64_t>(params.GetInt("seed"));
  o.temperature = params.GetFloat("temperature");
  o.top_p = params.GetFloat("top-p");
  return o;
}

}  // namespace ersatz
