#include "profile/column_evidence.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <unordered_set>
#include <vector>

#include "table/datetime.h"
#include "table/value_parse.h"

namespace ersatz {

namespace {

constexpr std::uint32_t kAllCandidates = 0xFFFFFFFFu;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

void GatherStringStats(const RawTable& raw, std::size_t col, ColumnEvidence* ev) {
  const auto& fields = raw.columns[col];
  std::unordered_set<std::string_view> distinct;
  distinct.reserve(std::min<std::size_t>(fields.size(), 1 << 16));
  std::size_t words = 0, values = 0;
  for (std::size_t r = 0; r < fields.size(); ++r) {
    if (IsMissingCell(fields[r])) continue;
    const std::string_view v = CellText(raw, fields[r]);
    ++values;
    distinct.insert(v);
    bool in_space = true;
    for (char c : v) {
      const bool space = IsSpace(c);
      if (space) ev->any_whitespace = true;
      if (in_space && !space) ++words;
      in_space = space;
    }
  }
  ev->has_string_stats = true;
  ev->distinct = distinct.size();
  ev->mean_words = values == 0 ? 0.0 : static_cast<double>(words) / values;
}

// A column kept as integers meets its first decimal: the cells before row `row` are parsed again
// from their text, so each double is exactly what ParseFloat (and BuildTable) gives ("-0" keeps
// its sign, which the int64 lost). False when one of them is not a float after all.
bool SwitchToFloats(const RawTable& raw, std::size_t col, std::size_t row, ParsedNumbers* parsed) {
  const auto& fields = raw.columns[col];
  parsed->kind = ColumnKind::kFloat;
  parsed->ints = {};
  parsed->floats.reserve(fields.size());
  for (std::size_t r = 0; r < row; ++r) {
    double d = 0.0;
    int decimals = 0;
    if (!IsMissingCell(fields[r]) && !ParseFloat(CellText(raw, fields[r]), &d, &decimals)) {
      return false;
    }
    parsed->floats.push_back(d);
    parsed->float_decimals = std::max(parsed->float_decimals, decimals);
  }
  return true;
}

// "123456789012345678901234": digits (and a sign) that are an integer, but not an int64.
bool BeyondInt64(std::string_view v) {
  std::size_t i = (!v.empty() && (v[0] == '-' || v[0] == '+')) ? 1 : 0;
  if (v.size() - i < 19 || v[i] == '0') return false;
  for (std::size_t k = i; k < v.size(); ++k) {
    if (v[k] < '0' || v[k] > '9') return false;
  }
  std::int64_t x;
  return !ParseInteger(v, &x);
}

// "1,5" (a decimal comma), "1,234,567.25" (thousands commas), "1.234,5" (both, European).
bool IsCommaNumber(std::string_view v) {
  static const RE2 kCommaNumber(R"([+-]?(\d+,\d+|\d{1,3}(,\d{3})+(\.\d+)?|\d{1,3}(\.\d{3})+,\d+))");
  return RE2::FullMatch(v, kCommaNumber);
}

// Sets ev->comma_number when every non-missing value is a number written with commas.
void FindCommaNumbers(const RawTable& raw, std::size_t col, ColumnEvidence* ev) {
  std::string_view example;
  for (const RawField& f : raw.columns[col]) {
    if (IsMissingCell(f)) continue;
    const std::string_view v = CellText(raw, f);
    if (!IsCommaNumber(v)) return;
    if (example.empty()) example = v;
  }
  ev->comma_number.assign(example);
}

// The % tokens of a pattern, in order ("%Y-%m-%d" and "%m/%d/%Y" both give "Ymd" once sorted).
std::string FieldsOf(std::string_view pattern) {
  std::string fields;
  for (std::size_t i = 0; i + 1 < pattern.size(); ++i) {
    if (pattern[i] == '%') fields += pattern[++i];
  }
  std::sort(fields.begin(), fields.end());
  return fields;
}

// Dates in several formats (two sources merged): each value is read by the first candidate
// that fits it. They make one datetime column when every value fits some candidate, the formats
// used spell the same fields (so writing all in the first loses nothing), and they do not mix
// month-first and day-first slash dates (then "03/04/2001" means two different days).
void FindMixedDatetimeFormats(const RawTable& raw, std::size_t col, ColumnEvidence* ev) {
  const auto& candidates = CandidateDatetimeFormats();
  const auto& fields = raw.columns[col];
  std::vector<std::size_t> used(candidates.size(), 0);
  int widest_fraction = 0;
  bool slash_fits_day_first = true;
  for (const RawField& f : fields) {
    if (IsMissingCell(f)) continue;
    const std::string_view v = CellText(raw, f);
    std::size_t i = 0;
    std::int64_t micros;
    int fraction = 0;
    while (i < candidates.size() && !ParseDatetime(v, candidates[i], &micros, &fraction)) ++i;
    if (i == candidates.size()) return;
    ++used[i];
    widest_fraction = std::max(widest_fraction, fraction);
    const std::string& p = candidates[i].pattern;
    if (slash_fits_day_first && p.rfind("%m/%d/%Y", 0) == 0) {
      const DatetimeFormat swapped{"%d/%m/%Y" + p.substr(8), 0};
      slash_fits_day_first = ParseDatetime(v, swapped, &micros);
    }
  }
  std::string pattern, counts, fields_of_first;
  bool month_first = false, day_first = false, same_fields = true;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (used[i] == 0) continue;
    const std::string& p = candidates[i].pattern;
    if (pattern.empty()) fields_of_first = FieldsOf(p);
    else same_fields &= FieldsOf(p) == fields_of_first;
    month_first |= p.rfind("%m/%d/%Y", 0) == 0;
    day_first |= p.rfind("%d/%m/%Y", 0) == 0;
    pattern += (pattern.empty() ? "" : "|") + p;
    counts += fmt::format("{}{} {}", counts.empty() ? "" : ", ", p, used[i]);
  }
  if (!same_fields || (month_first && day_first)) {
    ev->unmixable_datetimes = fmt::format(
        "{} ({})", !same_fields ? "dates in formats that spell different fields"
                                : "month-first and day-first dates together",
        counts);
    return;
  }
  ev->datetime_format = DatetimeFormat{pattern, widest_fraction};
  ev->mixed_datetime_counts = std::move(counts);
  ev->day_month_ambiguous = month_first && slash_fits_day_first;
}

}  // namespace

ColumnEvidence GatherEvidence(const RawTable& raw, std::size_t col, bool check_integer_distinct,
                              bool want_string_stats, ParsedNumbers* parsed) {
  const auto& fields = raw.columns[col];
  const auto& candidates = CandidateDatetimeFormats();
  ColumnEvidence ev;
  ev.rows = fields.size();
  bool is_int = true, is_num = true, is_bool = true;
  bool increasing = true;
  std::int64_t previous = 0, lowest = 0, highest = 0;
  std::vector<std::int64_t> ints;  // only for the distinctness check
  std::uint32_t dt_alive = candidates.size() >= 32 ? kAllCandidates
                                                   : (1u << candidates.size()) - 1;
  int widest_fraction = 0;
  std::optional<BooleanFamily> family;
  std::string true_text, false_text;

  // Values are kept while the column is numeric: int64 while every cell is an integer, then double.
  ParsedNumbers* keep = parsed;
  if (keep != nullptr) {
    *keep = ParsedNumbers{};
    keep->kind = ColumnKind::kInteger;
    keep->ints.reserve(fields.size());
  }

  for (const RawField& f : fields) ev.non_null += !IsMissingCell(f);
  std::size_t seen = 0;
  for (std::size_t r = 0; r < fields.size(); ++r) {
    if (IsMissingCell(fields[r])) {
      if (keep != nullptr) {
        if (is_int) keep->ints.push_back(0);
        else keep->floats.push_back(0.0);
      }
      continue;
    }
    const std::string_view v = CellText(raw, fields[r]);
    ++seen;
    // Each test runs only while its kind is alive; the loop stops once none is.
    if (is_int) {
      std::int64_t x;
      if (ParseInteger(v, &x)) {
        if (seen > 1 && x <= previous) increasing = false;
        previous = x;
        lowest = seen > 1 ? std::min(lowest, x) : x;
        highest = seen > 1 ? std::max(highest, x) : x;
        if (check_integer_distinct) ints.push_back(x);
        if (keep != nullptr) keep->ints.push_back(x);
      } else {
        is_int = false;
        if (BeyondInt64(v)) {
          ev.beyond_int64.assign(v);
          is_num = false;
          keep = nullptr;
        }
        // Only a decimal makes the kept integers worth converting; anything else ends keeping.
        int decimals;
        if (keep != nullptr && (!IsFloat(v, &decimals) || !SwitchToFloats(raw, col, r, keep))) {
          keep = nullptr;
        }
      }
    }
    if (is_num && !is_int) {
      int decimals = 0;
      double d;
      if (keep != nullptr && ParseFloat(v, &d, &decimals)) {
        keep->floats.push_back(d);
        keep->float_decimals = std::max(keep->float_decimals, decimals);
        ev.float_decimals = std::max(ev.float_decimals, decimals);
      } else {
        keep = nullptr;  // IsFloat alone decides; BuildTable parses if it is a float after all
        if (IsFloat(v, &decimals)) {
          ev.float_decimals = std::max(ev.float_decimals, decimals);
        } else {
          is_num = false;
        }
      }
      if (is_num && v.size() >= 19 && BeyondInt64(v)) {  // would be a double missing digits
        ev.beyond_int64.assign(v);
        is_num = false;
        keep = nullptr;
      }
    }
    if (is_bool) {
      BooleanFamily f;
      bool value;
      if (!ParseBooleanToken(v, &f, &value) || (family && *family != f)) {
        is_bool = false;
      } else {
        std::string& spelled = value ? true_text : false_text;
        // One spelling per value: "Yes" and "yes" in one column would not write back as read.
        if (spelled.empty()) spelled.assign(v);
        else if (spelled != v) is_bool = false;
        family = f;
      }
    }
    if (dt_alive != 0) {
      for (std::uint32_t bits = dt_alive; bits != 0; bits &= bits - 1) {
        const int i = __builtin_ctz(bits);
        std::int64_t micros;
        int fraction = 0;
        if (ParseDatetime(v, candidates[i], &micros, &fraction)) {
          widest_fraction = std::max(widest_fraction, fraction);
        } else {
          dt_alive &= ~(1u << i);
        }
      }
      if (dt_alive == 0) ev.first_non_datetime_row = r;
    }
    if (!is_int && !is_num && !is_bool && dt_alive == 0) break;
  }

  if (parsed != nullptr && (keep == nullptr || !is_num || ev.non_null == 0)) *parsed = ParsedNumbers{};

  ev.all_integer = is_int && ev.non_null > 0;
  ev.all_number = is_num && ev.non_null > 0;
  ev.wide_integers = ev.all_integer && static_cast<std::uint64_t>(highest) - static_cast<std::uint64_t>(lowest) >=
                                           (std::uint64_t{1} << 53);
  ev.all_boolean = is_bool && ev.non_null > 0;
  ev.integers_increasing = ev.all_integer && increasing;
  if (ev.all_integer && check_integer_distinct) {
    std::sort(ints.begin(), ints.end());
    ev.integers_distinct = std::adjacent_find(ints.begin(), ints.end()) == ints.end();
  }
  if (ev.all_boolean) {
    std::string storage;
    const std::string& known = true_text.empty() ? false_text : true_text;
    const std::string other(BooleanCounterpart(known, *family, !true_text.empty(), &storage));
    ev.boolean_spelling.true_text = true_text.empty() ? other : true_text;
    ev.boolean_spelling.false_text = false_text.empty() ? other : false_text;
  }
  if (dt_alive != 0 && ev.non_null > 0) {
    const int first = __builtin_ctz(dt_alive);
    ev.datetime_format = candidates[first];
    ev.datetime_format->fraction_digits = widest_fraction;
    const std::string& chosen = candidates[first].pattern;
    // The only candidates that can both fit are the month-first and day-first slash dates.
    ev.day_month_ambiguous = chosen.rfind("%m/%d/%Y", 0) == 0 && (dt_alive & (dt_alive - 1)) != 0;
  }
  if (!ev.all_number && !ev.all_boolean && !ev.datetime_format && ev.non_null > 0 &&
      ev.beyond_int64.empty()) {
    FindMixedDatetimeFormats(raw, col, &ev);
    if (!ev.datetime_format) FindCommaNumbers(raw, col, &ev);
  }
  const bool typed = ev.all_integer || ev.all_number || ev.all_boolean || ev.datetime_format;
  if (want_string_stats || ev.wide_integers || (!typed && ev.non_null > 0)) GatherStringStats(raw, col, &ev);
  return ev;
}

}  // namespace ersatz
