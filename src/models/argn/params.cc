#include "models/argn/params.h"

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
  o.filter_hashes = !params.GetFlag("no-filter-hashes");
  o.seed = static_cast<std::uint64_t>(params.GetInt("seed"));
  return o;
}

SampleOptions SampleOptionsFromParams(const ParamValues& params) {
  SampleOptions o;
  o.seed = static_cast<std::uint64_t>(params.GetInt("seed"));
  o.temperature = params.GetFloat("temperature");
  o.top_p = params.GetFloat("top-p");
  o.validate = !params.GetFlag("no-validate");
  o.max_retries = static_cast<int>(params.GetInt("max-retries"));
  o.max_invalid_fraction = params.GetFloat("max-invalid-fraction");
  return o;
}

}  // namespace ersatz
