// Raw cells to typed columns, as the schema says. Every cell that does not fit is reported with
// its file:line:column so the user can fix the data or the metadata.
#include <fmt/format.h>

#include <unordered_map>

#include "ersatz/error.h"
#include "ersatz/profile.h"
#include "profile/column_evidence.h"
#include "profile/parsed_numbers.h"
#include "table/datetime.h"
#include "table/value_parse.h"

namespace ersatz {

namespace {

// Long cells are cut so that one bad value does not flood the terminal.
std::string Shown(std::string_view text) {
  constexpr std::size_t kMax = 60;
  if (text.size() <= kMax) return std::string(text);
  return std::string(text.substr(0, kMax)) + "...";
}

[[noreturn]] void Mismatch(const RawTable& raw, std::size_t col, std::size_t row,
                           const std::string& expected) {
  throw DataError(fmt::format("{}: column '{}': expected {}, found \"{}\"", raw.Where(col, row),
                              raw.header[col], expected, Shown(raw.Field(col, row))));
}

void SetPresentation(const ColumnSpec& spec, int decimals_max, int fraction_max, Column* out) {
  const DatetimeFormat format = spec.datetime_format.value_or(DatetimeFormat{});
  out->set_float_decimals(decimals_max);
  out->datetime_format() = format;
  out->datetime_format().fraction_digits = std::max(format.fraction_digits, fraction_max);
  out->boolean_spelling() = spec.boolean_spelling.value_or(BooleanSpelling{});
}

void FillColumn(const RawTable& raw, std::size_t col, const ColumnSpec& spec, Column* out) {
  const auto& fields = raw.columns[col];
  const bool typed = spec.storage != ColumnKind::kCategorical && spec.storage != ColumnKind::kText;
  int decimals_max = 0, fraction_max = 0;
  const DatetimeFormat format = spec.datetime_format.value_or(DatetimeFormat{});
  const BooleanSpelling spelling = spec.boolean_spelling.value_or(BooleanSpelling{});
  for (std::size_t r = 0; r < fields.size(); ++r) {
    // Typed kinds treat an empty cell (even quoted) as missing; strings keep a quoted "".
    if ((fields[r].flags() & RawField::kNull) || (typed && fields[r].length() == 0)) {
      out->AppendNull();
      continue;
    }
    const std::string_view v = CellText(raw, fields[r]);
    switch (spec.storage) {
      case ColumnKind::kInteger: {
        std::int64_t x;
        if (!ParseInteger(v, &x)) Mismatch(raw, col, r, "an integer");
        out->AppendInteger(x);
        break;
      }
      case ColumnKind::kFloat: {
        double d;
        int decimals = 0;
        if (!ParseFloat(v, &d, &decimals)) Mismatch(raw, col, r, "a number");
        decimals_max = std::max(decimals_max, decimals);
        out->AppendFloat(d);
        break;
      }
      case ColumnKind::kBoolean:
        if (v == spelling.true_text) out->AppendBoolean(true);
        else if (v == spelling.false_text) out->AppendBoolean(false);
        else Mismatch(raw, col, r, fmt::format("\"{}\" or \"{}\"", spelling.true_text, spelling.false_text));
        break;
      case ColumnKind::kDatetime: {
        std::int64_t micros;
        int fraction = 0;
        if (!ParseDatetime(v, format, &micros, &fraction)) {
          Mismatch(raw, col, r, fmt::format("a datetime in the format {}", format.pattern));
        }
        fraction_max = std::max(fraction_max, fraction);
        out->AppendDatetime(micros);
        break;
      }
      case ColumnKind::kCategorical:
      case ColumnKind::kText: out->AppendString(v); break;
    }
  }
  SetPresentation(spec, decimals_max, fraction_max, out);
}

// The column from values parsed during inference: only the missing cells are looked at again.
void AdoptColumn(const RawTable& raw, std::size_t col, const ColumnSpec& spec,
                 ParsedNumbers* numbers, Column* out) {
  const auto& fields = raw.columns[col];
  std::vector<std::size_t> null_rows;
  for (std::size_t r = 0; r < fields.size(); ++r) {
    if (IsMissingCell(fields[r])) null_rows.push_back(r);
  }
  if (numbers->kind == ColumnKind::kInteger) {
    out->AdoptIntegers(std::move(numbers->ints), null_rows);
  } else {
    out->AdoptFloats(std::move(numbers->floats), null_rows);
  }
  SetPresentation(spec, numbers->float_decimals, 0, out);
  *numbers = ParsedNumbers{};
}

}  // namespace

Table BuildTable(const RawTable& raw, const Metadata& schema) {
  return BuildTable(raw, schema, nullptr);
}

Table BuildTable(const RawTable& raw, const Metadata& schema, std::vector<ParsedNumbers>* parsed) {
  std::unordered_map<std::string_view, std::size_t> index;
  for (std::size_t c = 0; c < raw.header.size(); ++c) index.emplace(raw.header[c], c);
  if (schema.columns.size() != raw.header.size()) {
    for (const auto& name : raw.header) {
      if (schema.Find(name) == nullptr) {
        throw ParameterError(fmt::format("{}: column '{}' has no type in the schema", raw.source, name));
      }
    }
  }
  Table table;
  for (const ColumnSpec& spec : schema.columns) {
    const auto it = index.find(spec.name);
    if (it == index.end()) {
      throw ParameterError(fmt::format("schema names column '{}', which {} does not have",
                                       spec.name, raw.source));
    }
    const std::size_t col = it->second;
    Column column(spec.name, spec.storage);
    ParsedNumbers* numbers =
        parsed != nullptr && col < parsed->size() ? &(*parsed)[col] : nullptr;
    // Inference parsed every cell with the same parser BuildTable uses: adopt, do not re-parse.
    if (numbers != nullptr && numbers->kind == spec.storage &&
        ((spec.storage == ColumnKind::kInteger && numbers->ints.size() == raw.num_rows()) ||
         (spec.storage == ColumnKind::kFloat && numbers->floats.size() == raw.num_rows()))) {
      AdoptColumn(raw, col, spec, numbers, &column);
    } else {
      column.Reserve(raw.num_rows());
      FillColumn(raw, col, spec, &column);
    }
    table.AddColumn(std::move(column));
  }
  return table;
}

}  // namespace ersatz
