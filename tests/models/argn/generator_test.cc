// The generator end to end on small tables: what a user of Fit / Sample / Save / Load notices.
#include "ersatz/generator.h"

#include <gtest/gtest.h>

#include <map>

#include "cli/run_cli.h"
#include "ersatz/error.h"
#include "models/model_file.h"
#include "nn/parallel.h"

namespace ersatz {
namespace {

// colour is uniform over {red, green, blue}; size depends on colour (red → mostly S,
// green → mostly M, blue → mostly L); n is an integer that grows with size.
Table DependentTable(std::size_t rows) {
  Column colour("colour", ColumnKind::kCategorical);
  Column size("size", ColumnKind::kCategorical);
  Column n("n", ColumnKind::kInteger);
  const char* colours[] = {"red", "green", "blue"};
  const char* sizes[] = {"S", "M", "L"};
  for (std::size_t r = 0; r < rows; ++r) {
    const std::size_t c = (r * 7919) % 3;
    const std::size_t s = (r * 104729) % 10 < 8 ? c : (c + 1 + r % 2) % 3;  // 80% aligned
    colour.AppendString(colours[c]);
    size.AppendString(sizes[s]);
    n.AppendInteger(static_cast<std::int64_t>(10 * s + (r * 31) % 5));
  }
  Table t;
  t.AddColumn(colour);
  t.AddColumn(size);
  t.AddColumn(n);
  return t;
}

FitOptions QuickFit() {
  FitOptions o;
  o.max_epochs = 30;
  o.seed = 1;
  o.value_protection = false;
  return o;
}

Table SampleAll(const Generator& g, std::size_t rows, SampleOptions options) {
  Table all;
  std::vector<Table> batches;
  g.Sample(rows, options, [&](const Table& batch) { batches.push_back(batch); });
  // Concatenate by re-appending values (tables are small here).
  for (std::size_t c = 0; c < batches.front().num_columns(); ++c) {
    Column out = batches.front().column(c).Take({});
    for (const auto& b : batches) {
      const Column& col = b.column(c);
      for (std::size_t r = 0; r < col.size(); ++r) {
        if (col.kind() == ColumnKind::kInteger) {
          out.AppendInteger(col.integers()[r]);
        } else {
          out.AppendString(col.text(r));
        }
      }
    }
    all.AddColumn(out);
  }
  return all;
}

TEST(Generator, LearnsAConditionalDependency) {
  const Table t = DependentTable(3000);
  const Generator g = Generator::Fit(t, Metadata{}, QuickFit());
  const Table s = SampleAll(g, 6000, {.seed = 3});
  // P(size = aligned | colour) is 0.8 in the data; a model that ignored the dependency would
  // give 1/3.
  std::map<std::string, std::pair<int, int>> aligned;  // colour → (aligned, total)
  const std::map<std::string, std::string> expected = {{"red", "S"}, {"green", "M"}, {"blue", "L"}};
  for (std::size_t r = 0; r < s.num_rows(); ++r) {
    auto& a = aligned[std::string(s.column(0).text(r))];
    a.first += s.column(1).text(r) == expected.at(std::string(s.column(0).text(r)));
    ++a.second;
  }
  for (const auto& [colour, counts] : aligned) {
    EXPECT_NEAR(static_cast<double>(counts.first) / counts.second, 0.8, 0.05) << colour;
  }
}

TEST(Generator, SameSeedSameRowsWhateverTheThreadCount) {
  const Table t = DependentTable(600);
  FitOptions o = QuickFit();
  o.max_epochs = 3;
  nn::SetNumThreads(1);
  const Generator g1 = Generator::Fit(t, Metadata{}, o);
  const Table a = SampleAll(g1, 500, {.seed = 5, .batch_rows = 128});
  nn::SetNumThreads(2);
  const Generator g2 = Generator::Fit(t, Metadata{}, o);
  const Table b = SampleAll(g2, 500, {.seed = 5, .batch_rows = 128});
  const Table c = SampleAll(g2, 500, {.seed = 6, .batch_rows = 128});
  nn::SetNumThreads(0);
  bool differs = false;
  for (std::size_t r = 0; r < a.num_rows(); ++r) {
    for (std::size_t col = 0; col < 3; ++col) {
      EXPECT_EQ(a.column(col).FormatValue(r), b.column(col).FormatValue(r));
      differs |= a.column(col).FormatValue(r) != c.column(col).FormatValue(r);
    }
  }
  EXPECT_TRUE(differs) << "another seed should give other rows";
}

TEST(Generator, SamplingStreamsBoundedBatches) {
  const Table t = DependentTable(300);
  FitOptions o = QuickFit();
  o.max_epochs = 1;
  const Generator g = Generator::Fit(t, Metadata{}, o);
  std::size_t total = 0, batches = 0;
  g.Sample(10'001, {.seed = 1, .batch_rows = 1000}, [&](const Table& batch) {
    EXPECT_LE(batch.num_rows(), 1000u);
    total += batch.num_rows();
    ++batches;
  });
  EXPECT_EQ(total, 10'001u);
  EXPECT_EQ(batches, 11u);
}

TEST(Generator, SavedModelSamplesTheSameRowsAfterLoading) {
  testing::TempDir dir;
  const Table t = DependentTable(500);
  FitOptions o = QuickFit();
  o.max_epochs = 2;
  const Generator g = Generator::Fit(t, Metadata{}, o);
  g.Save(dir.File("m.ersatz"));
  const Generator back = Generator::Load(dir.File("m.ersatz"));
  EXPECT_EQ(back.summary().columns, (std::vector<std::string>{"colour", "size", "n"}));
  const Table a = SampleAll(g, 200, {.seed = 9});
  const Table b = SampleAll(back, 200, {.seed = 9});
  for (std::size_t r = 0; r < a.num_rows(); ++r) {
    for (std::size_t col = 0; col < 3; ++col) EXPECT_EQ(a.column(col).FormatValue(r), b.column(col).FormatValue(r));
  }
}

TEST(Generator, LoadingACorruptOrForeignFileIsAClearError) {
  testing::TempDir dir;
  const Table t = DependentTable(100);
  FitOptions o = QuickFit();
  o.max_epochs = 1;
  Generator::Fit(t, Metadata{}, o).Save(dir.File("m.ersatz"));
  std::string bytes = testing::ReadText(dir.File("m.ersatz"));
  const std::string truncated = dir.Write("t.ersatz", bytes.substr(0, bytes.size() / 2));
  try {
    Generator::Load(truncated);
    FAIL();
  } catch (const DataError& e) {
    EXPECT_EQ(std::string(e.what()),
              truncated + ": checksum mismatch: the model file is corrupted or truncated");
  }
  const std::string csv = dir.Write("x.csv", "a,b\n1,2\n");
  try {
    Generator::Load(csv);
    FAIL();
  } catch (const DataError& e) {
    EXPECT_EQ(std::string(e.what()),
              csv + ": not an ersatz model file (it does not start with the model file signature)");
  }
}

// A model file with a valid checksum is still hostile input: an integer field holding a float no
// integer can hold (a cast of it would be undefined behaviour) is named, not read.
TEST(Generator, AnIntegerFieldThatIsNotAnIntegerIsAClearError) {
  testing::TempDir dir;
  FitOptions o = QuickFit();
  o.max_epochs = 1;
  Generator::Fit(DependentTable(100), Metadata{}, o).Save(dir.File("m.ersatz"));
  ModelFile file = ReadModelFile(dir.File("m.ersatz"));
  file.header["training"]["epochs"] = 1e30;
  WriteModelFile(dir.File("bad.ersatz"), file);  // with its checksum
  try {
    Generator::Load(dir.File("bad.ersatz"));
    FAIL();
  } catch (const DataError& e) {
    EXPECT_EQ(std::string(e.what()),
              dir.File("bad.ersatz") +
                  ": malformed model header: epochs: expected an integer from -2147483648 to "
                  "2147483647, found 1e+30");
  }
}

TEST(Generator, RejectsBadSamplingParameters) {
  const Table t = DependentTable(100);
  FitOptions o = QuickFit();
  o.max_epochs = 1;
  const Generator g = Generator::Fit(t, Metadata{}, o);
  EXPECT_THROW(g.Sample(10, {.temperature = 0}, [](const Table&) {}), ParameterError);
  EXPECT_THROW(g.Sample(10, {.top_p = 1.5}, [](const Table&) {}), ParameterError);
}

TEST(Generator, LowTemperatureConcentratesOnTheMostLikelyValue) {
  const Table t = DependentTable(1500);
  const Generator g = Generator::Fit(t, Metadata{}, QuickFit());
  auto aligned_share = [&](double temperature) {
    const Table s = SampleAll(g, 3000, {.seed = 2, .temperature = temperature});
    const std::map<std::string, std::string> expected = {{"red", "S"}, {"green", "M"}, {"blue", "L"}};
    int aligned = 0;
    for (std::size_t r = 0; r < s.num_rows(); ++r) {
      aligned += s.column(1).text(r) == expected.at(std::string(s.column(0).text(r)));
    }
    return aligned / 3000.0;
  };
  EXPECT_GT(aligned_share(0.3), aligned_share(1.0) + 0.05);
}

}  // namespace
}  // namespace ersatz
