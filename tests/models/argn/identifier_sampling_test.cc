// Identifiers through Fit / Sample / Save / Load: a stops-like id that counts up with the date
// keeps its prefix, width and order in the sampled rows.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <set>

#include "cli/run_cli.h"
#include "common/random.h"
#include "ersatz/generator.h"

namespace ersatz {
namespace {

Table Stops(std::size_t rows) {
  Column id("stop_id", ColumnKind::kText), date("stop_date", ColumnKind::kDatetime);
  Column county("county", ColumnKind::kCategorical);
  for (std::size_t r = 0; r < rows; ++r) {
    id.AppendString(fmt::format("17-{:06d}", r + 1));
    date.AppendDatetime(1'483'228'800'000'000 + static_cast<std::int64_t>(r / 4) * 86'400'000'000);
    county.AppendString((r * 7) % 10 < 6 ? "north" : "south");
  }
  Table t;
  t.AddColumn(id);
  t.AddColumn(date);
  t.AddColumn(county);
  return t;
}

TEST(IdentifierSampling, DateCountersFollowTheSampledDates) {
  Metadata schema;
  schema.columns = {{.name = "stop_id", .type = SemanticType::kIdentifier, .storage = ColumnKind::kText}};
  const Generator fitted = Generator::Fit(Stops(1200), schema, {.max_epochs = 2, .seed = 1});
  testing::TempDir dir;
  fitted.Save(dir.File("m.ersatz"));
  const Generator g = Generator::Load(dir.File("m.ersatz"));
  std::vector<std::pair<std::int64_t, std::string>> rows;  // (date, id)
  std::size_t batches = 0;
  g.Sample(2000, {.seed = 5, .batch_rows = 300}, [&](const Table& batch) {
    ++batches;
    const Column& id = batch.column(static_cast<std::size_t>(batch.FindColumn("stop_id")));
    const Column& date = batch.column(static_cast<std::size_t>(batch.FindColumn("stop_date")));
    const std::size_t first = rows.size();
    for (std::size_t r = 0; r < batch.num_rows(); ++r) rows.emplace_back(date.integers()[r], std::string(id.text(r)));
    for (std::size_t a = first; a < rows.size(); ++a) {
      for (std::size_t b = first; b < rows.size(); ++b) {
        if (rows[a].first < rows[b].first) ASSERT_LT(rows[a].second, rows[b].second);
      }
    }
  });
  // The 7 batches of 300 rows reach the writer as one chunk, their ids in date order.
  EXPECT_EQ(batches, 1u);
  std::set<std::string> ids;
  for (const auto& [date, id] : rows) {
    ASSERT_EQ(id.size(), 9u) << id;
    ASSERT_EQ(id.substr(0, 3), "17-") << id;
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), rows.size());
  // As dense as the real ids: 1..2000 when every row is kept.
  EXPECT_EQ(*ids.begin(), "17-000001");
  EXPECT_EQ(*ids.rbegin(), fmt::format("17-{:06d}", rows.size()));
}

TEST(IdentifierSampling, RowsDrawnAgainKeepTheirIdsSoIdsStayUnique) {
  // Shuffled ids (not a counter: a permutation of their range) beside nearly unique rows, which
  // the privacy filter rejects as copies and sampling draws again under other seeds.
  std::vector<std::int64_t> order(1000);
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<std::int64_t>(100 + 3 * i);
  Shuffle(std::span(order), 3, 4, 5);
  Column id("id", ColumnKind::kInteger), x("x", ColumnKind::kInteger), c("c", ColumnKind::kCategorical);
  for (std::size_t r = 0; r < order.size(); ++r) {
    id.AppendInteger(order[r]);
    x.AppendInteger(static_cast<std::int64_t>(r));
    c.AppendString(r % 3 ? "a" : "b");
  }
  Table t;
  t.AddColumn(id);
  t.AddColumn(x);
  t.AddColumn(c);
  Metadata schema;
  schema.columns = {{.name = "id", .type = SemanticType::kIdentifier, .storage = ColumnKind::kInteger}};
  const Generator g = Generator::Fit(t, schema, {.max_epochs = 3, .value_protection = false, .seed = 1});
  SampleOptions options{.seed = 2, .batch_rows = 250, .max_invalid_fraction = 1};
  options.checks = g.PrivacyFilters("medium");
  std::set<std::int64_t> ids;
  std::size_t rows = 0;
  const SampleReport report = g.Sample(1000, options, [&](const Table& batch) {
    for (std::size_t r = 0; r < batch.num_rows(); ++r) ids.insert(batch.column(0).integers()[r]);
    rows += batch.num_rows();
  });
  EXPECT_GT(report.resampled, 0u) << "the test needs rows drawn again";
  EXPECT_EQ(ids.size(), rows);
  EXPECT_GE(*ids.begin(), 100);
  EXPECT_LE(*ids.rbegin(), 100 + 3 * 999);
}

}  // namespace
}  // namespace ersatz
