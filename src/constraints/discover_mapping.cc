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
// table needs (number parents: runs of consecutive values with the same child).
std::size_t MajorityHolds(const Col& parent, const Col& child, std::size_t* entries) {
  std::unordered_map<std::int64_t, std::size_t> counts;  // (parent id, child id) → rows
  const auto width = static_cast<std::int64_t>(child.distinct) + 1;
  for (std::size_t r = 0; r < parent.ids.size(); ++r) ++counts[parent.ids[r] * width + child.ids[r]];
  std::vector<std::size_t> best(static_cast<std::size_t>(parent.distinct), 0);
  std::vector<std::int32_t> best_child(static_cast<std::size_t>(parent.distinct), -1);
  for (const auto& [key, n] : counts) {
    const auto p = static_cast<std::size_t>(key / width);
    const auto c = static_cast<std::int32_t>(key % width);
    if (n > best[p] || (n == best[p] && c < best_child[p])) best[p] = n, best_child[p] = c;
  }
  std::size_t holds = 0;
  for (std::size_t n : best) holds += n;
  if (!parent.number) {
    *entries = static_cast<std::size_t>(parent.distinct);
  } else {
    *entries = 0;
    for (std::size_t p = 0; p < best_child.size(); ++p) {
      if (p == 0 || best_child[p] != best_child[p - 1]) ++*entries;
    }
  }
  return holds;
}

}  // namespace

void ProposeMappings(const Search& s, std::vector<Proposal>* out) {
  const std::size_t rows = s.order.size();
  std::vector<std::int32_t> first;
  for (std::size_t c = 0; c < s.cols.size(); ++c) {
    const Col& child = s.cols[c];
    if (child.distinct < 2 || child.distinct > kMaxValues ||
        rows < kMinRowsPerEntry * static_cast<std::size_t>(child.distinct)) {
      continue;
    }
    for (std::size_t p = 0; p < s.cols.size(); ++p) {
      const Col& parent = s.cols[p];
      if (p == c || parent.distinct < child.distinct) continue;
      if (!parent.number && (parent.distinct > kMaxValues ||
                             rows < kMinRowsPerEntry * static_cast<std::size_t>(parent.distinct))) {
        continue;
      }
      if (!QuickFunction(s, parent, child, &first)) continue;
      std::size_t entries = 0;
      const std::size_t holds = MajorityHolds(parent, child, &entries);
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
