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
      "the model may be undertrained; raise --max-invalid-fraction, or pass --no-validate "
      "(validators) or --privacy-filter off (copies)",
      100.0 * static_cast<double>(rejected) / static_cast<double>(drawn), list, limit);
}

// The unique columns' values as 64-bit fingerprints: of every row accepted so far, and of the
// batch being checked (kept per position, so redrawn rows update them without rebuilding tables).
class SeenValues {
 public:
  explicit SeenValues(const std::vector<std::string>& columns)
      : columns_(columns), seen_(columns.size()), batch_(columns.size()) {
    for (const auto& c : columns_) reasons_.push_back(c + " repeats an earlier row");
  }
  bool empty() const { return columns_.empty(); }

  // Records the fingerprints of the rows of `table` as those of batch positions `at`.
  void Load(const Table& table, std::span<const std::uint32_t> at, std::size_t batch_rows) {
    for (std::size_t u = 0; u < columns_.size(); ++u) {
      const int index = table.FindColumn(columns_[u]);
      if (index < 0) {
        throw DataError(fmt::format("unique column '{}' is not generated", columns_[u]));
      }
      const Column& col = table.column(static_cast<std::size_t>(index));
      batch_[u].resize(batch_rows, kNull);
      for (std::size_t i = 0; i < at.size(); ++i) {
        batch_[u][at[i]] = col.IsNull(i) ? kNull : std::hash<std::string>{}(col.FormatValue(i));
      }
    }
  }

  // Marks positions `check` (increasing) whose value repeats an accepted row, a batch row outside
  // `check` (unless `whole_batch`: then only earlier rows of `check` count), or an earlier row
  // of `check`. Rows already marked are neither checked nor counted as seen.
  void MarkRepeats(std::span<const std::uint32_t> check, bool whole_batch,
                   std::vector<std::uint8_t>& reject, RejectionCounts* counts) const {
    for (std::size_t u = 0; u < columns_.size(); ++u) {
      const std::vector<std::uint64_t>& fp = batch_[u];
      std::unordered_set<std::uint64_t> batch_seen;
      if (!whole_batch) {  // rows kept from earlier attempts count as seen
        std::size_t next = 0;
        for (std::uint32_t r = 0; r < fp.size(); ++r) {
          if (next < check.size() && check[next] == r) {
            ++next;
          } else if (fp[r] != kNull) {
            batch_seen.insert(fp[r]);
          }
        }
      }
      for (std::uint32_t r : check) {
        if (reject[r] || fp[r] == kNull) continue;
        if (seen_[u].contains(fp[r]) || !batch_seen.insert(fp[r]).second) {
          reject[r] = 1;
          ++(*counts)[reasons_[u]];
        }
      }
    }
  }
  // Accepts the batch's rows except positions `left_out` (increasing).
  void Remember(std::span<const std::uint32_t> left_out) {
    for (std::size_t u = 0; u < columns_.size(); ++u) {
      std::size_t next = 0;
      for (std::uint32_t r = 0; r < batch_[u].size(); ++r) {
        if (next < left_out.size() && left_out[next] == r) {
          ++next;
        } else if (batch_[u][r] != kNull) {
          seen_[u].insert(batch_[u][r]);
        }
      }
    }
  }

 private:
  // Stands for a null (a real value hashing to it would merely go unchecked).
  static constexpr std::uint64_t kNull = 0;
  std::vector<std::string> columns_;
  std::vector<std::string> reasons_;
  std::vector<std::unordered_set<std::uint64_t>> seen_;
  std::vector<std::vector<std::uint64_t>> batch_;
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
    // The batch's rows come from tables[0] (the first draw) or a redraw: row r is row
    // row_of[r] of tables[table_of[r]]; the final batch is gathered once, at the end.
    std::vector<Table> tables;
    tables.push_back(draw(first, n));
    std::vector<std::uint32_t> positions(n), table_of(n, 0);
    for (std::uint32_t r = 0; r < n; ++r) positions[r] = r;
    std::vector<std::uint32_t> row_of = positions;
    std::vector<std::uint32_t> pending;  // batch positions still rejected
    if (checking) {
      std::vector<std::uint8_t> reject = RunChecks(tables[0], checks, &report.rejected);
      if (!unique.empty()) {
        unique.Load(tables[0], positions, n);
        unique.MarkRepeats(positions, true, reject, &report.rejected);
      }
      for (std::uint32_t r = 0; r < n; ++r) {
        if (reject[r]) pending.push_back(r);
      }
    }
    drawn += n;
    rejected += pending.size();
    for (int attempt = 1; attempt <= limits.max_retries && !pending.empty(); ++attempt) {
      std::vector<std::uint32_t> ids(pending.size());
      for (std::size_t i = 0; i < pending.size(); ++i) {
        ids[i] = static_cast<std::uint32_t>(first + pending[i]);
      }
      tables.push_back(redraw(ids, attempt));
      const Table& again = tables.back();
      std::vector<std::uint8_t> reject = RunChecks(again, checks, &report.rejected);
      for (std::size_t i = 0; i < pending.size(); ++i) {
        table_of[pending[i]] = static_cast<std::uint32_t>(tables.size() - 1);
        row_of[pending[i]] = static_cast<std::uint32_t>(i);
      }
      if (!unique.empty()) {  // against the rows kept so far, in batch positions
        unique.Load(again, pending, n);
        std::vector<std::uint8_t> marks(n, 0);
        for (std::size_t i = 0; i < pending.size(); ++i) marks[pending[i]] = reject[i];
        unique.MarkRepeats(pending, false, marks, &report.rejected);
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
    unique.Remember(pending);
    if (!pending.empty()) {  // still invalid after the last retry: left out
      std::size_t next = 0, kept = 0;
      for (std::uint32_t r = 0; r < n; ++r) {
        if (next < pending.size() && pending[next] == r) {
          ++next;
        } else {
          table_of[kept] = table_of[r];
          row_of[kept++] = row_of[r];
        }
      }
      table_of.resize(kept);
      row_of.resize(kept);
    }
    const Table batch = tables.size() == 1 && pending.empty()
                            ? std::move(tables[0])
                            : GatherRows(tables, table_of, row_of);
    report.rows += batch.num_rows();
    if (batch.num_rows() > 0) sink(batch);
  }
  return report;
}

}  // namespace ersatz::validate
