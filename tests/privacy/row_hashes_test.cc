// The keyed row hashes behind the privacy filter. Model files store these hashes, so how a cell is
// hashed must never change: a different value would silently stop the filter for every saved
// model (nothing would match any more).
#include "privacy/filter/row_hashes.h"

#include <gtest/gtest.h>


namespace ersatz::privacy {
namespace {

// Three rows holding every kind of cell, nulls included.
Table EveryKind() {
  Column city("city", ColumnKind::kCategorical), note("note", ColumnKind::kText);
  Column flag("flag", ColumnKind::kBoolean), n("n", ColumnKind::kInteger);
  Column x("x", ColumnKind::kFloat), day("day", ColumnKind::kDatetime);
  city.AppendString("Oslo"), city.AppendNull(), city.AppendString("Lima");
  note.AppendString("hello, world"), note.AppendString(""), note.AppendNull();
  flag.AppendBoolean(true), flag.AppendBoolean(false), flag.AppendNull();
  n.AppendInteger(7), n.AppendNull(), n.AppendInteger(-3);
  x.AppendFloat(2.5), x.AppendFloat(-0.0), x.AppendNull();
  day.AppendNull(), day.AppendDatetime(1'700'000'000'000'000), day.AppendDatetime(-86'400'000'000);
  Table t;
  for (Column* c : {&city, &note, &flag, &n, &x, &day}) t.AddColumn(*c);
  return t;
}

std::vector<HashedColumn> EveryKindColumns() {
  return {{"city", {0, 0, 0}}, {"note", {0, 0, 0}}, {"flag", {0, 0, 0}},
          {"n", {0, 2, 10}},   {"x", {0, 0.5, 2.5}}, {"day", {0, 7 * 86400e6, 28 * 86400e6}}};
}

TEST(RowHasher, HashesAreTheSameInEveryVersion) {
  const RowHasher hasher(EveryKindColumns(), 0x0123456789abcdefull);
  const Table t = EveryKind();
  EXPECT_EQ(hasher.Hash(t, Granularity::kExact),
            (std::vector<std::uint64_t>{2318915116052777229u, 16254523700641751275u, 2350506769132288800u}));
  EXPECT_EQ(hasher.Hash(t, Granularity::kMedium),
            (std::vector<std::uint64_t>{12223874010521142706u, 18033228477656599334u, 1616088479715314382u}));
  EXPECT_EQ(hasher.Hash(t, Granularity::kHigh),
            (std::vector<std::uint64_t>{4890014182497807862u, 797047824077317432u, 3973161344220236049u}));
}

TEST(RowHasher, ACategoryHashesByItsTextWhateverItsCodeInTheBatch) {
  // The same two rows, with "Lima" first and second in the dictionary.
  Column a("city", ColumnKind::kCategorical), b("city", ColumnKind::kCategorical);
  b.AddCategory("Lima");
  for (Column* c : {&a, &b}) c->AppendString("Oslo"), c->AppendString("Lima");
  ASSERT_NE(a.codes()[1], b.codes()[1]);
  Table ta, tb;
  ta.AddColumn(a);
  tb.AddColumn(b);
  const RowHasher hasher({{"city", {0, 0, 0}}}, 99);
  for (Granularity g : {Granularity::kExact, Granularity::kMedium}) {
    EXPECT_EQ(hasher.Hash(ta, g), hasher.Hash(tb, g));
  }
}

TEST(RowHasher, ARowHashesAloneAsInsideABatch) {
  const RowHasher hasher(EveryKindColumns(), 5);
  const Table t = EveryKind();
  const std::vector<std::uint64_t> all = hasher.Hash(t, Granularity::kMedium);
  for (std::uint32_t r = 0; r < t.num_rows(); ++r) {
    const std::uint32_t one[] = {r};
    EXPECT_EQ(hasher.Hash(t.Take(one), Granularity::kMedium), std::vector<std::uint64_t>{all[r]});
  }
  EXPECT_NE(all[0], all[1]);
}

}  // namespace
}  // namespace ersatz::privacy
