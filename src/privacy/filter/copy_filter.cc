#include "privacy/filter/copy_filter.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "common/json_integer.h"
#include "ersatz/error.h"

namespace ersatz::privacy {
namespace {

constexpr const char* kTensorNames[3] = {"privacy_filter.exact", "privacy_filter.medium",
                                         "privacy_filter.high"};

// Sorts the hashes and keeps, once, those fewer than kCommonRows training rows share. A row (or
// cell pattern) that many training rows share is a pattern of the population, not one person's
// record: generating it reveals no individual (the k-anonymity argument), and rejecting it would
// only remove typical rows — and every row of a table with few distinct rows.
void KeepRare(std::vector<std::uint64_t>* v) {
  std::sort(v->begin(), v->end());
  std::size_t out = 0;
  for (std::size_t i = 0; i < v->size();) {
    std::size_t j = i;
    while (j < v->size() && (*v)[j] == (*v)[i]) ++j;
    if (j - i < kCommonRows) (*v)[out++] = (*v)[i];
    i = j;
  }
  v->resize(out);
}

}  // namespace

FilterLevel ParseFilterLevel(std::string_view text) {
  if (text == "off") return FilterLevel::kOff;
  if (text == "medium") return FilterLevel::kMedium;
  if (text == "high") return FilterLevel::kHigh;
  throw ParameterError(
      fmt::format("privacy-filter: expected off, medium or high, found \"{}\"", text));
}

CopyFilterData CopyFilterData::Build(const Table& training,
                                     const std::vector<std::string>& column_names,
                                     std::uint64_t key) {
  CopyFilterData d;
  d.key = key;
  d.columns = FitHashedColumns(training, column_names);
  d.rows = training.num_rows();
  const RowHasher hasher(d.columns, key);
  d.exact = hasher.Hash(training, Granularity::kExact);
  d.medium = hasher.Hash(training, Granularity::kMedium);
  d.high = hasher.Hash(training, Granularity::kHigh);
  KeepRare(&d.exact);
  KeepRare(&d.medium);
  KeepRare(&d.high);
  return d;
}

nlohmann::json CopyFilterData::ToJson() const {
  nlohmann::json columns_json = nlohmann::json::array();
  for (const HashedColumn& c : columns) {
    columns_json.push_back({{"name", c.name}, {"medium_width", c.width[1]}, {"high_width", c.width[2]}});
  }
  // The key as text: JSON numbers lose bits above 2^53 in many readers.
  nlohmann::json j = {{"key", fmt::format("{:016x}", key)}, {"rows", rows}, {"columns", columns_json}};
  if (std::isfinite(likelihood_floor)) j["likelihood_floor"] = likelihood_floor;
  return j;
}

void CopyFilterData::ToTensors(std::vector<Tensor>* tensors) const {
  const std::vector<std::uint64_t>* sets[3] = {&exact, &medium, &high};
  for (int i = 0; i < 3; ++i) {
    tensors->push_back({kTensorNames[i], {static_cast<std::int64_t>(sets[i]->size())}, {},
                        TensorType::kUint64, *sets[i]});
  }
}

CopyFilterData CopyFilterData::FromModel(const nlohmann::json& json, const ModelFile& file) {
  CopyFilterData d;
  const std::string key = json.at("key").get<std::string>();
  std::size_t used = 0;
  try {
    d.key = std::stoull(key, &used, 16);
  } catch (const std::exception&) {
    used = 0;
  }
  if (key.size() != 16 || used != key.size()) {
    throw DataError(fmt::format("privacy_filter: invalid key \"{}\"", key));
  }
  d.rows = JsonInteger<std::size_t>(json.at("rows"), "rows");
  if (json.contains("likelihood_floor")) d.likelihood_floor = json.at("likelihood_floor").get<double>();
  for (const auto& c : json.at("columns")) {
    HashedColumn h{c.at("name").get<std::string>(), {0, 0, 0}};
    h.width[1] = c.at("medium_width").get<double>();
    h.width[2] = c.at("high_width").get<double>();
    if (!(h.width[1] >= 0) || !(h.width[2] >= 0)) {
      throw DataError(fmt::format("privacy_filter: invalid cell width for column '{}'", h.name));
    }
    d.columns.push_back(std::move(h));
  }
  std::vector<std::uint64_t>* sets[3] = {&d.exact, &d.medium, &d.high};
  for (int i = 0; i < 3; ++i) {
    const Tensor* t = file.Find(kTensorNames[i]);
    if (t == nullptr || t->type != TensorType::kUint64) {
      throw DataError(fmt::format("the model has no uint64 tensor '{}'", kTensorNames[i]));
    }
    *sets[i] = t->words;
    if (!std::is_sorted(sets[i]->begin(), sets[i]->end())) {
      throw DataError(fmt::format("tensor '{}' is not sorted", kTensorNames[i]));
    }
  }
  return d;
}

HashIndex::HashIndex(std::span<const std::uint64_t> sorted) : sorted_(sorted) {
  // About one hash per bucket: 2^bits ≥ the set's size.
  int bits = 0;
  while (bits < 22 && (std::size_t{1} << bits) < sorted.size()) ++bits;
  shift_ = 64 - bits;
  first_.resize((std::size_t{1} << bits) + 1);
  std::size_t i = 0;
  for (std::size_t b = 0; b + 1 < first_.size(); ++b) {
    while (i < sorted.size() && (bits == 0 ? 0 : sorted[i] >> shift_) < b) ++i;
    first_[b] = static_cast<std::uint32_t>(i);
  }
  first_.back() = static_cast<std::uint32_t>(sorted.size());
}

bool HashIndex::Contains(std::uint64_t h) const {
  const std::size_t b = shift_ == 64 ? 0 : h >> shift_;
  for (std::uint32_t i = first_[b]; i < first_[b + 1]; ++i) {
    if (sorted_[i] >= h) return sorted_[i] == h;
  }
  return false;
}

CopyFilter::CopyFilter(std::shared_ptr<const CopyFilterData> data, FilterLevel level)
    : data_(std::move(data)),
      level_(level),
      hasher_(data_->columns, data_->key),
      exact_(data_->exact),
      medium_(data_->medium),
      high_(data_->high) {}

void CopyFilter::Check(const Table& batch, std::span<std::uint8_t> reject,
                       RejectionCounts* counts) const {
  if (level_ == FilterLevel::kOff) return;
  const std::size_t n = batch.num_rows();
  const std::vector<std::uint64_t> exact = hasher_.Hash(batch, Granularity::kExact);
  const std::vector<std::uint64_t> medium = hasher_.Hash(batch, Granularity::kMedium);
  const std::vector<std::uint64_t> high =
      level_ == FilterLevel::kHigh ? hasher_.Hash(batch, Granularity::kHigh) : std::vector<std::uint64_t>{};
  for (std::size_t r = 0; r < n; ++r) {
    std::string_view reason;
    if (exact_.Contains(exact[r])) {
      reason = kExactCopyReason;
    } else if (medium_.Contains(medium[r]) || (level_ == FilterLevel::kHigh && high_.Contains(high[r]))) {
      reason = kNearCopyReason;
    }
    if (reason.empty()) continue;
    reject[r] = 1;
    if (counts != nullptr) ++(*counts)[std::string(reason)];
  }
}

}  // namespace ersatz::privacy
