#include "encode/identifier_order.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <numeric>

#include "common/random.h"

namespace ersatz::encode {

namespace {
constexpr std::uint64_t kAimStream = 0x1D58;
constexpr std::uint64_t kAll = ~std::uint64_t{0};
// Positions per row: the real ids' mean step, at most this many (identifier_order.h) ...
constexpr double kMaxPositionsPerRow = 4;
// ... and at least this many when sampling spans several chunks.
constexpr double kMinPositionsPerRowAcrossChunks = 1.02;
constexpr std::uint64_t kChunkCells = std::uint64_t{1} << 22;
constexpr std::uint64_t kMaxChunkRows = std::uint64_t{1} << 20;
}  // namespace

FreeSlots::FreeSlots(std::uint64_t n) : n_(n), free_((n + 63) / 64, kAll), has_free_((free_.size() + 63) / 64, 0) {
  if (n % 64 != 0) free_.back() = (std::uint64_t{1} << (n % 64)) - 1;
  for (std::size_t w = 0; w < free_.size(); ++w) has_free_[w / 64] |= std::uint64_t{1} << (w % 64);
}

void FreeSlots::Take(std::uint64_t position) {
  const std::uint64_t w = position / 64;
  free_[w] &= ~(std::uint64_t{1} << (position % 64));
  if (free_[w] == 0) has_free_[w / 64] &= ~(std::uint64_t{1} << (w % 64));
}

std::uint64_t FreeSlots::NextFree(std::uint64_t p) const {
  if (p >= n_) return kNone;
  std::uint64_t w = p / 64;
  if (const std::uint64_t bits = free_[w] & (kAll << (p % 64))) return w * 64 + std::countr_zero(bits);
  if (++w >= free_.size()) return kNone;
  std::uint64_t s = w / 64;
  std::uint64_t bits = has_free_[s] & (kAll << (w % 64));
  while (bits == 0) {
    if (++s >= has_free_.size()) return kNone;
    bits = has_free_[s];
  }
  w = s * 64 + std::countr_zero(bits);
  return w * 64 + std::countr_zero(free_[w]);
}

std::uint64_t FreeSlots::PrevFree(std::uint64_t p) const {
  if (n_ == 0) return kNone;
  p = std::min(p, n_ - 1);
  std::uint64_t w = p / 64;
  if (const std::uint64_t bits = free_[w] & (kAll >> (63 - p % 64))) return w * 64 + 63 - std::countl_zero(bits);
  if (w == 0) return kNone;
  --w;
  std::uint64_t s = w / 64;
  std::uint64_t bits = has_free_[s] & (kAll >> (63 - w % 64));
  while (bits == 0) {
    if (s == 0) return kNone;
    bits = has_free_[--s];
  }
  w = s * 64 + 63 - std::countl_zero(bits);
  return w * 64 + 63 - std::countl_zero(free_[w]);
}

std::uint64_t FreeSlots::Nearest(std::uint64_t p) const {
  const std::uint64_t up = NextFree(p), down = PrevFree(p);
  if (up == kNone) return down;
  if (down == kNone) return up;
  return p - down <= up - p ? down : up;
}

std::uint64_t FreeSlots::Nearest(std::uint64_t p, std::uint64_t lo, std::uint64_t hi) const {
  const std::uint64_t up = NextFree(p), down = PrevFree(p);
  const bool up_in = up != kNone && up < hi, down_in = down != kNone && down >= lo;
  if (up_in && down_in) return p - down <= up - p ? down : up;
  if (up_in) return up;
  if (down_in) return down;
  return Nearest(p);
}

std::uint64_t IdentifierOrder::ChunkRows(const TableEncoder& encoder, std::uint64_t batch_rows) {
  const std::uint64_t columns = std::max<std::uint64_t>(1, encoder.num_columns() + encoder.identifiers().size());
  return std::max(std::max<std::uint64_t>(1, batch_rows), std::min(kMaxChunkRows, kChunkCells / columns));
}

IdentifierOrder::IdentifierOrder(const TableEncoder& encoder, std::uint64_t rows, std::uint64_t chunk_rows,
                                 std::uint64_t seed)
    : rows_(rows), chunk_rows_(std::max<std::uint64_t>(1, chunk_rows)) {
  if (rows == 0 || rows > kMaxOrderedRows) return;
  const auto& generators = encoder.identifiers();
  for (std::size_t i = 0; i < generators.size(); ++i) {
    const IdentifierGenerator& g = generators[i];
    if (g.order() != IdentifierGenerator::Order::kDatetime) continue;
    const double per_row = std::clamp(g.step(), rows > chunk_rows_ ? kMinPositionsPerRowAcrossChunks : 1.0,
                                      kMaxPositionsPerRow);
    const auto positions = static_cast<std::uint64_t>(std::ceil(static_cast<double>(rows) * per_row));
    counters_.push_back({&g, FreeSlots(positions), seed ^ (0x9E3779B97F4A7C15ull * (i + 1)), positions,
                         std::max(1.0, g.step() / per_row)});
  }
}

void IdentifierOrder::Apply(Table* chunk) {
  const std::size_t n = chunk->num_rows();
  for (Counter& c : counters_) {
    const IdentifierGenerator& g = *c.generator;
    const int id = chunk->FindColumn(g.shape().name);
    const int date = chunk->FindColumn(g.order_column());
    if (id < 0 || date < 0 || chunk->column(static_cast<std::size_t>(date)).kind() != ColumnKind::kDatetime) continue;
    const Column& dates = chunk->column(static_cast<std::size_t>(date));
    // Each row's aim: its share of the real order, a random point within its date's share; and
    // that share, where it looks first, so that a taken aim moves a row within its own date.
    std::vector<double> aim(n), share_lo(n), share_hi(n);
    for (std::size_t r = 0; r < n; ++r) {
      const std::uint64_t row = done_ + r;
      RandomStream rng(c.seed, kAimStream + (row >> 32), static_cast<std::uint32_t>(row));
      const double u = rng.NextDouble();
      if (dates.IsNull(r)) {
        aim[r] = u;
        share_lo[r] = 0, share_hi[r] = 1;
        continue;
      }
      const auto [below, upto] = g.DateShare(dates.integers()[r]);
      aim[r] = below + u * (upto - below);
      share_lo[r] = below, share_hi[r] = upto;
    }
    std::vector<std::uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0u);
    // By aim, then date: rows of different dates aiming alike still get them in order.
    auto date_of = [&](std::uint32_t r) { return dates.IsNull(r) ? 0 : dates.integers()[r]; };
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      return aim[a] != aim[b] ? aim[a] < aim[b] : date_of(a) < date_of(b);
    });
    std::vector<std::uint64_t> taken;
    taken.reserve(n);
    const auto scaled = [&c](double share) {
      return std::min(c.positions - 1, static_cast<std::uint64_t>(share * static_cast<double>(c.positions)));
    };
    for (const std::uint32_t r : order) {
      const std::uint64_t p = scaled(aim[r]);
      std::uint64_t slot = c.slots.Nearest(p, std::min(p, scaled(share_lo[r])), std::max(p + 1, scaled(share_hi[r])));
      if (slot == FreeSlots::kNone) {
        slot = c.positions + c.overflow++;
      } else {
        c.slots.Take(slot);
      }
      taken.push_back(slot);
    }
    std::sort(taken.begin(), taken.end());
    std::vector<std::uint64_t> positions(n);
    for (std::size_t k = 0; k < n; ++k) positions[order[k]] = taken[k];
    Column ids = g.shape().MakeEmpty();
    ids.Reserve(n);
    g.GenerateAt(positions, c.seed, &ids, c.step);
    chunk->column(static_cast<std::size_t>(id)) = std::move(ids);
  }
  done_ += n;
}

}  // namespace ersatz::encode
