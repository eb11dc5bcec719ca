// The lookup table of a mapping constraint (`agegr determined by age`, a code and its label),
// learned from the data at fit time. A categorical or boolean parent maps each of its values; a
// number parent maps intervals (binning: agegr = cut(age)), each interval running from halfway
// between the last value of the one before and its own first value. A null parent is a value of
// its own.
#pragma once

#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ersatz/table.h"

namespace ersatz::constraints {

class Mapping {
 public:
  // Each parent value (number parents: each run of consecutive values with the same child)
  // gives its most common child value. Entries held by fewer than `min_rows` rows are left out,
  // like rare categories (value protection): a categorical parent's rare value then maps to
  // nothing, a number parent's short run joins the interval before it.
  static Mapping Fit(const Column& parent, const Column& child, std::size_t min_rows);
  static Mapping FromJson(const nlohmann::json& json);  // ParameterError when malformed
  nlohmann::json ToJson() const;

  // Appends the child's value for every row of `parent` to `out` (an empty column of the
  // child's shape). A parent value the table does not hold (a protected rare category, _RARE_)
  // gives _RARE_ in a categorical or text child and null otherwise.
  void Apply(const Column& parent, Column* out) const;
  // The parent values (a categorical or boolean parent's, as its cells read) whose entry gives
  // `child` (as FormatValue writes it): what a given child cell says about a free parent. Empty
  // for a number parent (intervals) and for a value no entry gives.
  std::vector<std::string> ParentsGiving(std::string_view child) const;
  // Entries (values or intervals), the null parent's included.
  std::size_t size() const { return values_.size() + (null_entry_ ? 1 : 0); }
  bool intervals() const { return intervals_; }

 private:
  void Index();
  using Value = std::optional<std::string>;  // the child's value as FormatValue writes it; null
  bool intervals_ = false;
  std::vector<std::string> keys_;  // categorical parent: the parent's value of each entry
  std::vector<double> starts_;     // number parent: where each interval starts (the first: −∞)
  std::vector<Value> values_;      // per entry
  std::optional<Value> null_entry_;  // what a null parent gives, when the data had nulls there
  std::unordered_map<std::string, std::size_t> index_;  // keys_ → entry
};

}  // namespace ersatz::constraints
