// Putting redrawn rows in place of rejected ones: GatherRows picks rows from several tables.
#include "table/row_copy.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace ersatz {
namespace {

// A categorical and an integer column from (category or null, number) pairs.
Table Rows(std::vector<std::string> dictionary, std::vector<std::optional<std::string>> cities,
           std::vector<std::int64_t> numbers) {
  Column city("city", ColumnKind::kCategorical), n("n", ColumnKind::kInteger);
  for (const std::string& d : dictionary) city.AddCategory(d);
  for (const auto& c : cities) c ? city.AppendString(*c) : city.AppendNull();
  for (std::int64_t v : numbers) n.AppendInteger(v);
  Table t;
  t.AddColumn(city);
  t.AddColumn(n);
  return t;
}

std::vector<std::string> Printed(const Table& t) {
  std::vector<std::string> out;
  for (std::size_t r = 0; r < t.num_rows(); ++r) {
    out.push_back(t.column(0).FormatValue(r) + "," + t.column(1).FormatValue(r));
  }
  return out;
}

TEST(GatherRows, TakesEachRowFromItsTableWhateverTheTablesDictionaries) {
  // The second table lists the categories in another order and has one the first lacks.
  const Table tables[] = {Rows({"Oslo", "Lima"}, {"Oslo", "Lima", std::nullopt}, {1, 2, 3}),
                          Rows({"Pune", "Lima", "Oslo"}, {"Lima", "Pune", "Oslo"}, {4, 5, 6})};
  const std::uint32_t table_of[] = {0, 1, 1, 0, 1, 0};
  const std::uint32_t row_of[] = {0, 0, 1, 2, 2, 1};
  const Table out = GatherRows(tables, table_of, row_of);
  EXPECT_EQ(Printed(out), (std::vector<std::string>{"Oslo,1", "Lima,4", "Pune,5", ",3", "Oslo,6",
                                                    "Lima,2"}));
  EXPECT_EQ(out.column(0).categories(), (std::vector<std::string>{"Oslo", "Lima", "Pune"}));
}

}  // namespace
}  // namespace ersatz
