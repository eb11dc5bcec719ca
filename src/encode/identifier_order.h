// Sampling's side of datetime counters (identifier_generator.h): ids that grew with a date in the
// real table are given out in the order of the generated dates.
//
// Positions: the rows requested times the real ids' mean step (at most 4), so that a position
// is one id (or a quarter of the step of sparse ids) and the real gaps are free positions. Each
// row aims at the share of the real rows dated before it (DateShare; a random point inside its
// date's share) times the positions, and takes the free position nearest that aim (within its
// date's share while that has one); the positions a chunk took are then handed out in date
// order. Ids are unique, and sit where the real ids of their dates sat, up to how many rows of a
// date the sample holds: more rows than the real ids of that date spill into the neighbouring
// dates' ids. Dense real ids (mean step 1) leave no free positions: the sample's ids are then
// its rows ranked by date, which moves each id by the sample's dates' error from the real ones.
//
// Sampling holds its batches back until a chunk of rows is there (4M cells, at most 1M rows: the
// whole sample unless it is large); the ids of a chunk follow its dates exactly. A larger sample
// is written chunk by chunk, so the last chunks must take the positions the earlier ones left,
// however far from their dates: with several chunks there are at least 2% more positions than
// rows (dense ids then span up to 2% more than the real range). docs/identifiers.md.
#pragma once

#include <cstdint>
#include <vector>

#include "encode/table_encoder.h"

namespace ersatz::encode {

// Positions [0, n), each free until taken; finds the free one nearest a given position.
// n bits plus n/64 bits of memory; a search skips 4,096 taken positions per step.
class FreeSlots {
 public:
  static constexpr std::uint64_t kNone = ~std::uint64_t{0};
  explicit FreeSlots(std::uint64_t n);
  // The free position nearest `p` (the lower one of two as near); kNone when none is free.
  std::uint64_t Nearest(std::uint64_t p) const;
  // The same within [lo, hi) (which holds p) while it has one free, otherwise anywhere.
  std::uint64_t Nearest(std::uint64_t p, std::uint64_t lo, std::uint64_t hi) const;
  void Take(std::uint64_t position);

 private:
  std::uint64_t NextFree(std::uint64_t p) const;  // the first free position >= p, or kNone
  std::uint64_t PrevFree(std::uint64_t p) const;  // the last free position <= p, or kNone
  std::uint64_t n_;
  std::vector<std::uint64_t> free_;       // bit set: position free
  std::vector<std::uint64_t> has_free_;   // bit w set: free_[w] has a free position
};

class IdentifierOrder {
 public:
  // Datetime counters keep their order up to this many rows per sampling run (16 MB of positions
  // per 128M rows); a longer run gives them in row order, still unique.
  static constexpr std::uint64_t kMaxOrderedRows = std::uint64_t{1} << 30;

  // Rows to gather before Apply: 4M cells (at most 1M rows), at least one batch.
  static std::uint64_t ChunkRows(const TableEncoder& encoder, std::uint64_t batch_rows);

  // For sampling `rows` rows in all, in chunks of at least `chunk_rows` (the last one may be
  // smaller), with `seed`.
  IdentifierOrder(const TableEncoder& encoder, std::uint64_t rows, std::uint64_t chunk_rows, std::uint64_t seed);
  bool empty() const { return counters_.empty(); }
  std::uint64_t chunk_rows() const { return chunk_rows_; }
  // Rewrites the datetime counters of the next chunk, in output order.
  void Apply(Table* chunk);

 private:
  struct Counter {
    const IdentifierGenerator* generator;
    FreeSlots slots;
    std::uint64_t seed;
    std::uint64_t positions;     // rows_ and the slack
    double step;                 // the ids' step per position
    std::uint64_t overflow = 0;  // positions handed out past `positions` (only if more rows came)
  };
  std::vector<Counter> counters_;
  std::uint64_t rows_ = 0;
  std::uint64_t chunk_rows_ = 0;
  std::uint64_t done_ = 0;  // rows of earlier chunks
};

}  // namespace ersatz::encode
