// The privacy filter at sampling: what it rejects, what it keeps, what the model file holds.
#include "privacy/filter/copy_filter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

#include "cli/run_cli.h"
#include "ersatz/error.h"
#include "ersatz/generator.h"
#include "models/model_file.h"
#include "nn/parallel.h"

namespace ersatz::privacy {
namespace {

constexpr std::int64_t kDayMicros = 86400LL * 1000000;

// 300 rows: a category, a float spread over 0..999, an integer and a date.
Table TrainingTable() {
  Column city("city", ColumnKind::kCategorical), x("x", ColumnKind::kFloat);
  Column n("n", ColumnKind::kInteger), day("day", ColumnKind::kDatetime);
  const char* cities[] = {"Oslo", "Lima", "Pune", "Baku"};
  for (std::int64_t r = 0; r < 300; ++r) {
    city.AppendString(cities[r % 4]);
    x.AppendFloat(static_cast<double>((r * 337) % 1000) + 0.25);
    n.AppendInteger(r % 17);
    day.AppendDatetime((18000 + (r * 13) % 700) * kDayMicros);
  }
  Table t;
  for (Column* c : {&city, &x, &n, &day}) t.AddColumn(*c);
  return t;
}

const std::vector<std::string> kColumns = {"city", "x", "n", "day"};

// One row of `from` with column values replaced as asked.
struct Change {
  std::string city;
  double x_shift = 0;
  std::int64_t n_shift = 0;
};
Table Changed(const Table& from, std::uint32_t row, const Change& change) {
  const std::uint32_t rows[] = {row};
  Table t = from.Take(rows);
  Table out;
  Column city("city", ColumnKind::kCategorical), x("x", ColumnKind::kFloat);
  Column n("n", ColumnKind::kInteger);
  city.AppendString(change.city.empty() ? std::string(t.column(0).text(0)) : change.city);
  x.AppendFloat(t.column(1).floats()[0] + change.x_shift);
  n.AppendInteger(t.column(2).integers()[0] + change.n_shift);
  for (Column* c : {&city, &x, &n}) out.AddColumn(*c);
  out.AddColumn(t.column(3));
  return out;
}

std::vector<std::uint8_t> Rejected(const CopyFilterData& data, FilterLevel level, const Table& batch,
                                   RejectionCounts* counts) {
  const CopyFilter filter(std::make_shared<const CopyFilterData>(data), level);
  std::vector<std::uint8_t> reject(batch.num_rows(), 0);
  filter.Check(batch, reject, counts);
  return reject;
}

// A row of the training table whose x sits in the lower half of its medium cell, so shifting it
// by 0.3 cell widths stays inside the cell.
std::uint32_t RowLowInItsCell(const Table& t, double width) {
  for (std::uint32_t r = 0; r < t.num_rows(); ++r) {
    const double f = t.column(1).floats()[r] / width;
    if (f - std::floor(f) < 0.5) return r;
  }
  return 0;
}

TEST(CopyFilter, RejectsEveryExactCopyOfATrainingRow) {
  const Table train = TrainingTable();
  const CopyFilterData data = CopyFilterData::Build(train, kColumns, 42);
  for (FilterLevel level : {FilterLevel::kMedium, FilterLevel::kHigh}) {
    RejectionCounts counts;
    const auto reject = Rejected(data, level, train, &counts);
    EXPECT_EQ(std::count(reject.begin(), reject.end(), 1), 300);
    EXPECT_EQ(counts, (RejectionCounts{{std::string(kExactCopyReason), 300}}));
  }
}

TEST(CopyFilter, RowsThatManyTrainingRowsShareAreNotFiltered) {
  // "common" is held by kCommonRows training rows, "rare" by one fewer.
  Column a("a", ColumnKind::kCategorical);
  for (std::size_t r = 0; r < kCommonRows; ++r) a.AppendString("common");
  for (std::size_t r = 0; r + 1 < kCommonRows; ++r) a.AppendString("rare");
  Table train;
  train.AddColumn(a);
  const CopyFilterData data = CopyFilterData::Build(train, {"a"}, 7);
  EXPECT_EQ(data.exact.size(), 1u);
  const std::uint32_t probe[] = {0, static_cast<std::uint32_t>(kCommonRows)};  // common, rare
  for (FilterLevel level : {FilterLevel::kMedium, FilterLevel::kHigh}) {
    const auto reject = Rejected(data, level, train.Take(probe), nullptr);
    EXPECT_EQ(reject, (std::vector<std::uint8_t>{0, 1}));
  }
}

TEST(CopyFilter, OffRejectsNothing) {
  const Table train = TrainingTable();
  RejectionCounts counts;
  const auto reject = Rejected(CopyFilterData::Build(train, kColumns, 42), FilterLevel::kOff, train, &counts);
  EXPECT_EQ(std::count(reject.begin(), reject.end(), 1), 0);
  EXPECT_TRUE(counts.empty());
}

TEST(CopyFilter, MediumRejectsNearCopiesAndKeepsDistinctRows) {
  const Table train = TrainingTable();
  const CopyFilterData data = CopyFilterData::Build(train, kColumns, 42);
  ASSERT_EQ(data.columns[1].name, "x");
  const double width = data.columns[1].width[1];
  EXPECT_NEAR(width, 0.01 * (989.25 - 10.25), 0.5);  // 1% of the 1st–99th percentile spread
  const std::uint32_t row = RowLowInItsCell(train, width);

  RejectionCounts counts;
  EXPECT_EQ(Rejected(data, FilterLevel::kMedium, Changed(train, row, {.x_shift = 0.3 * width}), &counts)[0], 1);
  EXPECT_EQ(counts, (RejectionCounts{{std::string(kNearCopyReason), 1}}));
  // Three cells away, another city, another count: not near any training row.
  EXPECT_EQ(Rejected(data, FilterLevel::kMedium, Changed(train, row, {.x_shift = 3.5 * width}), nullptr)[0], 0);
  EXPECT_EQ(Rejected(data, FilterLevel::kMedium, Changed(train, row, {.city = "Quito"}), nullptr)[0], 0);
  EXPECT_EQ(Rejected(data, FilterLevel::kMedium, Changed(train, row, {.n_shift = 40}), nullptr)[0], 0);
}

TEST(CopyFilter, HighRejectsRowsWithinTheWiderCells) {
  const Table train = TrainingTable();
  const CopyFilterData data = CopyFilterData::Build(train, kColumns, 42);
  const double medium = data.columns[1].width[1], high = data.columns[1].width[2];
  EXPECT_NEAR(high, 5 * medium, 1e-9);
  // A row low in its high cell, moved by 1.5 medium widths: out of its medium cell, in its high one.
  std::uint32_t row = 0;
  for (; row < train.num_rows(); ++row) {
    const double f = train.column(1).floats()[row] / high;
    if (f - std::floor(f) < 0.4) break;
  }
  const Table moved = Changed(train, row, {.x_shift = 1.5 * medium});
  EXPECT_EQ(Rejected(data, FilterLevel::kMedium, moved, nullptr)[0], 0);
  RejectionCounts counts;
  EXPECT_EQ(Rejected(data, FilterLevel::kHigh, moved, &counts)[0], 1);
  EXPECT_EQ(counts, (RejectionCounts{{std::string(kNearCopyReason), 1}}));
  // Another city: no level treats it as a copy.
  EXPECT_EQ(Rejected(data, FilterLevel::kHigh, Changed(train, row, {.city = "Quito"}), nullptr)[0], 0);
}

TEST(CopyFilter, TheKeyChangesEveryStoredHash) {
  const Table train = TrainingTable();
  const CopyFilterData a = CopyFilterData::Build(train, kColumns, 1);
  const CopyFilterData b = CopyFilterData::Build(train, kColumns, 2);
  ASSERT_EQ(a.exact.size(), 300u);
  std::vector<std::uint64_t> common;
  std::set_intersection(a.exact.begin(), a.exact.end(), b.exact.begin(), b.exact.end(),
                        std::back_inserter(common));
  EXPECT_TRUE(common.empty());
}

TEST(HashIndex, FindsExactlyTheMembersOfTheSortedSet) {
  for (std::size_t size : {0, 1, 2, 3, 1000, 5000}) {
    std::vector<std::uint64_t> set;
    std::uint64_t x = 0x9E3779B97F4A7C15ull * (size + 1);
    for (std::size_t i = 0; i < size; ++i) set.push_back(x = x * 6364136223846793005ull + 1442695040888963407ull);
    set.push_back(0), set.push_back(~std::uint64_t{0});  // the extremes
    std::sort(set.begin(), set.end());
    const HashIndex index(set);
    for (std::uint64_t h : set) EXPECT_TRUE(index.Contains(h)) << size;
    for (std::size_t i = 0; i < 2000; ++i) {
      x = x * 6364136223846793005ull + 1442695040888963407ull;
      for (std::uint64_t probe : {x, x >> 20}) {
        EXPECT_EQ(index.Contains(probe), std::binary_search(set.begin(), set.end(), probe)) << size;
      }
    }
  }
  EXPECT_FALSE(HashIndex({}).Contains(0));
}

TEST(CopyFilter, UnknownLevelIsAClearError) {
  try {
    ParseFilterLevel("strict");
    FAIL();
  } catch (const ParameterError& e) {
    EXPECT_STREQ(e.what(), "privacy-filter: expected off, medium or high, found \"strict\"");
  }
}

// Through the generator and its model file.
Table WithPlantedSecret() {
  Table t = TrainingTable();
  Column secret("nickname", ColumnKind::kCategorical);
  for (std::size_t r = 0; r < t.num_rows(); ++r) {
    secret.AppendString(r == 123 ? "zebra-secret-4711" : (r % 2 ? "Al" : "Bo"));
  }
  t.AddColumn(secret);
  return t;
}

TEST(CopyFilter, HashesSurviveTheModelFileAndNoTrainingValueIsStored) {
  const Table train = WithPlantedSecret();
  FitOptions fit;
  fit.max_epochs = 2;
  fit.seed = 3;
  const Generator g = Generator::Fit(train, Metadata{}, fit);
  testing::TempDir dir;
  g.Save(dir.File("m.ersatz"));
  const std::string bytes = testing::ReadText(dir.File("m.ersatz"));
  EXPECT_EQ(bytes.find("zebra-secret-4711"), std::string::npos);

  const ModelFile file = ReadModelFile(dir.File("m.ersatz"));
  ASSERT_NE(file.Find("privacy_filter.exact"), nullptr);
  EXPECT_EQ(file.Find("privacy_filter.exact")->words.size(), 300u);

  const Generator loaded = Generator::Load(dir.File("m.ersatz"));
  for (const Generator* model : {&g, &loaded}) {
    std::vector<std::uint8_t> reject(train.num_rows(), 0);
    RejectionCounts counts;
    model->PrivacyFilters("medium").at(0)->Check(train, reject, &counts);
    EXPECT_EQ(counts, (RejectionCounts{{std::string(kExactCopyReason), 300}}));
  }
  EXPECT_TRUE(loaded.PrivacyFilters("off").empty());

  // A model whose hash set is missing says so, naming the file.
  ModelFile broken = file;
  std::erase_if(broken.tensors, [](const Tensor& t) { return t.name == "privacy_filter.medium"; });
  WriteModelFile(dir.File("broken.ersatz"), broken);
  try {
    Generator::Load(dir.File("broken.ersatz"));
    FAIL();
  } catch (const DataError& e) {
    EXPECT_EQ(std::string(e.what()),
              dir.File("broken.ersatz") +
                  ": malformed privacy filter: the model has no uint64 tensor 'privacy_filter.medium'");
  }
  EXPECT_EQ(loaded.PrivacyFilters("high").size(), 2u);  // copies, and implausible rows
}

TEST(CopyFilter, AModelWithoutHashesRefusesToFilter) {
  const Table train = TrainingTable();
  FitOptions fit;
  fit.max_epochs = 1;
  fit.filter_hashes = false;
  const Generator g = Generator::Fit(train, Metadata{}, fit);
  testing::TempDir dir;
  g.Save(dir.File("m.ersatz"));
  EXPECT_EQ(ReadModelFile(dir.File("m.ersatz")).Find("privacy_filter.exact"), nullptr);
  try {
    Generator::Load(dir.File("m.ersatz")).PrivacyFilters("high");
    FAIL();
  } catch (const ParameterError& e) {
    EXPECT_STREQ(e.what(),
                 "privacy-filter: the model stores no training-row hashes (fitted with "
                 "--no-filter-hashes or by an older ersatz), so it cannot filter copies; use "
                 "--privacy-filter off");
  }
}

// Two common rows, (x, u) and (y, v), and two rare ones, (x, v) and (y, u), held by 2 rows each:
// only the rare ones are one person's and filtered. Learned for 3 epochs, values unprotected.
Generator FitWithTwoRareRows() {
  Column a("a", ColumnKind::kCategorical), b("b", ColumnKind::kCategorical);
  for (int r = 0; r < 400; ++r) {
    const bool rare = r < 4;
    a.AppendString(r % 2 == 0 ? "x" : "y");
    b.AppendString((r % 2 == 0) != rare ? "u" : "v");
  }
  Table train;
  train.AddColumn(a);
  train.AddColumn(b);
  FitOptions fit;
  fit.max_epochs = 3;
  fit.value_protection = false;
  return Generator::Fit(train, Metadata{}, fit);
}

// Few distinct rows: an unfiltered model copies training rows all the time; filtered, none is
// left and the count still comes out right.
TEST(CopyFilter, SamplingReplacesRejectedRowsAndCountsThem) {
  const Generator g = FitWithTwoRareRows();

  const std::set<std::pair<std::string, std::string>> rare = {{"x", "v"}, {"y", "u"}};

  SampleOptions options;
  options.temperature = 4;  // the rare rows become likely enough to be drawn
  options.batch_rows = 64;
  options.max_invalid_fraction = 0.9;
  options.checks = g.PrivacyFilters("medium");
  std::size_t rows = 0, common = 0;
  const SampleReport report = g.Sample(30, options, [&](const Table& batch) {
    for (std::size_t r = 0; r < batch.num_rows(); ++r) {
      const std::pair<std::string, std::string> row{std::string(batch.column(0).text(r)),
                                                    std::string(batch.column(1).text(r))};
      EXPECT_FALSE(rare.contains(row));
      common += rare.contains(row) ? 0 : 1;
    }
    rows += batch.num_rows();
  });
  EXPECT_EQ(rows, 30u);
  EXPECT_EQ(common, 30u);  // copies of common rows are kept
  EXPECT_EQ(report.rows, 30u);
  EXPECT_GT(report.resampled, 0u);
  EXPECT_EQ(report.rejected.at(std::string(kExactCopyReason)), report.resampled);
}

// Batches of several 256-row chunks, which the threads share out: the filtered rows, the
// redraws and the counts do not depend on the thread count.
TEST(CopyFilter, FilteredSamplingIsTheSameWhateverTheThreadCount) {
  const Generator g = FitWithTwoRareRows();
  SampleOptions options;
  options.seed = 9;
  options.temperature = 4;
  options.batch_rows = 1000;  // four chunks per batch
  options.max_invalid_fraction = 0.9;
  options.checks = g.PrivacyFilters("medium");
  auto sample = [&](int threads, SampleReport* report) {
    nn::SetNumThreads(threads);
    std::string rows;
    *report = g.Sample(2500, options, [&](const Table& batch) {
      for (std::size_t r = 0; r < batch.num_rows(); ++r) {
        rows += std::string(batch.column(0).text(r)) + std::string(batch.column(1).text(r)) + ";";
      }
    });
    nn::SetNumThreads(0);
    return rows;
  };
  SampleReport one, two;
  EXPECT_EQ(sample(1, &one), sample(2, &two));
  EXPECT_GT(one.resampled, 0u);
  EXPECT_EQ(one.resampled, two.resampled);
  EXPECT_EQ(one.rejected, two.rejected);
}

TEST(CopyFilter, SampleVerbPrintsWhatItDroppedAndRefusesWithoutHashes) {
  testing::TempDir dir;
  std::string csv = "a,b\n";
  for (int r = 0; r < 200; ++r) {  // (x, v) and (y, u) are rare (2 rows each): filtered
    const bool rare = r < 4;
    csv += r % 2 == 0 ? (rare ? "x,v\n" : "x,u\n") : (rare ? "y,u\n" : "y,v\n");
  }
  const std::string data = dir.Write("d.csv", csv);
  auto r = testing::RunCli({"fit", data, "-o", dir.File("m.ersatz"), "--no-report", "--max-epochs", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = testing::RunCli({"sample", dir.File("m.ersatz"), "-n", "40", "-o", dir.File("s.csv"),
                       "--temperature", "4", "--max-invalid-fraction", "0.9"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("ersatz: privacy filter (medium): replaced "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("  exact copy of a training row"), std::string::npos) << r.err;
  const std::string out = testing::ReadText(dir.File("s.csv"));
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 41);
  EXPECT_EQ(out.find("x,v\n"), std::string::npos);
  EXPECT_EQ(out.find("y,u\n"), std::string::npos);

  r = testing::RunCli({"sample", dir.File("m.ersatz"), "-n", "5", "-o", dir.File("t.csv"),
                       "--privacy-filter", "strict"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "ersatz: --privacy-filter: expected one of off, medium, high, found \"strict\"\n");

  r = testing::RunCli({"fit", data, "-o", dir.File("n.ersatz"), "--no-report", "--max-epochs", "1",
                       "--no-filter-hashes"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = testing::RunCli({"sample", dir.File("n.ersatz"), "-n", "5", "-o", dir.File("t.csv")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "ersatz: privacy-filter: the model stores no training-row hashes (fitted with "
            "--no-filter-hashes or by an older ersatz), so it cannot filter copies; use "
            "--privacy-filter off\n");
  EXPECT_FALSE(std::filesystem::exists(dir.File("t.csv")));
  r = testing::RunCli({"sample", dir.File("n.ersatz"), "-n", "5", "-o", dir.File("t.csv"),
                       "--privacy-filter", "off"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

}  // namespace
}  // namespace ersatz::privacy
