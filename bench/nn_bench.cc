// One training step (forward, backward, AdamW) of a head stack shaped like the generator's on an
// Adult-sized table: 15 columns, embeddings 13–14 wide (context 200), one head per column with
// Linear(200 → 64) → ReLU → dropout 0.25 → Linear(64 → card), card 2..100, any-order masks.
// Counters: items/s = training rows per second; GFLOP/s counts the six matrix products per head
// (2·B·in·out each for forward, input gradient and weight gradient of both Linear layers).
// Argument: thread count.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <vector>

#include "nn/activation.h"
#include "nn/adamw.h"
#include "nn/embedding.h"
#include "nn/linear.h"
#include "nn/parallel.h"
#include "nn/softmax_cross_entropy.h"

namespace ersatz::nn {
namespace {

constexpr std::size_t kBatch = 1024, kHidden = 64;
constexpr std::size_t kCards[] = {2, 3, 5, 7, 9, 12, 16, 2, 42, 6, 14, 100, 2, 41, 70};
constexpr std::size_t kWidths[] = {13, 14, 13, 14, 13, 14, 13, 14, 13, 14, 13, 13, 13, 13, 13};  // Σ = 200
constexpr std::size_t kColumns = std::size(kCards);

struct Head {
  Linear hidden, output;
  Matrix input, h, mask, logits, dh, dinput;
  std::vector<float> loss;
};

class HeadStack {
 public:
  HeadStack() {
    for (std::size_t c = 0; c < kColumns; ++c) {
      offsets_.push_back(context_width_);
      context_width_ += kWidths[c];
      embeddings_.emplace_back(kCards[c], kWidths[c]);
      embeddings_.back().Init(1, c);
      heads_.push_back(Head{Linear(0, 0), Linear(0, 0), {}, {}, {}, {}, {}, {}, {}});
    }
    for (std::size_t c = 0; c < kColumns; ++c) {
      heads_[c].hidden = Linear(context_width_, kHidden);
      heads_[c].hidden.Init(2, c);
      heads_[c].output = Linear(kHidden, kCards[c]);
      heads_[c].output.Init(3, c);
    }
    std::vector<ParamRef> params;
    for (auto& e : embeddings_)
      for (auto& p : e.Params()) params.push_back(p);
    for (auto& h : heads_)
      for (auto* l : {&h.hidden, &h.output})
        for (auto& p : l->Params()) params.push_back(p);
    adam_ = std::make_unique<AdamW>(params, AdamWOptions{});
    codes_.resize(kColumns, std::vector<std::int32_t>(kBatch));
    for (std::size_t c = 0; c < kColumns; ++c)
      for (std::size_t r = 0; r < kBatch; ++r) codes_[c][r] = std::int32_t((r * 7919 + c * 104729) % kCards[c]);
  }

  std::size_t context_width() const { return context_width_; }

  void Step(std::uint64_t step) {
    // Any-order training: one column order per batch; a head sees the columns before its own.
    std::vector<std::size_t> position(kColumns);
    std::iota(position.begin(), position.end(), 0);
    std::rotate(position.begin(), position.begin() + step % kColumns, position.end());
    context_.Resize(kBatch, context_width_);
    for (std::size_t c = 0; c < kColumns; ++c) embeddings_[c].Forward(codes_[c], 1, context_, offsets_[c]);
    dcontext_.Resize(kBatch, context_width_);
    adam_->ZeroGrad();
    for (std::size_t c = 0; c < kColumns; ++c) {
      Head& head = heads_[c];
      head.input = context_;
      MaskLaterColumns(head.input, position, position[c]);
      head.hidden.Forward(head.input, head.h);
      ReluForward(head.h);
      DropoutForward(head.h, 0.25f, CounterRng(4, step * kColumns + c), 0, head.mask);
      head.output.Forward(head.h, head.logits);
      head.loss.resize(kBatch);
      SoftmaxCrossEntropy(head.logits, codes_[c], 1.0f / kBatch, head.loss, head.logits);
      head.output.BackwardInput(head.logits, head.dh);
      head.output.AccumulateGrads(head.h, head.logits);
      DropoutBackward(head.mask, head.dh);
      ReluBackward(head.h, head.dh);
      head.hidden.AccumulateGrads(head.input, head.dh);
      head.hidden.BackwardInput(head.dh, head.dinput);
      MaskLaterColumns(head.dinput, position, position[c]);
      for (std::size_t i = 0; i < dcontext_.size(); ++i) dcontext_.data()[i] += head.dinput.data()[i];
    }
    for (std::size_t c = 0; c < kColumns; ++c) embeddings_[c].AccumulateGrads(codes_[c], 1, dcontext_, offsets_[c]);
    adam_->Step();
  }

  static double FlopsPerStep() {
    double flops = 0.0;
    for (std::size_t c = 0; c < kColumns; ++c) flops += 3.0 * 2.0 * kBatch * kHidden * (200.0 + double(kCards[c]));
    return flops;
  }

 private:
  void MaskLaterColumns(Matrix& m, const std::vector<std::size_t>& position, std::size_t limit) const {
    for (std::size_t c = 0; c < kColumns; ++c) {
      if (position[c] < limit) continue;  // earlier in the order: visible
      for (std::size_t r = 0; r < m.rows(); ++r) std::fill_n(m.Row(r) + offsets_[c], kWidths[c], 0.0f);
    }
  }

  std::vector<Embedding> embeddings_;
  std::vector<Head> heads_;
  std::vector<std::size_t> offsets_;
  std::size_t context_width_ = 0;
  std::vector<std::vector<std::int32_t>> codes_;
  Matrix context_, dcontext_;
  std::unique_ptr<AdamW> adam_;
};

void BM_HeadStackTrainingStep(benchmark::State& state) {
  SetNumThreads(int(state.range(0)));
  HeadStack stack;
  std::uint64_t step = 0;
  for (auto _ : state) stack.Step(step++);
  state.SetItemsProcessed(std::int64_t(state.iterations() * kBatch));
  state.counters["GFLOP/s"] =
      benchmark::Counter(HeadStack::FlopsPerStep() * double(state.iterations()) / 1e9, benchmark::Counter::kIsRate);
  state.counters["MFLOP/row"] = HeadStack::FlopsPerStep() / kBatch / 1e6;
  SetNumThreads(0);
}
BENCHMARK(BM_HeadStackTrainingStep)->ArgName("threads")->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace ersatz::nn
