// The reject-and-redraw loop: rejected rows are drawn again in place, counted by reason, the same
// for a seed whatever the batch size or thread count, and a run that rejects too much stops with
// a message saying why.
#include "validate/resample.h"

#include <gtest/gtest.h>

#include "ersatz/error.h"
#include "ersatz/generator.h"
#include "nn/parallel.h"
#include "table/row_copy.h"

namespace ersatz {
namespace {

// Rejects rows whose column `column` holds `value`.
class RejectValue final : public RowCheck {
 public:
  RejectValue(std::string column, std::string value)
      : column_(std::move(column)), value_(std::move(value)) {}
  void Check(const Table& batch, std::span<std::uint8_t> reject,
             RejectionCounts* counts) const override {
    const Column& col = batch.column(static_cast<std::size_t>(batch.FindColumn(column_)));
    for (std::size_t r = 0; r < col.size(); ++r) {
      if (col.FormatValue(r) == value_) {
        reject[r] = 1;
        ++(*counts)[column_ + " is " + value_];
      }
    }
  }

 private:
  std::string column_, value_;
};

// Rows carry their index and the attempt that drew them, so the loop's bookkeeping is visible.
Table Rows(std::span<const std::uint32_t> ids, int attempt) {
  Column row("row", ColumnKind::kInteger), drawn("attempt", ColumnKind::kInteger);
  for (std::uint32_t id : ids) {
    row.AppendInteger(id);
    drawn.AppendInteger(attempt);
  }
  Table t;
  t.AddColumn(row);
  t.AddColumn(drawn);
  return t;
}

// Rejects even rows drawn before attempt 2.
class EvenRowsTwice final : public RowCheck {
 public:
  void Check(const Table& batch, std::span<std::uint8_t> reject,
             RejectionCounts* counts) const override {
    for (std::size_t r = 0; r < batch.num_rows(); ++r) {
      if (batch.column(0).integers()[r] % 2 == 0 && batch.column(1).integers()[r] < 2) {
        reject[r] = 1;
        ++(*counts)["even"];
      }
    }
  }
};

TEST(SampleChecked, RedrawnRowsKeepTheirPlaceInTheBatch) {
  const EvenRowsTwice check;
  const RowCheck* checks[] = {&check};
  std::vector<std::uint32_t> all(100);
  for (std::uint32_t i = 0; i < 100; ++i) all[i] = i;
  Table out;
  const SampleReport report = validate::SampleChecked(
      100, 32, checks, {.max_retries = 5, .max_invalid_fraction = 1},
      [&](std::size_t first, std::size_t n) { return Rows(std::span(all).subspan(first, n), 0); },
      [&](std::span<const std::uint32_t> ids, int attempt) { return Rows(ids, attempt); },
      [&](const Table& batch) { AppendRows(batch, &out); });
  ASSERT_EQ(out.num_rows(), 100u);
  for (std::size_t r = 0; r < 100; ++r) {
    EXPECT_EQ(out.column(0).integers()[r], static_cast<std::int64_t>(r));
    EXPECT_EQ(out.column(1).integers()[r], r % 2 == 0 ? 2 : 0);
  }
  EXPECT_EQ(report.rows, 100u);
  EXPECT_EQ(report.resampled, 100u);  // 50 even rows, twice each
  EXPECT_EQ(report.rejected, (RejectionCounts{{"even", 100}}));
}

TEST(SampleChecked, RowsStillRejectedAfterTheLastRetryAreLeftOut) {
  const EvenRowsTwice check;
  const RowCheck* checks[] = {&check};
  std::vector<std::uint32_t> all(10);
  for (std::uint32_t i = 0; i < 10; ++i) all[i] = i;
  Table out;
  const SampleReport report = validate::SampleChecked(
      10, 4, checks, {.max_retries = 1, .max_invalid_fraction = 1},
      [&](std::size_t first, std::size_t n) { return Rows(std::span(all).subspan(first, n), 0); },
      [&](std::span<const std::uint32_t> ids, int attempt) { return Rows(ids, attempt); },
      [&](const Table& batch) { AppendRows(batch, &out); });
  EXPECT_EQ(report.rows, 5u);
  ASSERT_EQ(out.num_rows(), 5u);
  for (std::size_t r = 0; r < 5; ++r)
    EXPECT_EQ(out.column(0).integers()[r], static_cast<std::int64_t>(2 * r + 1));
}

// colour is uniform over red/green/blue; n grows with the colour.
Table Colours(std::size_t rows) {
  Column colour("colour", ColumnKind::kCategorical);
  Column n("n", ColumnKind::kInteger);
  const char* colours[] = {"red", "green", "blue"};
  for (std::size_t r = 0; r < rows; ++r) {
    colour.AppendString(colours[(r * 7919) % 3]);
    n.AppendInteger(static_cast<std::int64_t>(10 * ((r * 7919) % 3) + r % 7));
  }
  Table t;
  t.AddColumn(colour);
  t.AddColumn(n);
  return t;
}

Generator QuickModel() {
  FitOptions fit;
  fit.max_epochs = 3;
  fit.seed = 1;
  return Generator::Fit(Colours(600), Metadata{}, fit);
}

Table SampleAll(const Generator& g, std::size_t rows, const SampleOptions& options,
                SampleReport* report) {
  Table all;
  *report = g.Sample(rows, options, [&](const Table& batch) { AppendRows(batch, &all); });
  return all;
}

TEST(GeneratorChecks, RejectedRowsAreRedrawnTheSameWhateverTheBatchSizeOrThreads) {
  const Generator g = QuickModel();
  SampleOptions options{.seed = 5, .batch_rows = 128};
  options.checks.push_back(std::make_shared<RejectValue>("colour", "red"));
  SampleReport a_report, b_report, c_report;
  nn::SetNumThreads(1);
  const Table a = SampleAll(g, 700, options, &a_report);
  nn::SetNumThreads(2);
  options.batch_rows = 300;
  const Table b = SampleAll(g, 700, options, &b_report);
  nn::SetNumThreads(0);
  SampleOptions unchecked{.seed = 5};
  const Table c = SampleAll(g, 700, unchecked, &c_report);

  ASSERT_EQ(a.num_rows(), 700u);
  ASSERT_EQ(b.num_rows(), 700u);
  std::size_t reds = 0, same_as_unchecked = 0;
  for (std::size_t r = 0; r < 700; ++r) {
    EXPECT_NE(a.column(0).text(r), "red");
    EXPECT_EQ(a.column(0).text(r), b.column(0).text(r));
    EXPECT_EQ(a.column(1).integers()[r], b.column(1).integers()[r]);
    reds += c.column(0).text(r) == "red";
    // A row that passed at once is exactly the unchecked run's row.
    if (c.column(0).text(r) != "red") {
      same_as_unchecked += a.column(1).integers()[r] == c.column(1).integers()[r];
    }
  }
  EXPECT_EQ(same_as_unchecked, 700 - reds);
  EXPECT_GT(reds, 100u);  // about a third
  EXPECT_EQ(a_report.rows, 700u);
  EXPECT_GE(a_report.resampled, reds);
  EXPECT_EQ(a_report.rejected.at("colour is red"),
            a_report.resampled);  // every redraw followed one rejection
  EXPECT_EQ(a_report.rejected, b_report.rejected);
  EXPECT_TRUE(c_report.rejected.empty());
  EXPECT_EQ(c_report.resampled, 0u);
}

TEST(GeneratorChecks, TooManyRejectionsStopWithTheReasons) {
  const Generator g = QuickModel();
  SampleOptions options{.seed = 5};
  options.checks.push_back(std::make_shared<RejectValue>("colour", "red"));
  options.checks.push_back(std::make_shared<RejectValue>("colour", "green"));
  options.max_invalid_fraction = 0.2;
  options.max_retries = 0;
  try {
    g.Sample(3000, options, [](const Table&) {});
    FAIL() << "expected a DataError";
  } catch (const DataError& e) {
    // The shares depend on the model; the wording does not.
    const std::string what = e.what();
    EXPECT_EQ(what.rfind("stopped: ", 0), 0u) << what;
    EXPECT_NE(what.find("% of generated rows were rejected (colour is "), std::string::npos)
        << what;
    EXPECT_NE(what.find("), above --max-invalid-fraction 0.2; the model may be undertrained; raise "
                        "--max-invalid-fraction, or pass --no-validate (validators) or --privacy-filter off (copies)"),
              std::string::npos)
        << what;
  }
}

TEST(GeneratorChecks, EveryRowRejectedGivesTheExactMessage) {
  const Generator g = QuickModel();
  class Always final : public RowCheck {
   public:
    void Check(const Table& batch, std::span<std::uint8_t> reject,
               RejectionCounts* counts) const override {
      for (auto& r : reject) r = 1;
      (*counts)["always"] += batch.num_rows();
    }
  };
  SampleOptions options{.seed = 5};
  options.checks.push_back(std::make_shared<Always>());
  options.max_retries = 3;
  try {
    g.Sample(100, options, [](const Table&) { FAIL() << "no batch may reach the sink"; });
    FAIL() << "expected a DataError";
  } catch (const DataError& e) {
    EXPECT_EQ(std::string(e.what()),
              "stopped: 100% of generated rows were rejected (always: 100%), above "
              "--max-invalid-fraction 0.5; the model may be undertrained; raise "
              "--max-invalid-fraction, or pass --no-validate (validators) or --privacy-filter off (copies)");
  }
}

TEST(GeneratorChecks, RejectsBadLimits) {
  const Generator g = QuickModel();
  EXPECT_THROW(g.Sample(10, {.max_invalid_fraction = 1.5}, [](const Table&) {}), ParameterError);
  EXPECT_THROW(g.Sample(10, {.max_retries = -1}, [](const Table&) {}), ParameterError);
}

}  // namespace
}  // namespace ersatz
