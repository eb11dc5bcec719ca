// ReachShare: walking a column's sub-columns and keeping only codes with a positive share always
// decodes inside the range and never dead-ends (the guarantee behind exact `--where` ranges).
#include <gtest/gtest.h>

#include <set>

#include "common/random.h"
#include "encode/encoder.h"
#include "table/civil.h"

namespace ersatz::encode {
namespace {

// Draws `walks` random code tuples, each sub-column uniform among the codes ReachShare allows;
// returns the decoded values (microseconds for datetimes).
std::vector<double> RandomWalks(const ColumnEncoder& enc, double lo, double hi, int walks) {
  const std::size_t subs = enc.sub_columns().size();
  std::vector<std::vector<std::int32_t>> codes(subs, std::vector<std::int32_t>(walks));
  for (int w = 0; w < walks; ++w) {
    RandomStream rng(7, 1, static_cast<std::uint32_t>(w));
    std::vector<std::int32_t> prefix;
    for (std::size_t k = 0; k < subs; ++k) {
      std::vector<std::int32_t> allowed;
      prefix.push_back(0);
      for (std::int32_t c = 0; c < enc.sub_columns()[k].cardinality; ++c) {
        prefix.back() = c;
        if (enc.ReachShare(prefix, lo, hi) > 0) allowed.push_back(c);
      }
      EXPECT_FALSE(allowed.empty()) << "dead end at " << enc.sub_columns()[k].name;
      if (allowed.empty()) return {};
      prefix.back() = allowed[rng.NextBelow(allowed.size())];
      codes[k][w] = prefix.back();
    }
  }
  std::vector<std::span<const std::int32_t>> in(codes.begin(), codes.end());
  Column decoded = enc.shape().MakeEmpty();
  enc.Decode(in, walks, 1, 0, &decoded);
  std::vector<double> values;
  for (int w = 0; w < walks; ++w) {
    EXPECT_FALSE(decoded.IsNull(w));
    values.push_back(decoded.kind() == ColumnKind::kFloat ? decoded.floats()[w]
                                                          : static_cast<double>(decoded.integers()[w]));
  }
  return values;
}

EncodeOptions NoProtection() { return {.value_protection = false, .seed = 0}; }

TEST(ReachShare, DigitWalksStayInsideTheRange) {
  Column c("amount", ColumnKind::kFloat);
  for (int i = 0; i < 3000; ++i) c.AppendFloat(static_cast<double>((i * 7919) % 200000) / 100.0);
  c.AppendNull();
  c.set_float_decimals(2);
  auto enc = FitEncoder(c, NoProtection());
  ASSERT_EQ(enc->method(), "numeric-digits");
  for (auto [lo, hi] : {std::pair{12.34, 12.34}, {99.995, 1000.0}, {0.0, 0.05}, {1500.5, 1e9}}) {
    for (double v : RandomWalks(*enc, lo, hi, 300)) {
      ASSERT_GE(v, lo - 1e-9) << lo << ".." << hi;
      ASSERT_LE(v, hi + 1e-9) << lo << ".." << hi;
    }
  }
  // The share weights a leading digit by how much of its block the range covers.
  const std::int32_t not_null[] = {0};
  EXPECT_DOUBLE_EQ(enc->ReachShare(not_null, 0, 1999.99), 1.0);
  const std::int32_t null[] = {1};
  EXPECT_EQ(enc->ReachShare(null, 0, 1999.99), 0.0);
}

TEST(ReachShare, DateWalksStayInsideTheRangeAcrossMonthEnds) {
  Column c("d", ColumnKind::kDatetime);
  for (int i = 0; i < 800; ++i) c.AppendDatetime((DaysFromCivil(2019, 1, 1) + i) * kMicrosPerDay);
  auto enc = FitEncoder(c, NoProtection());
  ASSERT_EQ(enc->method(), "datetime");
  const double lo = static_cast<double>(DaysFromCivil(2020, 2, 27) * kMicrosPerDay);
  // Noon on 2 March: snapped down to the whole day 2 March.
  const double hi = static_cast<double>(DaysFromCivil(2020, 3, 2) * kMicrosPerDay + 12 * 3600 * kMicrosPerSecond);
  std::set<double> days;
  for (double v : RandomWalks(*enc, lo, hi, 400)) {
    ASSERT_GE(v, lo);
    ASSERT_LE(v, hi);
    days.insert(v);
  }
  EXPECT_EQ(days.size(), 5u);  // 27, 28, 29 February, 1, 2 March 2020
}

}  // namespace
}  // namespace ersatz::encode
