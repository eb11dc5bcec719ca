// Checks applied to every generated batch before it reaches the caller: validators learned at fit
// time (category sets, ranges, shapes of codes…) and privacy filters (copies or near-copies of
// training rows). Generator::Sample draws rejected rows again — same conditions, fresh draws — a
// bounded number of times, and counts every rejection by its reason, so users see what was caught.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <span>
#include <string>

#include "ersatz/table.h"

namespace ersatz {

// Rejections per reason, e.g. {"age above 90 (the largest value seen)": 12}.
using RejectionCounts = std::map<std::string, std::size_t>;

class RowCheck {
 public:
  virtual ~RowCheck() = default;
  // Marks the rows of `batch` this check rejects: sets reject[r] = 1 (never clears a mark) and adds
  // one to (*counts)[reason] for every row it rejects, including rows an earlier check rejected.
  // Must be a pure function of the batch (thread-safe, no hidden state), so rows do not depend on
  // batch boundaries or thread counts.
  virtual void Check(const Table& batch, std::span<std::uint8_t> reject,
                     RejectionCounts* counts) const = 0;
};

// What a sampling run did besides writing rows.
struct SampleReport {
  std::size_t rows = 0;       // rows handed to the sink
  std::size_t resampled = 0;  // rows drawn again after a rejection
  RejectionCounts rejected;   // per reason
};

}  // namespace ersatz
