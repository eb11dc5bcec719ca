// What the searches for discovered rules share (discover.h): the columns they may use, in forms
// quick to scan, and the proposals they return for discover.cc to measure and choose from.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "constraints/discover.h"

namespace ersatz::constraints::discover {

// A column the searches may use (not an identifier, datetime, free text or constrained column).
struct Col {
  std::size_t index = 0;  // in the table
  const Column* column = nullptr;
  bool number = false;         // integer or float
  std::vector<double> values;  // numbers: per row, NaN where null
  double step = 0;             // numbers: half the unit the column is rounded to (0: none)
  std::vector<std::int32_t> ids;  // per row: a dense id of the value (null has its own)
  std::int32_t distinct = 0;      // ids in use
  double mode_share = 0;          // rows holding the most common value (null included)
};

// How far a rule's value may be from v in a number column and still round to it.
double Tolerance(const Col& c, double v);

inline constexpr std::size_t kProbeRows = 64;
inline constexpr std::size_t kScreenRows = 500;  // to rank the parents of an approximate rule

struct Search {
  const Table& table;
  DiscoverOptions options;
  std::vector<Col> cols;
  std::vector<std::uint32_t> order;   // every row, shuffled: scans that stop early see a sample
  std::vector<std::uint32_t> probes;  // the first kProbeRows of `order`, for quick checks
  // Number columns at the probes: at[j][i] is cols[j] at probes[i] (NaN: null); has[j] has bit
  // i set when it is not null.
  std::vector<std::vector<double>> at;
  std::vector<std::uint64_t> has;
  // Number columns that are positive wherever they have a value: ln of each row (else empty),
  // and of the first kScreenRows rows of `order` side by side (NaN where null).
  std::vector<std::vector<double>> logs;
  std::vector<std::vector<double>> screen_logs;
};

// A rule for discover.cc to measure on every row: constraint.columns[0] is cols[child].
struct Proposal {
  Constraint constraint;
  std::size_t child = 0;
  std::vector<std::size_t> parents;  // indices into cols
  int complexity = 0;                // the simpler of two equally good rules wins
  double explained = 0;              // ratio rules: the share of the variance of log y
};

// k · Π column^exponent (exponents ±½, ±1, ±2, ...), written as an expression.
struct Monomial {
  double k = 1;
  std::vector<std::pair<std::size_t, double>> terms;  // (index into cols, exponent)
  // "10000 * weight / height^2", names[i] naming terms[i]'s column.
  std::string Expression(const std::vector<std::string>& names) const;
};

// The numbers within `slack` of v (but not 0, nor off by more than half of v), fewest decimals
// first, ending with v: 2, 1.8, 1.80000002 for 1.80000002 within 0.3.
std::vector<double> Snaps(double v, double slack);
// The first of Snaps: 1.8 for 1.80000002, 10000 for 9999.9999 within 0.001.
double Snap(double v, double slack);

// Mapping candidates: each discrete column against every column it could be a function of.
void ProposeMappings(const Search& search, std::vector<Proposal>* out);
// Exact arithmetic candidates among number columns (affine, sums, monomials).
void ProposeArithmetic(const Search& search, std::vector<Proposal>* out);
// The approximate monomial rule (learn = ratio) for cols[child] from the parents allowed (per
// index into cols), if one explains enough.
bool ProposeRatio(const Search& search, std::size_t child, const std::vector<bool>& parent_ok,
                  Proposal* out);

}  // namespace ersatz::constraints::discover
