#include "encode/identifier_generator.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <numeric>

#include "common/json_integer.h"
#include "common/random.h"
#include "encode/shape_json.h"
#include "ersatz/error.h"

namespace ersatz::encode {

using nlohmann::json;

namespace {

// A counter needs this many numbered values, and this share of their steps going up (in row
// order, or of the dates in id order, counting only steps between different dates).
constexpr std::size_t kMinCounterValues = 20;
constexpr double kMonotoneShare = 0.99;
// Steps between different dates a datetime order needs (a handful of dates order nothing).
constexpr std::size_t kMinDateSteps = 5;
// The dates' quantiles: one per this many rows, at most this many (a quantile is a statistic of
// many rows, never one row's date).
constexpr std::size_t kRowsPerQuantile = 20;
constexpr std::size_t kMaxQuantiles = 1024;
constexpr double kMaxStep = 1e15;
constexpr std::uint64_t kJitterStream = 0x1D57;
constexpr std::uint64_t kPermutationStream = 0x1D5;
constexpr std::uint64_t kUuidStream = 0x1D6;
constexpr std::uint64_t kUuidSpace = std::uint64_t{1} << 62;

struct Numbered {
  std::uint32_t row;
  std::int64_t value;
};

// Walking the rows in order of their id (`sorted`): how many steps between different dates of
// `dates` go up and how many go down (null dates are skipped).
std::pair<std::size_t, std::size_t> DateSteps(std::span<const Numbered> sorted, const Column& dates) {
  std::size_t up = 0, down = 0;
  bool any = false;
  std::int64_t previous = 0;
  for (const Numbered& n : sorted) {
    if (dates.IsNull(n.row)) continue;
    const std::int64_t d = dates.integers()[n.row];
    if (any) {
      up += d > previous;
      down += d < previous;
    }
    previous = d;
    any = true;
  }
  return {up, down};
}

// The parameters of the bijection x -> (a·x + b) mod space over the shape's mixed-radix digits;
// digits above a 2^62 space are fixed once per seed.
struct Permutation {
  std::vector<std::uint64_t> fixed;
  std::size_t varying_from = 0;
  std::uint64_t space = 1, a = 1, b = 0;

  Permutation(std::span<const std::uint64_t> radix, std::uint64_t seed) : fixed(radix.size(), 0) {
    RandomStream rng(seed, kPermutationStream, 0);
    varying_from = radix.size();
    while (varying_from > 0 && space <= (std::uint64_t{1} << 62) / radix[varying_from - 1]) {
      space *= radix[--varying_from];
    }
    for (std::size_t k = 0; k < varying_from; ++k) fixed[k] = rng.NextBelow(radix[k]);
    a = 1 + rng.NextBelow(space);
    while (std::gcd(a, space) != 1) a = a % space + 1;
    b = rng.NextBelow(space);
  }

  // The digits of position x; positions past the space count on in `overflow`.
  void Digits(std::span<const std::uint64_t> radix, std::uint64_t x, std::vector<std::uint64_t>* digits,
              std::uint64_t* overflow) const {
    *overflow = x / space;
    auto y = static_cast<std::uint64_t>((static_cast<unsigned __int128>(a) * (x % space) + b) % space);
    digits->resize(radix.size());
    for (std::size_t k = radix.size(); k-- > 0;) {
      if (k < varying_from) {
        (*digits)[k] = fixed[k];
      } else {
        (*digits)[k] = y % radix[k];
        y /= radix[k];
      }
    }
  }
};

// The smallest step a datetime format can spell, in microseconds.
std::int64_t TickOf(const DatetimeFormat& format) {
  const std::string& p = format.pattern;
  auto has = [&p](std::string_view token) { return p.find(token) != std::string::npos; };
  if (has("%f")) {
    std::int64_t tick = 1'000'000;
    for (int d = 0; d < format.fraction_digits && tick > 1; ++d) tick /= 10;
    return tick;
  }
  if (has("%S") || has("%s")) return 1'000'000;
  if (has("%M")) return 60'000'000;
  if (has("%H")) return 3'600'000'000;
  return 86'400'000'000;
}

}  // namespace

IdentifierGenerator::IdentifierGenerator(const Column& column, const Table& table,
                                         const EncodeOptions& options)
    : shape_(ColumnShape::Of(column)), speller_({}) {
  std::vector<Numbered> numbers;
  if (column.kind() == ColumnKind::kInteger) {
    std::int64_t lo = 1, hi = 1;
    for (std::size_t r = 0; r < column.size(); ++r) {
      if (column.IsNull(r)) continue;
      const std::int64_t v = column.integers()[r];
      lo = numbers.empty() ? v : std::min(lo, v);
      hi = numbers.empty() ? v : std::max(hi, v);
      numbers.push_back({static_cast<std::uint32_t>(r), v});
    }
    speller_ = IdSpeller(IntegerIdSegments(lo, hi));
  } else {
    std::vector<std::string> text;
    std::vector<std::uint32_t> rows;
    for (std::size_t r = 0; r < column.size(); ++r) {
      if (column.IsNull(r)) continue;
      text.push_back(column.FormatValue(r));
      rows.push_back(static_cast<std::uint32_t>(r));
    }
    const std::vector<std::string_view> values(text.begin(), text.end());
    speller_ = IdSpeller(LearnIdSegments(values));
    if (SoleNumberSegment(segments()) >= 0) {
      for (std::size_t i = 0; i < values.size(); ++i) {
        if (auto v = ParseIdNumber(segments(), values[i])) numbers.push_back({rows[i], *v});
      }
    }
  }
  if (numbers.size() < kMinCounterValues) return;

  std::size_t up = 0;
  for (std::size_t i = 1; i < numbers.size(); ++i) up += numbers[i].value > numbers[i - 1].value;
  const bool along_rows = static_cast<double>(up) >= kMonotoneShare * static_cast<double>(numbers.size() - 1);
  std::vector<Numbered> sorted = numbers;
  std::sort(sorted.begin(), sorted.end(), [](const Numbered& x, const Numbered& y) { return x.value < y.value; });
  // The datetime column the ids follow most finely (most steps up between different dates).
  std::size_t best_up = 0;
  for (std::size_t c = 0; c < table.num_columns() && options.dp == nullptr; ++c) {
    const Column& dates = table.column(c);
    if (dates.kind() != ColumnKind::kDatetime || dates.size() != column.size()) continue;
    const auto [date_up, date_down] = DateSteps(sorted, dates);
    if (date_up >= kMinDateSteps && date_up > best_up &&
        static_cast<double>(date_up) >= kMonotoneShare * static_cast<double>(date_up + date_down)) {
      best_up = date_up;
      order_column_ = dates.name();
    }
  }
  if (!order_column_.empty()) {
    order_ = Order::kDatetime;
    const Column& dates = table.column(static_cast<std::size_t>(table.FindColumn(order_column_)));
    std::vector<std::int64_t> d;
    for (const Numbered& n : numbers) {
      if (!dates.IsNull(n.row)) d.push_back(dates.integers()[n.row]);
    }
    std::sort(d.begin(), d.end());
    // Value protection: the T most extreme dates at each end set no quantile.
    const std::size_t t = options.value_protection ? static_cast<std::size_t>(ProtectionThreshold(options, order_column_)) : 0;
    const std::size_t lo = d.size() > 2 * t + 1 ? t : 0, hi = d.size() - 1 - lo;
    const std::size_t k = std::clamp<std::size_t>(d.size() / kRowsPerQuantile, 1, kMaxQuantiles);
    for (std::size_t i = 0; i <= k; ++i) date_quantiles_.push_back(d[lo + i * (hi - lo) / k]);
    date_tick_ = TickOf(dates.datetime_format());
  } else if (along_rows) {
    order_ = Order::kRows;
  } else {
    return;
  }
  start_ = sorted.front().value;
  step_ = std::max(1.0, static_cast<double>(sorted.back().value - sorted.front().value) /
                            static_cast<double>(sorted.size() - 1));
}

IdentifierGenerator::IdentifierGenerator(const json& j) : speller_({}) {
  shape_ = ShapeFromJson(j.at("column"));
  const bool integer = shape_.kind == ColumnKind::kInteger;
  if (!integer && shape_.kind != ColumnKind::kText && shape_.kind != ColumnKind::kCategorical) {
    throw ParameterError(fmt::format("identifier '{}': ids are integers or text, not {}", shape_.name,
                                     ColumnKindName(shape_.kind)));
  }
  if (!j.contains("segments")) {
    // Written before shapes were learned: integers counted up from the smallest id, strings
    // filled a character-class pattern.
    if (integer) {
      start_ = JsonIntegerOr<std::int64_t>(j, "start", 1, "identifier start");
      speller_ = IdSpeller(IntegerIdSegments(start_, start_));
      order_ = Order::kRows;
    } else {
      speller_ = IdSpeller(IdSegmentsFromLegacyPattern(j.value("pattern", std::string())));
    }
    return;
  }
  speller_ = IdSpeller(IdSegmentsFromJson(j.at("segments")));
  if (integer && (segments().size() != 1 || SoleNumberSegment(segments()) != 0)) {
    throw ParameterError(fmt::format("identifier '{}': an integer id is one digits segment", shape_.name));
  }
  if (!j.contains("counter")) return;
  const json& c = j.at("counter");
  const std::string order = c.at("order").get<std::string>();
  start_ = JsonInteger<std::int64_t>(c.at("start"), "start");
  step_ = c.at("step").get<double>();
  if (SoleNumberSegment(segments()) < 0 || !(step_ >= 1 && step_ <= kMaxStep)) {
    throw ParameterError(fmt::format(
        "identifier '{}': a counter needs one number segment and a step from 1 to 1e15", shape_.name));
  }
  if (order == "rows") {
    order_ = Order::kRows;
  } else if (order == "datetime") {
    order_ = Order::kDatetime;
    order_column_ = c.at("column").get<std::string>();
    date_quantiles_ = JsonIntegers<std::int64_t>(c.at("quantiles"), "quantiles");
    date_tick_ = JsonInteger<std::int64_t>(c.at("tick"), "tick");
    if (order_column_.empty() || date_quantiles_.size() < 2 || date_quantiles_.size() > kMaxQuantiles + 1 ||
        !std::is_sorted(date_quantiles_.begin(), date_quantiles_.end()) || date_tick_ < 1) {
      throw ParameterError(fmt::format(
          "identifier '{}': a datetime counter needs a column, 2 to 1025 sorted quantiles and a tick of 1 or more",
          shape_.name));
    }
  } else {
    throw ParameterError(fmt::format("identifier '{}': counter order is \"rows\" or \"datetime\", not \"{}\"",
                                     shape_.name, order));
  }
}

std::int64_t IdentifierGenerator::CounterAt(std::uint64_t position, double step, std::uint64_t seed) const {
  // start + ⌊position·step⌋ + a jitter below ⌊step⌋: strictly increasing in the position, with
  // the real mean step, and gaps that vary as real ones do.
  // (Saturated far beyond any real table, so a hostile model file cannot overflow it.)
  const long double offset = std::min(static_cast<long double>(position) * step, 4e18L);
  auto v = static_cast<std::uint64_t>(offset);
  const auto spread = static_cast<std::uint64_t>(step);
  if (spread > 1) {
    RandomStream rng(seed, kJitterStream ^ (position >> 32 << 16), static_cast<std::uint32_t>(position));
    v += rng.NextBelow(spread);
  }
  // Past the largest int64 the ids would wrap to negative numbers: refuse, naming the column.
  std::int64_t id;
  if (__builtin_add_overflow(start_, static_cast<std::int64_t>(v), &id)) {
    throw DataError(fmt::format(
        "identifier '{}': generated id number {} would pass the largest 64-bit integer, "
        "9223372036854775807 (the ids start at {}): sample fewer rows, or declare the column text "
        "in the metadata", shape_.name, position + 1, start_));
  }
  return id;
}

void IdentifierGenerator::Generate(std::size_t rows, std::uint64_t seed, std::uint64_t first_row,
                                   Column* column) const {
  std::vector<std::uint64_t> positions(rows);
  std::iota(positions.begin(), positions.end(), first_row);
  GenerateAt(positions, seed, column);
}

void IdentifierGenerator::GenerateAt(std::span<const std::uint64_t> positions, std::uint64_t seed,
                                     Column* column, double step) const {
  step = step >= 1 && step <= kMaxStep ? step : step_;
  const bool integer = shape_.kind == ColumnKind::kInteger;
  std::string value;
  if (order_ != Order::kNone) {
    for (const std::uint64_t p : positions) {
      const std::int64_t v = CounterAt(p, step, seed);
      if (integer) {
        column->AppendInteger(v);
        continue;
      }
      value.clear();
      speller_.SpellNumber(v, &value);
      column->AppendString(value);
    }
    return;
  }
  if (segments()[0].kind == IdSegment::Kind::kUuid) {
    // The low 62 bits are a bijection of the position (unique), the rest random.
    RandomStream params(seed, kUuidStream, 0);
    const std::uint64_t a = params.NextU64() | 1, b = params.NextU64();
    for (const std::uint64_t p : positions) {
      RandomStream rng(seed, kUuidStream + 1 + (p >> 32), static_cast<std::uint32_t>(p));
      value.clear();
      speller_.SpellUuid(rng.NextU64(), (a * p + b) % kUuidSpace, &value);
      column->AppendString(value);
    }
    return;
  }
  const std::vector<std::uint64_t>& radix = speller_.radices();
  const Permutation permutation(radix, seed);
  std::vector<std::uint64_t> digits;
  std::uint64_t overflow = 0;
  for (const std::uint64_t p : positions) {
    permutation.Digits(radix, p, &digits, &overflow);
    if (integer) {  // min + digit, past the range by whole ranges (unsigned: wraps, never UB)
      column->AppendInteger(static_cast<std::int64_t>(static_cast<std::uint64_t>(segments()[0].min) + digits[0] +
                                                      overflow * radix[0]));
      continue;
    }
    value.clear();
    speller_.Spell(digits, overflow, &value);
    column->AppendString(value);
  }
}

double IdentifierGenerator::ShareBefore(std::int64_t micros) const {
  const std::vector<std::int64_t>& q = date_quantiles_;
  if (q.size() < 2) return 0;
  // Interpolated inside the quantile interval (q[i-1], q[i]] that holds `micros`; a date many
  // rows share repeats as a quantile, so the share jumps across it.
  const auto i = static_cast<std::size_t>(std::lower_bound(q.begin(), q.end(), micros) - q.begin());
  if (i == 0) return 0;
  if (i == q.size()) return 1;
  const double lo = static_cast<double>(q[i - 1]);
  const double within = (static_cast<double>(micros) - lo) / (static_cast<double>(q[i]) - lo);
  return (static_cast<double>(i - 1) + within) / static_cast<double>(q.size() - 1);
}

std::pair<double, double> IdentifierGenerator::DateShare(std::int64_t micros) const {
  // A date stands for its whole tick (a day of a date-only column): the rows of one day spread
  // over the day's share rather than all aiming at its start.
  const std::int64_t next = micros <= std::numeric_limits<std::int64_t>::max() - date_tick_
                                ? micros + date_tick_
                                : std::numeric_limits<std::int64_t>::max();
  return {ShareBefore(micros), ShareBefore(next)};
}

json IdentifierGenerator::ToJson() const {
  json j = {{"column", ShapeToJson(shape_)}, {"segments", IdSegmentsToJson(segments())}};
  // What readers from before learned shapes use (they ignore the keys above).
  if (shape_.kind == ColumnKind::kInteger) {
    j["start"] = order_ == Order::kNone ? segments()[0].min : start_;
  } else {
    j["pattern"] = LegacyIdPattern(segments());
  }
  if (order_ == Order::kNone) return j;
  json c = {{"order", order_ == Order::kRows ? "rows" : "datetime"}, {"start", start_}, {"step", step_}};
  if (order_ == Order::kDatetime) {
    c["column"] = order_column_;
    c["quantiles"] = date_quantiles_;
    c["tick"] = date_tick_;
  }
  j["counter"] = c;
  return j;
}

}  // namespace ersatz::encode
