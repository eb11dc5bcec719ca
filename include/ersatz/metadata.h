// The metadata file: one entry per column saying what it is. `ersatz profile --write-metadata`
// writes it from type inference; the user edits it to override any decision; every verb that
// reads a CSV accepts it with --metadata. JSON (.json) or YAML (.yaml / .yml).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <string_view>
#include <vector>

#include "ersatz/table.h"

namespace ersatz {

// What a column means. Storage follows from it: identifier columns are stored as integers when
// every value is an integer, otherwise as text.
enum class SemanticType : std::uint8_t {
  kInteger,
  kFloat,
  kBoolean,
  kDatetime,
  kCategorical,
  kText,
  kIdentifier,  // unique keys: regenerated, never learned
};

// "integer", "float", "boolean", "datetime", "categorical", "text", "identifier".
std::string_view SemanticTypeName(SemanticType type);
bool ParseSemanticType(std::string_view name, SemanticType* type);

struct ColumnSpec {
  std::string name;
  SemanticType type = SemanticType::kCategorical;
  ColumnKind storage = ColumnKind::kCategorical;  // how the Table holds it
  std::optional<DatetimeFormat> datetime_format;  // datetime only; inferred when absent
  std::optional<BooleanSpelling> boolean_spelling;  // boolean only; inferred when absent
  // Declared public, i.e. known without reading the data, so `fit --epsilon` takes them as given
  // and spends no privacy budget on them (docs/privacy.md). Values outside are treated as rare
  // (categories) or clipped (bounds).
  std::optional<std::vector<std::string>> categories;  // categorical / text: every possible value
  std::optional<std::pair<double, double>> bounds;     // integer / float: [min, max]
  std::string reason;  // why inference chose this type (shown by `ersatz profile`; not a key)
  // What inference could not type faithfully (integers beyond int64, kept as text), one sentence
  // naming the column; `profile` and `fit` print it. Not a key either.
  std::string warning;
};

// A rule the data obeys, which generated rows then obey by construction (docs/constraints.md):
//  - inequality: columns[0] <= columns[1] (numbers or datetimes);
//  - combination: the columns only take value combinations seen together (city → state);
//  - derived: columns[0] = expression over other columns (muparser syntax, plus row_number());
//  - mapping: columns[0] is determined by columns[1] (a code and its label, agegr = cut(age));
//    the lookup table (intervals for a number column) is learned from the data at fit time;
//  - unique: no two generated rows share a value of columns[0].
// Derived and mapping columns are computed, not learned. `learn` says what the model still
// learns of them: nothing (the rule holds on every row, checked), the rows that break the rule
// (exceptions), or, for a derived column, its ratio to the expression (an approximate rule).
// `ersatz fit` also discovers such rules in the data (constraints/discover.h).
struct Constraint {
  enum class Kind : std::uint8_t { kInequality, kCombination, kDerived, kMapping, kUnique };
  enum class Learn : std::uint8_t { kNothing, kExceptions, kRatio };
  Kind kind = Kind::kInequality;
  std::vector<std::string> columns;
  std::string expression;  // derived only
  Learn learn = Learn::kNothing;  // derived and mapping only
  // "start <= end", "city, state combined", "temp_f = temp_c * 9 / 5 + 32",
  // "agegr determined by age", "id unique"; " (exceptions learned)" or " (ratio learned)"
  // appended when learn says so.
  std::string Describe() const;
};

class Metadata {
 public:
  std::vector<ColumnSpec> columns;
  std::vector<Constraint> constraints;
  // Where the metadata came from (the file name Load/Parse* were given), for messages.
  std::string source;

  const ColumnSpec* Find(std::string_view name) const;

  // Loads a metadata file; the format follows the extension (.json, .yaml, .yml).
  // ParameterError naming the file and the offending key/column for unknown keys, unknown
  // types, duplicate columns or malformed documents; IoError when unreadable.
  static Metadata Load(const std::string& path);
  static Metadata ParseJson(std::string_view text, const std::string& source);
  static Metadata ParseYaml(std::string_view text, const std::string& source);

  std::string ToJson() const;
  std::string ToYaml() const;  // with each column's reason as a comment
  // Writes atomically, JSON or YAML by extension.
  void Save(const std::string& path) const;
};

}  // namespace ersatz
