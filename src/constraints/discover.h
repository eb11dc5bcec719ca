// Rules the training data obeys that make a column a function of others, found at fit time so
// that the column is computed from the generated parents instead of learned — the "code or
// model" decision, made per column (docs/constraints.md, "Discovered rules"):
//  - derived, exact within the column's rounding: y = a·x + b (copies, unit conversions),
//    y = x1 + x2 (and so x1 = y − x2), y = k · x1^p1 · x2^p2 with p in {±1, ±2} (products,
//    ratios, bmi = 10000 · weight / height^2; solved for any of its columns);
//  - mapping: a column determined by another (a code and its label; a category cut from a
//    number, agegr from age);
//  - approximate, with the ratio learned: y ≈ k · x1^p1 (· x2^p2 · x3^p3), p a multiple of ½,
//    explaining ≥ 99% of the variance of log y (carat ≈ 0.0061 · x · y · z).
// An exact rule is kept when it gives the column's value on ≥ 99% of the rows, the table has at
// least 50 rows, and chance cannot explain it (the rule's hits, weighed against how often it hits
// when the parents come from another row, must carry ≥ 40 nats of evidence); the rows that break
// it are learned as exceptions. A column is computed by one rule only, from columns that are
// learned themselves; user-declared constraints win (their columns are left alone).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "ersatz/metadata.h"
#include "ersatz/table.h"

namespace ersatz::constraints {

struct DiscoverOptions {
  // As the encoders get them: mapping tables leave out parent values held by fewer rows than
  // value protection keeps, so those rows count against the rule.
  bool value_protection = true;
  std::uint64_t seed = 0;
  std::vector<std::string> learned;  // columns no rule may compute (they may be read)
};

// The searches cost O(m² log m) time for m columns: on a wider table only the first
// kMaxSearchedColumns searchable columns (in table order) are searched, so a 5,000-column table
// does not spend minutes here before training.
inline constexpr std::size_t kMaxSearchedColumns = 300;

struct DiscoverReport {
  std::size_t searchable = 0;  // columns the searches could use (not identifiers, dates, text, …)
  std::size_t searched = 0;    // of which searched: at most kMaxSearchedColumns
};

// The rules found in `table` (identifiers and columns of `schema.constraints` left out), as
// constraints: learn = nothing when the rule holds on every row, exceptions otherwise, ratio for
// approximate rules. Deterministic for a table and options. `report` (optional) gets how many
// columns were searched.
std::vector<Constraint> DiscoverRules(const Table& table, const Metadata& schema,
                                      const DiscoverOptions& options = {},
                                      DiscoverReport* report = nullptr);

}  // namespace ersatz::constraints
