// Identifiers that look real: shapes learned from the values, counters that stay counters (in row
// order or in the order of a date), uniqueness, and the model-file JSON.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "common/random.h"
#include "encode/dp_statistics.h"
#include "encode/identifier_generator.h"
#include "encode/identifier_order.h"
#include "encode/table_encoder.h"
#include "ersatz/error.h"

namespace ersatz::encode {
namespace {

using Kind = IdSegment::Kind;
using nlohmann::json;

std::vector<IdSegment> Learn(const std::vector<std::string>& values) {
  const std::vector<std::string_view> views(values.begin(), values.end());
  return LearnIdSegments(views);
}

IdSegment Lit(std::string text) { return {.kind = Kind::kLiteral, .text = std::move(text)}; }
IdSegment Digits(int width, std::int64_t min, std::int64_t max) {
  return {.kind = Kind::kDigits, .width = width, .min = min, .max = max};
}
IdSegment Chars(std::string alphabet, int length) {
  return {.kind = Kind::kChars, .text = std::move(alphabet), .length = length};
}

std::string RandomHex(RandomStream& rng, int length, const char* digits) {
  std::string s;
  for (int i = 0; i < length; ++i) s += digits[rng.NextBelow(16)];
  return s;
}

TEST(IdentifierShape, KeepsAConstantPrefixAndTheZeroPaddedWidth) {
  std::vector<std::string> values;
  for (int i = 1; i <= 300; ++i) values.push_back(fmt::format("17-{:06d}", i));
  EXPECT_EQ(Learn(values), (std::vector<IdSegment>{Lit("17-"), Digits(6, 1, 300)}));
}

TEST(IdentifierShape, UnpaddedNumbersKeepNoWidth) {
  std::vector<std::string> values;
  for (int i = 5; i <= 1500; i += 5) values.push_back(fmt::format("INV/{}", i));
  EXPECT_EQ(Learn(values), (std::vector<IdSegment>{Lit("INV/"), Digits(0, 5, 1500)}));
}

TEST(IdentifierShape, SplitsLettersFromDigitsAndKeepsSharedAffixes) {
  std::vector<std::string> values;
  for (int i = 0; i < 200; ++i) {
    values.push_back(fmt::format("{}{}-{:04d}x", char('A' + i % 3), char('K' + i % 7), i * 7));
  }
  EXPECT_EQ(Learn(values), (std::vector<IdSegment>{Chars("ABC", 1), Chars("KLMNOPQ", 1), Lit("-"),
                                                   Digits(4, 0, 1393), Lit("x")}));
  // Letters keep an alphabet per position when they have one length.
  std::vector<std::string> states;
  for (int i = 0; i < 100; ++i) states.push_back(fmt::format("{}{}{}", "NCT"[i % 3], "YAX"[i % 3], i));
  EXPECT_EQ(Learn(states), (std::vector<IdSegment>{Chars("CNT", 1), Chars("AXY", 1), Digits(0, 0, 99)}));
}

TEST(IdentifierShape, HexKeepsItsCaseAndUuidsStayUuids) {
  RandomStream rng(1, 2, 3);
  std::vector<std::string> lower, upper, uuids;
  for (int i = 0; i < 100; ++i) {
    lower.push_back(RandomHex(rng, 12, "0123456789abcdef"));
    upper.push_back("0x" + RandomHex(rng, 8, "0123456789ABCDEF"));
    uuids.push_back(fmt::format("{}-{}-4{}-a{}-{}", RandomHex(rng, 8, "0123456789abcdef"),
                                RandomHex(rng, 4, "0123456789abcdef"), RandomHex(rng, 3, "0123456789abcdef"),
                                RandomHex(rng, 3, "0123456789abcdef"), RandomHex(rng, 12, "0123456789abcdef")));
  }
  EXPECT_EQ(Learn(lower), (std::vector<IdSegment>{Chars("0123456789abcdef", 12)}));
  EXPECT_EQ(Learn(upper), (std::vector<IdSegment>{Lit("0x"), Chars("0123456789ABCDEF", 8)}));
  EXPECT_EQ(Learn(uuids), (std::vector<IdSegment>{{.kind = Kind::kUuid}}));
}

TEST(IdentifierShape, TooFewValuesKeepOnlyCharacterClasses) {
  // Four values: "Smith" is shared, but keeping it would keep these people's name.
  const auto segments = Learn({"Smith-17", "Smith-23", "Smith-31", "Smith-99"});
  EXPECT_EQ(segments, (std::vector<IdSegment>{Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1),
                                              Chars("abcdefghijklmnopqrstuvwxyz", 4), Lit("-"), Digits(2, 0, 99)}));
}

TEST(IdentifierShape, FollowsTheMostCommonLayout) {
  std::vector<std::string> values;
  for (int i = 0; i < 50; ++i) values.push_back(fmt::format("P-{:03d}", i));
  values.push_back("legacy_7");
  EXPECT_EQ(Learn(values), (std::vector<IdSegment>{Lit("P-"), Digits(3, 0, 49)}));
}

// A stops-like table: ids "17-000001".. counting up with the date (`per_day` stops a day from
// 2017-01-01); a category beside them.
Table StopsTable(std::size_t rows, std::size_t per_day = 7) {
  Column id("stop_id", ColumnKind::kText), date("stop_date", ColumnKind::kDatetime), race("race", ColumnKind::kCategorical);
  const std::int64_t day = 86'400'000'000;
  for (std::size_t r = 0; r < rows; ++r) {
    id.AppendString(fmt::format("17-{:06d}", r + 1));
    date.AppendDatetime(1'483'228'800'000'000 + static_cast<std::int64_t>(r / per_day) * day);
    race.AppendString(r % 3 ? "white" : "black");
  }
  Table t;
  t.AddColumn(id);
  t.AddColumn(date);
  t.AddColumn(race);
  return t;
}

TEST(IdentifierGenerator, LearnsACounterThatGrowsWithADate) {
  const Table t = StopsTable(700);
  const IdentifierGenerator g(t.column(0), t, {});
  EXPECT_EQ(g.order(), IdentifierGenerator::Order::kDatetime);
  EXPECT_EQ(g.order_column(), "stop_date");
  EXPECT_EQ(g.start(), 1);
  EXPECT_DOUBLE_EQ(g.step(), 1.0);
  // Day 50 holds rows 350..356: shares 0.5 to 0.51 of the real order.
  const auto [below, upto] = g.DateShare(1'483'228'800'000'000 + 50 * 86'400'000'000);
  EXPECT_NEAR(below, 0.5, 0.015);
  EXPECT_NEAR(upto, 0.51, 0.015);
  EXPECT_LE(below, upto);
}

TEST(IdentifierGenerator, NoDateOrderUnderDifferentialPrivacy) {
  const Table t = StopsTable(700);
  DpStatistics dp;
  const IdentifierGenerator g(t.column(0), t, {.dp = &dp});
  // The file's order still counts (the shape is public under DP, docs/privacy.md); the dates'
  // quantiles would not be.
  EXPECT_EQ(g.order(), IdentifierGenerator::Order::kRows);
}

TEST(IdentifierGenerator, RowCountersKeepStartStepAndWidthAndNeverRepeat) {
  Column id("id", ColumnKind::kInteger), code("code", ColumnKind::kText);
  for (int i = 0; i < 200; ++i) {
    id.AppendInteger(1000 + 3 * i);
    code.AppendString(fmt::format("C{:05d}", 10 + i));
  }
  Table t;
  t.AddColumn(id);
  t.AddColumn(code);
  const IdentifierGenerator ints(t.column(0), t, {}), codes(t.column(1), t, {});
  EXPECT_EQ(ints.order(), IdentifierGenerator::Order::kRows);
  EXPECT_EQ(ints.start(), 1000);
  EXPECT_DOUBLE_EQ(ints.step(), 3.0);
  Column a = ints.shape().MakeEmpty(), b = codes.shape().MakeEmpty();
  ints.Generate(300, 5, 0, &a);
  ints.Generate(300, 5, 300, &a);  // a second batch continues the first
  codes.Generate(600, 5, 0, &b);
  EXPECT_GE(a.integers()[0], 1000);  // a jitter below the step of 3
  EXPECT_LE(a.integers()[0], 1002);
  for (std::size_t r = 1; r < 600; ++r) {
    ASSERT_GT(a.integers()[r], a.integers()[r - 1]);
    ASSERT_LE(a.integers()[r] - a.integers()[r - 1], 5);
    ASSERT_GT(b.text(r), b.text(r - 1));
  }
  EXPECT_NEAR(static_cast<double>(a.integers()[599] - a.integers()[0]) / 599, 3.0, 0.05);
  EXPECT_EQ(b.text(0), "C00010");
  EXPECT_EQ(b.text(599), "C00609");
}

TEST(IdentifierGenerator, ShuffledIdsArePermutedWithinTheirRange) {
  Column id("id", ColumnKind::kInteger), hex("hex", ColumnKind::kText);
  RandomStream rng(4, 5, 6);
  std::vector<std::int64_t> values(500);
  for (int i = 0; i < 500; ++i) values[i] = 1 + i;
  Shuffle(std::span(values), 1, 2, 3);
  for (std::int64_t v : values) {
    id.AppendInteger(v);
    hex.AppendString(RandomHex(rng, 10, "0123456789ABCDEF"));
  }
  Table t;
  t.AddColumn(id);
  t.AddColumn(hex);
  const IdentifierGenerator ints(t.column(0), t, {}), hexes(t.column(1), t, {});
  EXPECT_EQ(ints.order(), IdentifierGenerator::Order::kNone);
  Column a = ints.shape().MakeEmpty(), b = hexes.shape().MakeEmpty();
  ints.Generate(500, 9, 0, &a);
  hexes.Generate(500, 9, 0, &b);
  std::set<std::int64_t> seen(a.integers().begin(), a.integers().end());
  EXPECT_EQ(seen.size(), 500u);  // a permutation of 1..500
  EXPECT_EQ(*seen.begin(), 1);
  EXPECT_EQ(*seen.rbegin(), 500);
  std::set<std::string> codes;
  for (std::size_t r = 0; r < b.size(); ++r) {
    const std::string v(b.text(r));
    ASSERT_EQ(v.size(), 10u);
    ASSERT_EQ(v.find_first_not_of("0123456789ABCDEF"), std::string::npos) << v;
    codes.insert(v);
  }
  EXPECT_EQ(codes.size(), 500u);
}

TEST(IdentifierGenerator, UuidsComeOutAsVersionFourUuidsInTheirCase) {
  RandomStream rng(1, 2, 3);
  Column uuid("uuid", ColumnKind::kText);
  for (int i = 0; i < 50; ++i) {
    uuid.AppendString(fmt::format("{}-{}-1{}-8{}-{}", RandomHex(rng, 8, "0123456789ABCDEF"),
                                  RandomHex(rng, 4, "0123456789ABCDEF"), RandomHex(rng, 3, "0123456789ABCDEF"),
                                  RandomHex(rng, 3, "0123456789ABCDEF"), RandomHex(rng, 12, "0123456789ABCDEF")));
  }
  Table t;
  t.AddColumn(uuid);
  const IdentifierGenerator g(t.column(0), t, {});
  Column out = g.shape().MakeEmpty();
  g.Generate(1000, 4, 0, &out);
  std::set<std::string> seen;
  for (std::size_t r = 0; r < out.size(); ++r) {
    const std::string v(out.text(r));
    ASSERT_EQ(v.size(), 36u);
    for (std::size_t i : {8, 13, 18, 23}) ASSERT_EQ(v[i], '-') << v;
    ASSERT_EQ(v[14], '4') << v;
    ASSERT_NE(std::string("89AB").find(v[19]), std::string::npos) << v;
    ASSERT_EQ(v.find_first_not_of("0123456789ABCDEF-"), std::string::npos) << v;
    seen.insert(v);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(IdentifierGenerator, StaysUniquePastTheSpaceOfItsShape) {
  Column code("code", ColumnKind::kText);
  for (int i = 0; i < 40; ++i) code.AppendString(fmt::format("{}{}", char('A' + i % 26), char('a' + (i * 7) % 26)));
  Table t;
  t.AddColumn(code);
  const IdentifierGenerator g(t.column(0), t, {});
  Column out = g.shape().MakeEmpty();
  g.Generate(2000, 1, 0, &out);  // 26 × 26 = 676 two-letter codes
  std::set<std::string> seen;
  for (std::size_t r = 0; r < out.size(); ++r) seen.insert(std::string(out.text(r)));
  EXPECT_EQ(seen.size(), 2000u);
  EXPECT_EQ(out.text(0).size(), 2u);
}

TEST(FreeSlots, FindsTheNearestFreePositionAcrossWords) {
  FreeSlots slots(300);
  EXPECT_EQ(slots.Nearest(7), 7u);
  for (std::uint64_t p = 0; p < 200; ++p) slots.Take(p);
  EXPECT_EQ(slots.Nearest(0), 200u);
  EXPECT_EQ(slots.Nearest(299), 299u);
  slots.Take(299);
  EXPECT_EQ(slots.Nearest(299), 298u);
  FreeSlots two(10'000);  // searches skip whole taken words and summary words
  for (std::uint64_t p = 0; p < 10'000; ++p) {
    if (p != 3 && p != 9'000) two.Take(p);
  }
  EXPECT_EQ(two.Nearest(5'000), 9'000u);  // 4,000 above, 4,997 below
  EXPECT_EQ(two.Nearest(4'000), 3u);
}

TEST(FreeSlots, TiesGoDownAndAFullSetHasNone) {
  FreeSlots slots(130);
  for (std::uint64_t p = 0; p < 130; ++p) {
    if (p != 60 && p != 70) slots.Take(p);
  }
  EXPECT_EQ(slots.Nearest(65), 60u);
  EXPECT_EQ(slots.Nearest(66), 70u);
  slots.Take(60);
  slots.Take(70);
  EXPECT_EQ(slots.Nearest(65), FreeSlots::kNone);
}

TEST(FreeSlots, LooksWithinARangeFirst) {
  FreeSlots slots(100);
  for (std::uint64_t p = 20; p < 30; ++p) slots.Take(p);
  EXPECT_EQ(slots.Nearest(21, 18, 40), 19u);  // nearest, and inside
  EXPECT_EQ(slots.Nearest(21, 20, 40), 30u);  // 19 is nearer but outside [20, 40)
  slots.Take(30);
  slots.Take(35);
  EXPECT_EQ(slots.Nearest(30, 25, 32), 31u);
  slots.Take(31);
  EXPECT_EQ(slots.Nearest(30, 25, 32), 32u);  // the range is full: anywhere
}

// Sampled rows for IdentifierOrder: ids to be rewritten, and uniform days (as the real ones
// are) in random order.
Table SampledStops(std::size_t rows, RandomStream& rng) {
  Column id("stop_id", ColumnKind::kText), date("stop_date", ColumnKind::kDatetime);
  for (std::size_t r = 0; r < rows; ++r) {
    id.AppendString("placeholder");
    date.AppendDatetime(1'483'228'800'000'000 + static_cast<std::int64_t>(rng.NextBelow(500)) * 86'400'000'000);
  }
  Table t;
  t.AddColumn(id);
  t.AddColumn(date);
  return t;
}

// (date, id) of every row, in output order.
using Rows = std::vector<std::pair<std::int64_t, std::string>>;

void ExpectDateOrder(const Rows& rows) {
  for (std::size_t a = 0; a < rows.size(); ++a) {
    for (std::size_t b = 0; b < rows.size(); ++b) {
      if (rows[a].first < rows[b].first) ASSERT_LT(rows[a].second, rows[b].second);
    }
  }
}

TEST(IdentifierOrder, OneChunkGetsDenseIdsExactlyInDateOrder) {
  const Table real = StopsTable(3500);  // 500 days
  Metadata schema;
  schema.columns = {{.name = "stop_id", .type = SemanticType::kIdentifier, .storage = ColumnKind::kText}};
  const TableEncoder encoder = TableEncoder::Fit(real, schema, {});
  EXPECT_EQ(IdentifierOrder::ChunkRows(encoder, 4096), std::uint64_t{1} << 20);  // 4M cells / 3 columns, capped
  IdentifierOrder order(encoder, 5000, 5000, 7);
  ASSERT_FALSE(order.empty());
  RandomStream rng(8, 9, 10);
  Table t = SampledStops(5000, rng);
  order.Apply(&t);
  Rows rows;
  std::set<std::string> ids;
  for (std::size_t r = 0; r < t.num_rows(); ++r) {
    rows.emplace_back(t.column(1).integers()[r], std::string(t.column(0).text(r)));
    ids.insert(rows.back().second);
  }
  ExpectDateOrder(rows);
  EXPECT_EQ(ids.size(), 5000u);
  EXPECT_EQ(*ids.begin(), "17-000001");
  EXPECT_EQ(*ids.rbegin(), "17-005000");
}

TEST(IdentifierOrder, ChunksWrittenOneAfterAnotherStayUniqueAndNearTheirDates) {
  const Table real = StopsTable(35'000, 70);  // 500 days
  Metadata schema;
  schema.columns = {{.name = "stop_id", .type = SemanticType::kIdentifier, .storage = ColumnKind::kText}};
  const TableEncoder encoder = TableEncoder::Fit(real, schema, {});
  const std::size_t rows = 40'000, chunk = 10'000;
  IdentifierOrder order(encoder, rows, chunk, 7);
  RandomStream rng(8, 9, 10);
  Rows all;
  for (std::size_t first = 0; first < rows; first += chunk) {
    Table t = SampledStops(chunk, rng);
    order.Apply(&t);
    Rows rows_of_chunk;
    for (std::size_t r = 0; r < chunk; ++r) {
      rows_of_chunk.emplace_back(t.column(1).integers()[r], std::string(t.column(0).text(r)));
      ASSERT_EQ(rows_of_chunk.back().second.substr(0, 3), "17-");
      ASSERT_EQ(rows_of_chunk.back().second.size(), 9u);
    }
    if (first == 0) ExpectDateOrder(rows_of_chunk);  // within a chunk: exactly
    all.insert(all.end(), rows_of_chunk.begin(), rows_of_chunk.end());
  }
  std::set<std::string> ids;
  for (const auto& [date, id] : all) ids.insert(id);
  EXPECT_EQ(ids.size(), rows);
  // 40,000 rows on 40,800 positions (2% more, the real ids having no gaps).
  EXPECT_LE(*ids.rbegin(), "17-040800");
  // Across chunks: how far each row's id is from where its date's rows would be in a sample
  // sorted by date, in days.
  const double per_day = 40'800.0 / 500;
  std::vector<double> off;
  for (const auto& [date, id] : all) {
    const double day = static_cast<double>(date - 1'483'228'800'000'000) / 86'400'000'000;
    const double at = (std::stod(id.substr(3)) - 1) / per_day;
    off.push_back(at < day ? day - at : at > day + 1 ? at - day - 1 : 0);
  }
  // The first chunks land where they aim (up to the quantiles' resolution: 34 real rows, half a
  // day); the last one takes what they left, a few days off at worst (docs/identifiers.md).
  for (std::size_t k = 0; k < 4; ++k) {
    std::vector<double> part(off.begin() + static_cast<long>(k * chunk), off.begin() + static_cast<long>((k + 1) * chunk));
    std::sort(part.begin(), part.end());
    double mean = 0;
    for (double x : part) mean += x / static_cast<double>(chunk);
    if (k < 3) {
      EXPECT_LT(part[chunk * 99 / 100], 0.5) << "chunk " << k;
    } else {
      EXPECT_LT(mean, 1.0);
      EXPECT_LT(part.back(), 5.0);
    }
  }
}

TEST(IdentifierGenerator, SurvivesJsonRoundTripAndReadsOldModels) {
  const Table t = StopsTable(700);
  const IdentifierGenerator g(t.column(0), t, {});
  const json j = g.ToJson();
  EXPECT_EQ(j.at("pattern"), "\\1\\7\\-999999");  // what readers before shapes use
  const IdentifierGenerator back(j);
  EXPECT_EQ(back.ToJson(), j);
  // A model written before shapes: integers counted up from "start", strings filled a pattern.
  const IdentifierGenerator old_ints(json{{"column", {{"name", "id"}, {"kind", "integer"}}}, {"start", 40}});
  Column ints = old_ints.shape().MakeEmpty();
  old_ints.Generate(3, 0, 0, &ints);
  EXPECT_EQ(std::vector<std::int64_t>(ints.integers().begin(), ints.integers().end()),
            (std::vector<std::int64_t>{40, 41, 42}));
  const IdentifierGenerator old_text(json{{"column", {{"name", "c"}, {"kind", "text"}}}, {"pattern", "AA\\-99"}});
  EXPECT_EQ(old_text.segments(), (std::vector<IdSegment>{Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 2), Lit("-"),
                                                         Chars("0123456789", 2)}));
}

TEST(IdentifierGenerator, MalformedShapesAreNamedErrors) {
  const Table t = StopsTable(700);
  const json good = IdentifierGenerator(t.column(0), t, {}).ToJson();
  auto error = [](const json& j) {
    try {
      IdentifierGenerator g(j);
    } catch (const ParameterError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  json j = good;
  j["segments"][1]["digits"]["width"] = 400;
  EXPECT_EQ(error(j), "identifier shape: a digits segment needs a width of 0 to 18 and min <= max");
  j = good;
  j["segments"] = json::array({{{"literal", "x"}}});
  EXPECT_EQ(error(j), "identifier shape: no segment varies, so ids could not be unique");
  j = good;
  j["segments"] = json::array({{{"chars", {{"alphabet", "ba"}, {"length", 3}}}}});
  EXPECT_EQ(error(j), "identifier shape: a chars segment needs a sorted alphabet of distinct characters and a length of 1 to 4096");
  j = good;
  j["counter"]["step"] = 0;
  EXPECT_EQ(error(j), "identifier 'stop_id': a counter needs one number segment and a step from 1 to 1e15");
  j = good;
  j["counter"]["quantiles"] = {5, 3};
  EXPECT_EQ(error(j), "identifier 'stop_id': a datetime counter needs a column, 2 to 1025 sorted quantiles and a "
                      "tick of 1 or more");
  j = good;
  j["column"]["kind"] = "float";
  j["column"]["decimals"] = 2;
  EXPECT_EQ(error(j), "identifier 'stop_id': ids are integers or text, not float");
}

}  // namespace
}  // namespace ersatz::encode
