// Mapping candidates (discover.h): a column determined by another, found by checking the
// functional dependency on dense value ids.
#include <algorithm>
#include <unordered_map>

#include "constraints/discover_internal.h"

namespace ersatz::constraints::discover {

namespace {

constexpr std::int32_t kMaxValues = 4096;    // entries of a table from a categorical column
constexpr std::size_t kMaxIntervals = 256;   // entries of a table from a number column
constexpr std::size_t kMinRowsPerEntry = 10;  // a table must be much smaller than the data

// Whether `child` looks like a function of `parent` on a shuffled scan: stops once more than 5%
// of the rows disagree with the first child value their parent value had.
bool QuickFunction(const Search& s, const Col& parent, const Col& child,
                   std::vector<std::int32_t>* first) {
  first->assign(static_cast<std::size_t>(parent.distinct), -1);
  const std::size_t limit = s.order.size() / 20 + 1;
  std::size_t conflicts = 0;
  for (const std::uint32_t r : s.order) {
    std::int32_t& seen = (*first)[static_cast<std::size_t>(parent.ids[r])];
    if (seen < 0) {
      seen = child.ids[r];
    } else if (seen != child.ids[r] && ++conflicts > limit) {
      return false;
    }
  }
  return true;
}

// Rows that agree with their parent value's most common child value, and how many entries the
// table needs: a categorical parent's values, or a number parent's runs of consecutive values
// with the same child, runs of fewer than `min_run` rows joining the one before (as
// Mapping::Fit does with value protection).
std::size_t MajorityHolds(const Col& parent, const Col& child, std::size_t min_run,
                          std::size_t* entries) {
  std::unordered_map<std::int64_t, std::size_t> counts;  // (parent id, child id) → rows
  const auto width = static_cast<std::int64_t>(child.distinct) + 1;
  for (std::size_t r = 0; r < parent.ids.size(); ++r) ++counts[parent.ids[r] * width + child.ids[r]];
  std::vector<std::size_t> best(static_cast<std::size_t>(parent.distinct), 0);
  std::vector<std::size_t> total(static_cast<std::size_t>(parent.distinct), 0);
  std::vector<std::int32_t> best_child(static_cast<std::size_t>(parent.distinct), -1);
  for (const auto& [key, n] : counts) {
    const auto p = static_cast<std::size_t>(key / width);
    const auto c = static_cast<std::int32_t>(key % width);
    total[p] += n;
    if (n > best[p] || (n == best[p] && c < best_child[p])) best[p] = n, best_child[p] = c;
  }
  std::size_t holds = 0;
  for (std::size_t n : best) holds += n;
  if (!parent.number) {
    *entries = static_cast<std::size_t>(parent.distinct);
    return holds;
  }
  // Runs over the values in order (ids are ranks; a null parent, last, is an entry of its own).
  struct Run {
    std::int32_t child;
    std::size_t rows;
  };
  std::vector<Run> runs;
  for (std::size_t p = 0; p < best_child.size(); ++p) {
    if (!runs.empty() && runs.back().child == best_child[p]) {
      runs.back().rows += total[p];
    } else {
      runs.push_back({best_child[p], total[p]});
    }
  }
  std::vector<Run> kept;
  for (const Run& run : runs) {
    if (run.rows < min_run && !kept.empty()) {
      continue;  // joins the run before: its rows now break the rule unless the child agrees
    }
    if (!kept.empty() && kept.back().child == run.child) {
      kept.back().rows += run.rows;
    } else {
      kept.push_back(run);
    }
  }
  *entries = kept.size();
  return holds;
}

// Rows in the order of a number column's values.
std::vector<std::uint32_t> ByValue(const Col& c) {
  std::vector<std::uint32_t> order(c.ids.size());
  for (std::uint32_t r = 0; r < order.size(); ++r) order[r] = r;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return c.ids[a] < c.ids[b]; });
  return order;
}

// A child of a number column changes value at most once per interval and twice per exception
// along the column's order: many more changes and it is no function of it.
bool FewChanges(const std::vector<std::uint32_t>& by_value, const Col& child, std::size_t limit) {
  std::size_t changes = 0;
  for (std::size_t i = 1; i < by_value.size(); ++i) {
    if (child.ids[by_value[i]] != child.ids[by_value[i - 1]] && ++changes > limit) return false;
  }
  return true;
}

}  // namespace

void ProposeMappings(const Search& s, std::vector<Proposal>* out) {
  const std::size_t rows = s.order.size();
  // Short runs of a number parent are left out like Mapping::Fit leaves them (5 to 7 rows with
  // value protection): 5 keeps the count of intervals close to what the table will hold.
  const std::size_t min_run = s.options.value_protection ? 5 : 1;
  const std::size_t change_limit = kMaxIntervals + rows / 50 + 1;
  std::vector<std::int32_t> first;
  auto may_be_child = [&](const Col& c) {
    return c.distinct >= 2 && c.distinct <= kMaxValues &&
           rows >= kMinRowsPerEntry * static_cast<std::size_t>(c.distinct);
  };
  for (std::size_t p = 0; p < s.cols.size(); ++p) {
    const Col& parent = s.cols[p];
    if (!parent.number && (parent.distinct > kMaxValues ||
                           rows < kMinRowsPerEntry * static_cast<std::size_t>(parent.distinct))) {
      continue;
    }
    std::vector<std::uint32_t> by_value;  // number parents, when a child needs it
    for (std::size_t c = 0; c < s.cols.size(); ++c) {
      const Col& child = s.cols[c];
      if (c == p || !may_be_child(child) || parent.distinct < child.distinct) continue;
      if (parent.number) {
        if (by_value.empty()) by_value = ByValue(parent);
        if (!FewChanges(by_value, child, change_limit)) continue;
      }
      if (!QuickFunction(s, parent, child, &first)) continue;
      std::size_t entries = 0;
      const std::size_t holds = MajorityHolds(parent, child, min_run, &entries);
      if (holds * 100 < rows * 99) continue;  // Convincing() decides; this only saves work
      if (parent.number && entries > kMaxIntervals) continue;
      if (rows < kMinRowsPerEntry * entries) continue;
      Proposal proposal;
      proposal.constraint.kind = Constraint::Kind::kMapping;
      proposal.constraint.columns = {child.column->name(), parent.column->name()};
      proposal.child = c;
      proposal.parents = {p};
      proposal.complexity = parent.number ? 5 : 4;
      out->push_back(std::move(proposal));
    }
  }
}

}  // namespace ersatz::constraints::discover
