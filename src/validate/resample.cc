#include "validate/resample.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>

#include "ersatz/error.h"
#include "table/row_copy.h"

namespace ersatz::validate {

namespace {

// Runs every check on `batch`; returns the marks (1 = rejected).
std::vector<std::uint8_t> RunChecks(const Table& batch, std::span<const RowCheck* const> checks,
                                    RejectionCounts* counts) {
  std::vector<std::uint8_t> reject(batch.num_rows(), 0);
  for (const RowCheck* check : checks) check->Check(batch, reject, counts);
  return reject;
}

// "62% of generated rows were rejected (age above 90: 40%, …)", the three commonest reasons.
std::string TooManyRejected(std::size_t rejected, std::size_t drawn, const RejectionCounts& counts,
                            double limit) {
  std::vector<std::pair<std::size_t, std::string>> reasons;
  for (const auto& [reason, n] : counts) reasons.emplace_back(n, reason);
  std::sort(reasons.begin(), reasons.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::string list;
  for (std::size_t i = 0; i < std::min<std::size_t>(3, reasons.size()); ++i) {
    list += fmt::format("{}{}: {:.0f}%", i ? ", " : "", reasons[i].second,
                        100.0 * static_cast<double>(reasons[i].first) / static_cast<double>(drawn));
  }
  if (reasons.size() > 3) list += fmt::format(" and {} more", reasons.size() - 3);
  return fmt::format(
      "stopped: {:.0f}% of generated rows were rejected ({}), above --max-invalid-fraction {}; "
      "the model may be undertrained; raise --max-invalid-fraction or pass --no-validate",
      100.0 * static_cast<double>(rejected) / static_cast<double>(drawn), list, limit);
}

// Fingerprints of the values of the unique columns in the rows accepted so far.
class SeenValues {
 public:
  explicit SeenValues(const std::vector<std::string>& columns)
      : columns_(columns), seen_(columns.size()) {
    for (const auto& c : columns_) reasons_.push_back(c + " repeats an earlier row");
  }
  bool empty() const { return columns_.empty(); }

  // Marks rows `check` of `batch` (positions, increasing) whose value repeats an accepted row,
  // another row of the batch outside `check`, or an earlier row of `check`. Rows already marked
  // are neither checked nor remembered.
  void MarkRepeats(const Table& batch, std::span<const std::uint32_t> check, bool whole_batch,
                   std::vector<std::uint8_t>& reject, RejectionCounts* counts) const {
    for (std::size_t u = 0; u < columns_.size(); ++u) {
      const int index = batch.FindColumn(columns_[u]);
      if (index < 0)
        throw DataError(fmt::format("unique column '{}' is not generated", columns_[u]));
      const Column& col = batch.column(static_cast<std::size_t>(index));
      std::unordered_set<std::uint64_t> batch_seen;
      std::size_t next = 0;
      if (!whole_batch) {  // rows kept from earlier attempts count as seen
        for (std::uint32_t r = 0; r < col.size(); ++r) {
          if (next < check.size() && check[next] == r) {
            ++next;
          } else if (!col.IsNull(r)) {
            batch_seen.insert(Fingerprint(col, r));
          }
        }
      }
      for (std::uint32_t r : check) {
        if (reject[r] || col.IsNull(r)) continue;
        const std::uint64_t f = Fingerprint(col, r);
        if (seen_[u].contains(f) || !batch_seen.insert(f).second) {
          reject[r] = 1;
          ++(*counts)[reasons_[u]];
        }
      }
    }
  }
  void Remember(const Table& batch) {
    for (std::size_t u = 0; u < columns_.size(); ++u) {
      const Column& col = batch.column(static_cast<std::size_t>(batch.FindColumn(columns_[u])));
      for (std::size_t r = 0; r < col.size(); ++r) {
        if (!col.IsNull(r)) seen_[u].insert(Fingerprint(col, r));
      }
    }
  }

 private:
  static std::uint64_t Fingerprint(const Column& col, std::size_t r) {
    return std::hash<std::string>{}(col.FormatValue(r));
  }
  std::vector<std::string> columns_;
  std::vector<std::string> reasons_;
  std::vector<std::unordered_set<std::uint64_t>> seen_;
};

}  // namespace

SampleReport SampleChecked(std::size_t rows, std::size_t batch_rows,
                           std::span<const RowCheck* const> checks, const ResampleLimits& limits,
                           const DrawRows& draw, const RedrawRows& redraw,
                           const std::function<void(const Table& batch)>& sink) {
  SampleReport report;
  std::size_t drawn = 0, rejected = 0;
  batch_rows = std::max<std::size_t>(1, batch_rows);
  SeenValues unique(limits.unique_columns);
  const bool checking = !checks.empty() || !unique.empty();
  for (std::size_t first = 0; first < rows; first += batch_rows) {
    const std::size_t n = std::min(batch_rows, rows - first);
    Table batch = draw(first, n);
    std::vector<std::uint32_t> pending;  // batch positions still rejected
    if (checking) {
      std::vector<std::uint8_t> reject = RunChecks(batch, checks, &report.rejected);
      if (!unique.empty()) {
        std::vector<std::uint32_t> all(n);
        for (std::uint32_t r = 0; r < n; ++r) all[r] = r;
        unique.MarkRepeats(batch, all, true, reject, &report.rejected);
      }
      for (std::size_t r = 0; r < n; ++r) {
        if (reject[r]) pending.push_back(static_cast<std::uint32_t>(r));
      }
    }
    drawn += n;
    rejected += pending.size();
    for (int attempt = 1; attempt <= limits.max_retries && !pending.empty(); ++attempt) {
      std::vector<std::uint32_t> ids(pending.size());
      for (std::size_t i = 0; i < pending.size(); ++i)
        ids[i] = static_cast<std::uint32_t>(first + pending[i]);
      const Table again = redraw(ids, attempt);
      std::vector<std::uint8_t> reject = RunChecks(again, checks, &report.rejected);
      batch = ReplaceRows(batch, pending, again);
      if (!unique.empty()) {  // against the rows kept so far, in batch positions
        std::vector<std::uint8_t> marks(n, 0);
        for (std::size_t i = 0; i < pending.size(); ++i) marks[pending[i]] = reject[i];
        unique.MarkRepeats(batch, pending, false, marks, &report.rejected);
        for (std::size_t i = 0; i < pending.size(); ++i) reject[i] = marks[pending[i]];
      }
      drawn += pending.size();
      report.resampled += pending.size();
      std::vector<std::uint32_t> still;
      for (std::size_t i = 0; i < pending.size(); ++i) {
        if (reject[i]) still.push_back(pending[i]);
      }
      rejected += still.size();
      pending = std::move(still);
    }
    if (static_cast<double>(rejected) > limits.max_invalid_fraction * static_cast<double>(drawn)) {
      throw DataError(
          TooManyRejected(rejected, drawn, report.rejected, limits.max_invalid_fraction));
    }
    if (!pending.empty()) {  // still invalid after the last retry: left out
      std::vector<std::uint32_t> keep;
      std::size_t next = 0;
      for (std::uint32_t r = 0; r < n; ++r) {
        if (next < pending.size() && pending[next] == r) {
          ++next;
        } else {
          keep.push_back(r);
        }
      }
      batch = batch.Take(keep);
    }
    unique.Remember(batch);
    report.rows += batch.num_rows();
    if (batch.num_rows() > 0) sink(batch);
  }
  return report;
}

}  // namespace ersatz::validate
