#include "evaluate/params.h"

namespace ersatz {

EvaluateOptions EvaluateOptionsFromParams(const ParamValues& params) {
  EvaluateOptions o;
  o.seed = static_cast<std::uint64_t>(params.GetInt("seed"));
  o.identifier_columns = params.GetList("identifier-columns");
  o.max_pairs = static_cast<std::size_t>(params.GetInt("max-pairs"));
  o.max_triples = static_cast<std::size_t>(params.GetInt("max-triples"));
  o.max_privacy_rows = static_cast<std::size_t>(params.GetInt("max-privacy-rows"));
  o.privacy = !params.GetFlag("no-privacy");
  o.threads = static_cast<int>(params.GetInt("threads"));
  o.target = params.GetString("target");
  o.discriminator = !params.GetFlag("no-discriminator");
  o.discriminator_folds = static_cast<int>(params.GetInt("discriminator-folds"));
  o.max_discriminator_rows = static_cast<std::size_t>(params.GetInt("max-discriminator-rows"));
  o.quasi_identifiers = params.GetList("quasi-identifiers");
  o.max_attack_rows = static_cast<std::size_t>(params.GetInt("max-attack-rows"));
  o.alarm_dcr_share = params.GetFloat("alarm-dcr-share");
  o.alarm_exact_copy_rate = params.GetFloat("alarm-exact-copy-rate");
  return o;
}

}  // namespace ersatz
