// The any-order autoregressive network (REFERENCE.md §1, after MOSTLY AI's TabularARGN).
//
// Every sub-column k has an embedding (cardinality × e_k) and a head
//   Linear(context → h_k) → ReLU → dropout → Linear(h_k → cardinality),
// where the context of head k is the concatenation of the embeddings of everything that comes
// before k in this batch's column order: the earlier columns, then the earlier sub-columns of k's
// own column. Training draws a random column order for half its batches, so one network learns
// every conditional p(column | any subset of other columns), and walks the columns' own order for
// the other half, the chain sampling walks after any given columns (TrainOptions).
//
// Why a gathered prefix rather than a zero mask: with the context permuted into the batch's
// order, head k's input is the contiguous prefix of width P_k, and its first layer uses the
// matching columns of its weights. That halves the work of the first layer on average compared to
// multiplying a masked full-width context, and masking needs no copy of the context per head.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "models/model_file.h"
#include "nn/adamw.h"
#include "nn/embedding.h"
#include "nn/linear.h"
#include "nn/tensor.h"

namespace ersatz::argn {

struct NetworkShape {
  std::vector<int> cardinality;  // per sub-column
  std::vector<int> column_of;    // per sub-column: index of its (learned) column, non-decreasing
  std::vector<int> embed_dim;    // per sub-column
  std::vector<int> hidden;       // per sub-column
  int num_columns() const { return column_of.empty() ? 0 : column_of.back() + 1; }
  int num_sub_columns() const { return static_cast<int>(cardinality.size()); }

  // Widths from cardinalities (REFERENCE.md §1), scaled by the size preset's factor.
  static NetworkShape ForCardinalities(const std::vector<int>& cardinality,
                                       const std::vector<int>& column_of, double size_factor);
};

// A column order and everything derived from it for one batch.
struct OrderPlan {
  std::vector<int> sub_order;    // sub-columns in the order they are predicted
  std::vector<int> prefix;       // per sub-column: context width it sees
  std::vector<int> perm_cols;    // context column (natural layout) at each permuted position
  std::vector<int> permuted_at;  // per sub-column: where its embedding starts in the permuted context
};

// Restricts the codes Network::Sample may draw, row by row (range and set conditions).
class CodeMask {
 public:
  virtual ~CodeMask() = default;
  // Whether sub-column k is restricted in any row; only those pay for Weigh.
  virtual bool Restricts(int k) const = 0;
  // Multiplies into weight[c] (arriving all ones) the factor of code c's probability for row r of
  // the call at sub-column k, given the codes already drawn into out: 0 excludes the code.
  // Called from several threads at once.
  virtual void Weigh(int k, std::size_t r, const std::vector<std::span<std::int32_t>>& out,
                     std::span<float> weight) const = 0;
};

// The code matrix of a batch: codes[k] has `rows` codes for sub-column k.
using BatchCodes = std::vector<std::span<const std::int32_t>>;

class Network {
 public:
  Network() = default;
  Network(NetworkShape shape, std::uint64_t seed);

  const NetworkShape& shape() const { return shape_; }
  int context_width() const { return context_width_; }
  OrderPlan PlanOrder(std::span<const int> column_order) const;

  // Sets the output biases to log frequencies, so training starts from the marginals.
  void InitOutputBiases(const std::vector<std::vector<double>>& frequencies);

  // Forward + backward of one batch; adds gradients (mean over the batch) to the parameters' grads
  // and returns the summed (over sub-columns) mean cross-entropy. Dropout draws from
  // (seed, step).
  double TrainStep(const BatchCodes& codes, std::size_t rows, const OrderPlan& plan, float dropout,
                   std::uint64_t seed, std::uint64_t step);
  // DP-SGD's step (Abadi et al. 2016): forward and backward with each example's own loss, each
  // example's gradient over ALL parameters (embeddings and both layers of every head) clipped to
  // norm `max_grad_norm`, and the SUM of the clipped gradients added to the parameters' grads
  // (noise and the division by the expected batch size are the caller's). Norms come from the
  // layers' inputs and output gradients, then the clip factors weight the accumulation
  // (nn/clip.h), so no per-example gradient is stored. `squared_norms` (optional) receives each
  // example's unclipped squared norm. Returns the mean summed cross-entropy.
  double DpTrainStep(const BatchCodes& codes, std::size_t rows, const OrderPlan& plan, float dropout,
                     std::uint64_t seed, std::uint64_t step, float max_grad_norm,
                     std::vector<float>* squared_norms = nullptr);
  // Mean summed cross-entropy without dropout or gradients.
  double Loss(const BatchCodes& codes, std::size_t rows, const OrderPlan& plan);

  // Per row: ln p(row) = Σ over sub-columns of ln p(code | the sub-columns before it in `plan`).
  void RowLogLikelihood(const BatchCodes& codes, std::size_t rows, const OrderPlan& plan,
                        std::span<double> out);

  // Log-probabilities of every code of sub-column k given the sub-columns before it in `plan`:
  // out is rows × cardinality[k]. No dropout.
  void LogProbabilities(const BatchCodes& codes, std::size_t rows, const OrderPlan& plan, int k,
                        nn::Matrix* out);

  // The buffers of one Sample call: one per thread lets several threads sample from one network.
  struct Workspace;

  // Samples `rows` rows in `plan`'s order into out[k][row]. Sub-columns with fixed[k] true keep
  // the codes already in out[k] (seeded / conditioned columns; they must come first in the
  // order). Temperatures are per sub-column (1 = the model's distribution); draws come from
  // (seed, first_row + row), so a row does not depend on batch boundaries beyond its order.
  // With a mask, restricted sub-columns draw from the model's distribution times the mask's
  // weights, renormalised (codes of weight 0 are never drawn). With `row_ids` (one per row), row r
  // draws from (seed, row_ids[r]) instead of (seed, first_row + r): how rejected rows scattered
  // over a batch are drawn again.
  void Sample(Workspace& workspace, const OrderPlan& plan, std::size_t rows,
              std::span<const float> temperature, float top_p, std::uint64_t seed,
              std::uint64_t first_row, const std::vector<bool>& fixed,
              std::vector<std::span<std::int32_t>> out, const CodeMask* mask = nullptr,
              std::span<const std::uint32_t> row_ids = {}) const;
  // The model's distribution of sub-column k with nothing before it (its column first in the
  // order): p(code) over the column's first sub-column's codes.
  std::vector<double> FirstDistribution(int k);

  std::vector<nn::ParamRef> Params();
  void ZeroGrad();
  void ToTensors(std::vector<Tensor>* tensors) const;
  // DataError when a tensor is missing or of the wrong shape.
  void FromTensors(const ModelFile& file);
  double FlopsPerTrainingRow(const OrderPlan& plan) const;

 private:
  struct Head {
    nn::Linear hidden;  // natural layout: in = context_width_
    nn::Linear output;
  };
  // Per-head buffers, reused across steps (heads run in parallel, each on its own).
  struct Scratch {
    nn::Matrix weight;   // hidden × P: the first layer's columns for this batch's prefix
    nn::Matrix input;    // rows × P: the prefix of the permuted context
    nn::Matrix h, mask, logits, dh, dinput, dweight;
    std::vector<float> loss;
    std::vector<float> squared_norms;  // DP-SGD: this head's part of each example's ‖g_i‖²
    std::vector<double> input_squared_norms;  // DP-SGD: ‖input_i‖², the prefix's squared norms
  };
  void Embed(const BatchCodes& codes, std::size_t rows, const OrderPlan& plan, nn::Matrix* permuted);
  // Head k on the prefix of `permuted`: raw logits into s.logits.
  void HeadForward(int k, const nn::Matrix& permuted, const OrderPlan& plan, float dropout,
                   std::uint64_t seed, std::uint64_t step, Scratch& s) const;
  // Summed cross-entropy; leaves scale·(softmax − onehot) in s.logits.
  double HeadLoss(int k, std::span<const std::int32_t> targets, float scale, Scratch& s) const;
  // Adds head k's parameter gradients and leaves its context gradient in s.dinput.
  void HeadBackward(int k, const OrderPlan& plan, float dropout, Scratch& s);
  // The two halves of HeadBackward: the hidden gradient s.dh and context gradient s.dinput, then
  // the parameter gradients, each example weighted by example_weights (empty: all 1).
  void HeadInputGradient(int k, float dropout, Scratch& s) const;
  void HeadAccumulate(int k, const OrderPlan& plan, std::span<const float> example_weights, Scratch& s);
  // dpermuted_ ← Σ_k s.dinput (in a fixed order), the gradient of the permuted context.
  void SumContextGradients(std::size_t rows, const OrderPlan& plan, bool parallel);

  NetworkShape shape_;
  int context_width_ = 0;
  std::vector<int> offset_;  // natural layout: where sub-column k's embedding starts
  std::vector<nn::Embedding> embeddings_;
  std::vector<Head> heads_;
  std::vector<Scratch> scratch_;
  nn::Matrix permuted_, dpermuted_;
};

struct Network::Workspace {
  nn::Matrix permuted;  // the context, in the plan's order
  Scratch head;         // sampling runs the heads one after another: one set of buffers
};

}  // namespace ersatz::argn
