#include "models/argn/conditions.h"

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <numeric>

#include "common/random.h"
#include "encode/categorical_encoder.h"
#include "ersatz/error.h"

namespace ersatz::argn {

namespace {

constexpr std::uint64_t kConditionedOrderStream = 0xC0D3;  // orders of the conditioned columns
// Every group of kRowsPerOrder rows gets its own random order of the conditioned columns:
// averaging over many orders is closer to the data than one order per batch (REFERENCE.md §1),
// and 256 rows still keep the products efficient.
constexpr std::size_t kRowsPerOrder = 256;
constexpr std::uint32_t kRedrawOrderKey = 0xFFFFFFFF;  // the order of a redraw: not a group's

// Rules walk a ruled column's sub-columns in order: the allowed codes of the next one depend on
// the codes already drawn for the earlier ones.
class RuleMask final : public CodeMask {
 public:
  RuleMask(const encode::TableEncoder& encoder, const RowConditions& conditions,
           std::span<const std::uint32_t> rows, std::span<const RowConditions::State> states,
           std::span<const int> column_of)
      : encoder_(encoder), conditions_(conditions), rows_(rows), column_of_(column_of) {
    restricts_.resize(column_of.size());
    for (std::size_t k = 0; k < column_of.size(); ++k) {
      restricts_[k] = states[column_of[k]] == RowConditions::State::kRuled;
    }
  }
  bool Restricts(int k) const override { return restricts_[k]; }
  void Weigh(int k, std::size_t r, const std::vector<std::span<std::int32_t>>& out,
             std::span<float> weight) const override {
    const int c = column_of_[k];
    const ColumnRule& rule = conditions_.rule(rows_[r], c);
    if (!rule.range) {
      for (std::size_t code = 0; code < weight.size(); ++code) weight[code] = rule.allowed[code];
      return;
    }
    const auto first = static_cast<int>(encoder_.first_sub(c));
    thread_local std::vector<std::int32_t> prefix;  // reused across rows
    prefix.resize(static_cast<std::size_t>(k - first + 1));
    for (int j = first; j < k; ++j) prefix[j - first] = out[j][r];
    const encode::ColumnEncoder& column = encoder_.encoder(c);
    for (std::size_t code = 0; code < weight.size(); ++code) {
      prefix.back() = static_cast<std::int32_t>(code);
      weight[code] = static_cast<float>(column.ReachShare(prefix, rule.lo, rule.hi));
    }
  }

 private:
  const encode::TableEncoder& encoder_;
  const RowConditions& conditions_;
  std::span<const std::uint32_t> rows_;  // the call's rows, as rows of `conditions_`
  std::span<const int> column_of_;
  std::vector<bool> restricts_;
};

}  // namespace

RowConditions::RowConditions(const encode::TableEncoder& encoder, std::size_t rows)
    : rows_(rows),
      columns_(encoder.num_columns()),
      subs_(encoder.sub_columns().size()),
      state_(rows * columns_, State::kFree),
      fixed_(rows * subs_, 0),
      rule_(rows * columns_, -1) {
  first_sub_.resize(columns_);
  for (std::size_t c = 0; c < columns_; ++c) first_sub_[c] = encoder.first_sub(c);
}

void RowConditions::Fix(std::size_t row, int column, std::span<const std::int32_t> codes) {
  state_[row * columns_ + column] = State::kFixed;
  std::copy(codes.begin(), codes.end(), fixed_.begin() + static_cast<long>(row * subs_ + first_sub_[column]));
}

int RowConditions::AddRule(ColumnRule rule) {
  rules_.push_back(std::move(rule));
  return static_cast<int>(rules_.size()) - 1;
}

void RowConditions::Restrict(std::size_t row, int rule) {
  const int column = rules_[rule].column;
  state_[row * columns_ + column] = State::kRuled;
  rule_[row * columns_ + column] = static_cast<std::int16_t>(rule);
}

RowConditions RowConditions::Take(std::span<const std::uint32_t> rows) const {
  RowConditions out = *this;
  out.rows_ = rows.size();
  out.state_.resize(rows.size() * columns_);
  out.rule_.resize(rows.size() * columns_);
  out.fixed_.resize(rows.size() * subs_);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::size_t r = rows[i];
    std::copy_n(state_.begin() + static_cast<long>(r * columns_), columns_, out.state_.begin() + static_cast<long>(i * columns_));
    std::copy_n(rule_.begin() + static_cast<long>(r * columns_), columns_, out.rule_.begin() + static_cast<long>(i * columns_));
    std::copy_n(fixed_.begin() + static_cast<long>(r * subs_), subs_, out.fixed_.begin() + static_cast<long>(i * subs_));
  }
  return out;
}

void SampleConditioned(const Network& network, const encode::TableEncoder& encoder,
                       const RowConditions& conditions, const ConditionedSampling& how,
                       std::vector<std::vector<std::int32_t>>* codes) {
  const std::size_t rows = conditions.rows();
  const int columns = static_cast<int>(encoder.num_columns());
  const int subs = static_cast<int>(encoder.sub_columns().size());
  std::vector<int> column_of(subs);
  for (int c = 0; c < columns; ++c) {
    for (auto k = encoder.first_sub(c); k < encoder.first_sub(c + 1); ++k) column_of[k] = c;
  }
  // Rows that condition the same columns share column orders: sort them together.
  std::vector<std::string> pattern(rows, std::string(columns, '\0'));
  for (std::size_t r = 0; r < rows; ++r) {
    for (int c = 0; c < columns; ++c) pattern[r][c] = static_cast<char>(conditions.state(r, c));
  }
  std::vector<std::uint32_t> sorted(rows);
  std::iota(sorted.begin(), sorted.end(), 0u);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return pattern[a] < pattern[b]; });

  // The chunks: rows of one pattern within one group, which share a column order.
  struct Chunk {
    std::size_t begin, end;
    std::uint64_t group;
  };
  std::vector<Chunk> chunks;
  const bool redraw = !how.row_ids.empty();
  for (std::size_t begin = 0; begin < rows;) {
    // Groups of kRowsPerOrder rows counted from row 0 of the run, as unconditional sampling
    // does, so that rows that share a pattern do not depend on the batch size.
    const std::uint64_t group = redraw ? kRedrawOrderKey : (how.first_row + begin) / kRowsPerOrder;
    const std::size_t group_end =
        redraw ? rows : static_cast<std::size_t>((group + 1) * kRowsPerOrder - how.first_row);
    std::size_t end = begin + 1;
    while (end < rows && end < group_end && pattern[sorted[end]] == pattern[sorted[begin]]) ++end;
    chunks.push_back({begin, end, group});
    begin = end;
  }

  // Chunk by chunk, each on one thread: one parallel region per call rather than several per
  // head and chunk, whose barriers cost more than the work when the cores are shared. A chunk's
  // codes do not depend on the thread that draws them.
  auto sample_chunk = [&](const Chunk& c, Network::Workspace& workspace) {
    const std::size_t n = c.end - c.begin;
    const std::span<const std::uint32_t> chunk(sorted.data() + c.begin, n);
    // Conditioned columns first, in a random order, then the free ones in the columns' own order:
    // the chain training walks most (TrainOptions::canonical_order_share).
    std::vector<RowConditions::State> states(columns);
    std::vector<int> given, free;
    for (int col = 0; col < columns; ++col) {
      states[col] = conditions.state(chunk[0], col);
      (states[col] == RowConditions::State::kFree ? free : given).push_back(col);
    }
    const auto key = static_cast<std::uint32_t>(c.group);
    Shuffle(std::span(given), how.seed, kConditionedOrderStream, key);
    std::vector<int> order = given;
    order.insert(order.end(), free.begin(), free.end());

    std::vector<std::vector<std::int32_t>> local(subs, std::vector<std::int32_t>(n));
    std::vector<bool> fixed(subs);
    std::vector<std::span<std::int32_t>> out;
    for (int k = 0; k < subs; ++k) {
      fixed[k] = states[column_of[k]] == RowConditions::State::kFixed;
      if (fixed[k]) {
        for (std::size_t i = 0; i < n; ++i) local[k][i] = conditions.fixed_code(chunk[i], k);
      }
      out.emplace_back(local[k].data(), n);
    }
    const RuleMask mask(encoder, conditions, chunk, states, column_of);
    std::vector<std::uint32_t> ids;
    if (redraw) {
      for (std::size_t i = 0; i < n; ++i) ids.push_back(how.row_ids[chunk[i]]);
    }
    network.Sample(workspace, network.PlanOrder(order), n, how.temperature, how.top_p, how.seed,
                   how.first_row + c.begin, fixed, out, &mask, ids);
    for (int k = 0; k < subs; ++k) {
      for (std::size_t i = 0; i < n; ++i) (*codes)[k][chunk[i]] = local[k][i];
    }
  };
  std::exception_ptr error;  // the first exception of any thread, rethrown here
#pragma omp parallel if (chunks.size() > 1)
  {
    Network::Workspace workspace;
#pragma omp for schedule(dynamic, 1)
    for (std::size_t i = 0; i < chunks.size(); ++i) {
      try {
        sample_chunk(chunks[i], workspace);
      } catch (...) {
#pragma omp critical(sample_conditioned_error)
        if (!error) error = std::current_exception();
      }
    }
  }
  if (error) std::rethrow_exception(error);
}

}  // namespace ersatz::argn
