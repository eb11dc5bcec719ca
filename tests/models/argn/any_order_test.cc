// Any-order training: one network, conditioned on a column that comes LAST in the data's own
// order, reproduces the real conditional distribution of the others.
#include <gtest/gtest.h>

#include <map>

#include "encode/categorical_encoder.h"
#include "encode/table_encoder.h"
#include "models/argn/network.h"
#include "models/argn/trainer.h"

namespace ersatz::argn {
namespace {

TEST(AnyOrder, ConditioningOnALaterColumnGivesTheRealConditional) {
  // a ∈ {0..3} uniform; b = a with probability 0.7, else (a + 1) % 4; c independent noise.
  // Real P(a | b = 2): a = 2 with 0.7·0.25, a = 1 with 0.3·0.25 → 0.7 and 0.3 after normalising.
  Column a("a", ColumnKind::kCategorical), b("b", ColumnKind::kCategorical), c("c", ColumnKind::kCategorical);
  const std::size_t rows = 4000;
  for (std::size_t r = 0; r < rows; ++r) {
    const int av = static_cast<int>((r * 2654435761u) % 4);
    const int bv = (r * 40503u) % 10 < 7 ? av : (av + 1) % 4;
    a.AppendString(std::to_string(av));
    b.AppendString(std::to_string(bv));
    c.AppendString(std::to_string((r * 97) % 3));
  }
  Table t;
  t.AddColumn(a);
  t.AddColumn(b);
  t.AddColumn(c);
  const auto encoder = encode::TableEncoder::Fit(t, Metadata{}, {.value_protection = false});
  const auto data = encoder.Encode(t);
  std::vector<int> cardinality, column_of;
  for (std::size_t k = 0; k < encoder.sub_columns().size(); ++k) {
    cardinality.push_back(encoder.sub_columns()[k].cardinality);
    column_of.push_back(static_cast<int>(k));
  }
  Network net(NetworkShape::ForCardinalities(cardinality, column_of, 1.0), 7);
  TrainOptions options;
  options.max_epochs = 15;
  options.seed = 7;
  Train(net, data, options, {});

  // Fix b = "2" and sample a and c: order b, a, c.
  const std::size_t n = 4000;
  const auto& b_enc = static_cast<const encode::CategoricalEncoder&>(encoder.encoder(1));
  std::vector<std::vector<std::int32_t>> out(3, std::vector<std::int32_t>(n, 0));
  std::fill(out[1].begin(), out[1].end(), b_enc.CodeOf("2"));
  const std::vector<int> order = {1, 0, 2};
  const std::vector<float> temperature(3, 1.0f);
  std::vector<std::span<std::int32_t>> spans(out.begin(), out.end());
  Network::Workspace workspace;
  net.Sample(workspace, net.PlanOrder(order), n, temperature, 1.0f, 3, 0, {false, true, false}, spans);

  const auto& a_enc = static_cast<const encode::CategoricalEncoder&>(encoder.encoder(0));
  std::map<std::string, double> share;
  for (std::int32_t code : out[0]) share[a_enc.categories()[code - 1]] += 1.0 / n;
  EXPECT_NEAR(share["2"], 0.7, 0.04);
  EXPECT_NEAR(share["1"], 0.3, 0.04);
  EXPECT_LT(share["0"] + share["3"], 0.03);
}

}  // namespace
}  // namespace ersatz::argn

namespace ersatz::argn {
namespace {

bool IsOwnOrder(const std::vector<int>& order) {
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (order[i] != static_cast<int>(i)) return false;
  }
  return true;
}

// The share of training steps that walk the columns' own order: none, all, or about half, the
// same steps for the same seed, and the others the random orders they always were.
TEST(TrainingColumnOrder, WalksTheColumnsOwnOrderOnTheAskedShareOfSteps) {
  int own = 0, own_at_zero = 0, own_at_one = 0;
  for (std::uint32_t step = 0; step < 2000; ++step) {
    const auto order = TrainingColumnOrder(12, 0.5, 42, 7, step);
    EXPECT_EQ(order, TrainingColumnOrder(12, 0.5, 42, 7, step));
    if (IsOwnOrder(order)) {
      ++own;
    } else {
      EXPECT_EQ(order, RandomColumnOrder(12, 42, 7, step));
    }
    own_at_zero += IsOwnOrder(TrainingColumnOrder(12, 0.0, 42, 7, step));
    own_at_one += IsOwnOrder(TrainingColumnOrder(12, 1.0, 42, 7, step));
  }
  EXPECT_NEAR(own / 2000.0, 0.5, 0.04);
  EXPECT_EQ(own_at_zero, 0);  // 12! orders: a random one is never the columns' own here
  EXPECT_EQ(own_at_one, 2000);
}

}  // namespace
}  // namespace ersatz::argn
