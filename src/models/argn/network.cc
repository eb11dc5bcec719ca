#include "models/argn/network.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "common/random.h"
#include "ersatz/error.h"
#include "nn/activation.h"
#include "nn/clip.h"
#include "nn/gemm.h"
#include "nn/parallel.h"
#include "nn/reduce.h"
#include "nn/softmax_cross_entropy.h"

namespace ersatz::argn {

namespace {

constexpr std::uint64_t kDropoutStream = 0xD0;
constexpr std::uint64_t kSampleStream = 0x5A;

void AddBias(nn::Matrix& y, const float* bias) {
  for (std::size_t r = 0; r < y.rows(); ++r) {
    float* row = y.Row(r);
    for (std::size_t c = 0; c < y.cols(); ++c) row[c] += bias[c];
  }
}

}  // namespace

NetworkShape NetworkShape::ForCardinalities(const std::vector<int>& cardinality,
                                            const std::vector<int>& column_of, double size_factor) {
  NetworkShape s;
  s.cardinality = cardinality;
  s.column_of = column_of;
  for (int card : cardinality) {
    const double base_embed = std::max(10.0, 3.0 * std::ceil(std::pow(card, 0.25)));
    s.embed_dim.push_back(std::max(
        1, std::min(card, static_cast<int>(std::lround(base_embed * std::sqrt(size_factor))))));
    const double base_hidden = 16.0 * std::max(1.0, std::round(std::log(std::max(card, 2))));
    s.hidden.push_back(std::max(8, static_cast<int>(std::lround(base_hidden * size_factor))));
  }
  return s;
}

Network::Network(NetworkShape shape, std::uint64_t seed) : shape_(std::move(shape)) {
  const int n = shape_.num_sub_columns();
  for (int k = 0; k < n; ++k) {
    offset_.push_back(context_width_);
    context_width_ += shape_.embed_dim[k];
  }
  for (int k = 0; k < n; ++k) {
    embeddings_.emplace_back(shape_.cardinality[k], shape_.embed_dim[k]);
    embeddings_.back().Init(seed, 3 * static_cast<std::uint64_t>(k));
    Head head{nn::Linear(context_width_, shape_.hidden[k]),
              nn::Linear(shape_.hidden[k], shape_.cardinality[k])};
    head.hidden.Init(seed, 3 * static_cast<std::uint64_t>(k) + 1);
    head.output.Init(seed, 3 * static_cast<std::uint64_t>(k) + 2);
    heads_.push_back(std::move(head));
  }
  scratch_.resize(n);
}

OrderPlan Network::PlanOrder(std::span<const int> column_order) const {
  OrderPlan plan;
  const int n = shape_.num_sub_columns();
  plan.prefix.assign(n, 0);
  plan.permuted_at.assign(n, 0);
  // Sub-columns of each column, in their natural order.
  std::vector<std::vector<int>> subs(shape_.num_columns());
  for (int k = 0; k < n; ++k) subs[shape_.column_of[k]].push_back(k);
  int width = 0;
  for (int column : column_order) {
    for (int k : subs[column]) {
      plan.sub_order.push_back(k);
      plan.prefix[k] = width;
      plan.permuted_at[k] = width;
      for (int j = 0; j < shape_.embed_dim[k]; ++j) plan.perm_cols.push_back(offset_[k] + j);
      width += shape_.embed_dim[k];
    }
  }
  if (static_cast<int>(plan.sub_order.size()) != n) {
    throw std::logic_error("column order does not cover every column exactly once");
  }
  return plan;
}

void Network::InitOutputBiases(const std::vector<std::vector<double>>& frequencies) {
  for (int k = 0; k < shape_.num_sub_columns(); ++k) {
    const auto& f = frequencies[k];
    const double total = std::accumulate(f.begin(), f.end(), 0.0);
    float* bias = heads_[k].output.bias().data();
    for (int c = 0; c < shape_.cardinality[k]; ++c) {
      // Smoothed so that an unseen code gets a finite, small logit rather than −∞.
      bias[c] = static_cast<float>(std::log((f[c] + 0.01) / (total + 0.01 * f.size())));
    }
  }
}

void Network::Embed(const BatchCodes& codes, std::size_t rows, const OrderPlan& plan,
                    nn::Matrix* permuted) {
  nn::EnsureShape(*permuted, rows, static_cast<std::size_t>(context_width_));
  for (int k = 0; k < shape_.num_sub_columns(); ++k) {
    embeddings_[k].Forward(codes[k].first(rows), 1, *permuted, plan.permuted_at[k]);
  }
}

void Network::HeadForward(int k, const nn::Matrix& permuted, const OrderPlan& plan, float dropout,
                          std::uint64_t seed, std::uint64_t step, Scratch& s) const {
  const std::size_t rows = permuted.rows();
  const auto p = static_cast<std::size_t>(plan.prefix[k]);
  const std::size_t hidden = static_cast<std::size_t>(shape_.hidden[k]);
  const Head& head = heads_[k];
  // Gather the prefix of the context and the matching columns of the first layer.
  nn::EnsureShape(s.input, rows, p);
  for (std::size_t r = 0; r < rows; ++r) std::copy_n(permuted.Row(r), p, s.input.Row(r));
  nn::EnsureShape(s.weight, hidden, p);
  const nn::Matrix& w = head.hidden.weight();
  for (std::size_t o = 0; o < hidden; ++o) {
    for (std::size_t j = 0; j < p; ++j) s.weight(o, j) = w(o, static_cast<std::size_t>(plan.perm_cols[j]));
  }
  nn::MatMulBatch(s.input, s.weight, nn::Transpose::kYes, s.h);
  AddBias(s.h, head.hidden.bias().data());
  nn::ReluForward(s.h);
  if (dropout > 0) {
    nn::DropoutForward(s.h, dropout,
                       CounterRng(seed, kDropoutStream + (step << 16) + static_cast<std::uint64_t>(k)),
                       0, s.mask);
  }
  head.output.Forward(s.h, s.logits);
}

double Network::HeadLoss(int k, std::span<const std::int32_t> targets, float scale, Scratch& s) const {
  const std::size_t rows = s.logits.rows();
  s.loss.assign(rows, 0.0f);
  nn::SoftmaxCrossEntropy(s.logits, targets.first(rows), scale, s.loss, s.logits);
  double loss = 0;
  for (float l : s.loss) loss += l;
  return loss;
}

void Network::HeadBackward(int k, const OrderPlan& plan, float dropout, Scratch& s) {
  HeadInputGradient(k, dropout, s);
  HeadAccumulate(k, plan, {}, s);
}

void Network::HeadInputGradient(int k, float dropout, Scratch& s) const {
  // s.logits holds the loss gradient: output layer → dropout/ReLU → first layer (on the prefix).
  heads_[k].output.BackwardInput(s.logits, s.dh);
  if (dropout > 0) nn::DropoutBackward(s.mask, s.dh);
  nn::ReluBackward(s.h, s.dh);
  nn::MatMulBatch(s.dh, s.weight, nn::Transpose::kNo, s.dinput);
}

void Network::HeadAccumulate(int k, const OrderPlan& plan, std::span<const float> example_weights,
                             Scratch& s) {
  // The first layer's gradient is formed on the prefix columns, then scattered back into the
  // natural layout of the full-width weights.
  Head& head = heads_[k];
  const auto p = static_cast<std::size_t>(plan.prefix[k]);
  const std::size_t hidden = static_cast<std::size_t>(shape_.hidden[k]);
  head.output.AccumulateGrads(s.h, s.logits, example_weights);
  if (!example_weights.empty()) {
    for (std::size_t r = 0; r < s.dh.rows(); ++r) {
      float* row = s.dh.Row(r);
      for (std::size_t c = 0; c < hidden; ++c) row[c] *= example_weights[r];
    }
  }
  s.dweight.Resize(hidden, p);
  nn::AddMatMulOverBatch(s.dh, s.input, s.dweight);
  auto params = head.hidden.Params();
  float* wgrad = params[0].grad.data();
  const std::size_t width = static_cast<std::size_t>(context_width_);
  for (std::size_t o = 0; o < hidden; ++o) {
    for (std::size_t j = 0; j < p; ++j) {
      wgrad[o * width + static_cast<std::size_t>(plan.perm_cols[j])] += s.dweight(o, j);
    }
  }
  nn::AddColumnSums(s.dh, params[1].grad);
}

void Network::SumContextGradients(std::size_t rows, const OrderPlan& plan, bool parallel) {
  dpermuted_.Resize(rows, static_cast<std::size_t>(context_width_));
#pragma omp parallel for schedule(static) if (parallel)
  for (std::size_t r = 0; r < rows; ++r) {
    float* dst = dpermuted_.Row(r);
    for (int k : plan.sub_order) {
      const Scratch& s = scratch_[k];
      const float* src = s.dinput.Row(r);
      for (std::size_t j = 0; j < s.dinput.cols(); ++j) dst[j] += src[j];
    }
  }
}

double Network::TrainStep(const BatchCodes& codes, std::size_t rows, const OrderPlan& plan,
                          float dropout, std::uint64_t seed, std::uint64_t step) {
  Embed(codes, rows, plan, &permuted_);
  const int n = shape_.num_sub_columns();
  const float scale = 1.0f / static_cast<float>(rows);
  std::vector<double> losses(n, 0.0);
  // Heads are independent given the context: one per thread (the matrix products inside then run
  // on that thread), each writing only its own parameters' gradients and scratch. Small batches
  // stay on one thread: a parallel region costs more than it saves there.
  const bool parallel = static_cast<long>(rows) * context_width_ >= nn::kParallelMinWork;
#pragma omp parallel for schedule(dynamic, 1) if (parallel)
  for (int i = 0; i < n; ++i) {
    const int k = plan.sub_order[n - 1 - i];  // widest prefixes first: better load balance
    Scratch& s = scratch_[k];
    HeadForward(k, permuted_, plan, dropout, seed, step, s);
    losses[k] = HeadLoss(k, codes[k], scale, s);
    HeadBackward(k, plan, dropout, s);
  }
  // Context gradient: heads' input gradients summed in a fixed order, then into the embeddings.
  SumContextGradients(rows, plan, parallel);
  for (int k = 0; k < n; ++k) {
    embeddings_[k].AccumulateGrads(codes[k].first(rows), 1, dpermuted_, plan.permuted_at[k]);
  }
  double total = 0;
  for (double l : losses) total += l;
  return total / static_cast<double>(rows);
}

double Network::DpTrainStep(const BatchCodes& codes, std::size_t rows, const OrderPlan& plan,
                            float dropout, std::uint64_t seed, std::uint64_t step, float max_grad_norm,
                            std::vector<float>* squared_norms) {
  Embed(codes, rows, plan, &permuted_);
  const int n = shape_.num_sub_columns();
  std::vector<double> losses(n, 0.0);
  const bool parallel = static_cast<long>(rows) * context_width_ >= nn::kParallelMinWork;
  // Every head's input is a prefix of the permuted context: their ‖x_i‖² come from one pass over
  // it, summed segment by segment in plan order, instead of one pass per head.
  for (int k = 0; k < n; ++k) scratch_[k].input_squared_norms.resize(rows);
#pragma omp parallel for schedule(static) if (parallel)
  for (std::size_t r = 0; r < rows; ++r) {
    const float* row = permuted_.Row(r);
    double prefix = 0;
    for (int k : plan.sub_order) {
      scratch_[k].input_squared_norms[r] = prefix;
      prefix += nn::SquaredNorm(row + plan.permuted_at[k], static_cast<std::size_t>(shape_.embed_dim[k]));
    }
  }
  // Pass 1, per head: each example's own loss gradient (scale 1), the input gradients, and the
  // head's part of every ‖g_i‖²: ‖x_i‖²‖dy_i‖² + ‖dy_i‖² for each of its two layers.
#pragma omp parallel for schedule(dynamic, 1) if (parallel)
  for (int i = 0; i < n; ++i) {
    const int k = plan.sub_order[n - 1 - i];
    Scratch& s = scratch_[k];
    HeadForward(k, permuted_, plan, dropout, seed, step, s);
    losses[k] = HeadLoss(k, codes[k], 1.0f, s);
    s.squared_norms.assign(rows, 0.0f);
    heads_[k].output.AddPerExampleSquaredNorms(s.h, s.logits, s.squared_norms);
    HeadInputGradient(k, dropout, s);
    heads_[k].hidden.AddPerExampleSquaredNorms(s.input_squared_norms, s.dh, s.squared_norms);
  }
  SumContextGradients(rows, plan, parallel);
  // Each example looks up one row of every embedding: its gradient there is its context slice.
  std::vector<float> norms(rows, 0.0f);
  for (int k = 0; k < n; ++k) {
    embeddings_[k].AddPerExampleSquaredNorms(codes[k].first(rows), 1, dpermuted_, plan.permuted_at[k], norms);
  }
  for (int k = 0; k < n; ++k) {
    for (std::size_t r = 0; r < rows; ++r) norms[r] += scratch_[k].squared_norms[r];
  }
  std::vector<float> factors(rows);
  nn::ClipFactors(norms, max_grad_norm, factors);
  // Pass 2: the clipped sum Σ_i factor_i·g_i, accumulated layer by layer.
#pragma omp parallel for schedule(dynamic, 1) if (parallel)
  for (int i = 0; i < n; ++i) {
    const int k = plan.sub_order[n - 1 - i];
    HeadAccumulate(k, plan, factors, scratch_[k]);
  }
  for (int k = 0; k < n; ++k) {
    embeddings_[k].AccumulateGrads(codes[k].first(rows), 1, dpermuted_, plan.permuted_at[k], factors);
  }
  if (squared_norms != nullptr) *squared_norms = std::move(norms);
  double total = 0;
  for (double l : losses) total += l;
  return rows == 0 ? 0.0 : total / static_cast<double>(rows);
}

double Network::Loss(const BatchCodes& codes, std::size_t rows, const OrderPlan& plan) {
  Embed(codes, rows, plan, &permuted_);
  const int n = shape_.num_sub_columns();
  std::vector<double> losses(n, 0.0);
  const bool parallel = static_cast<long>(rows) * context_width_ >= nn::kParallelMinWork;
#pragma omp parallel for schedule(dynamic, 1) if (parallel)
  for (int i = 0; i < n; ++i) {
    const int k = plan.sub_order[n - 1 - i];
    HeadForward(k, permuted_, plan, 0, 0, 0, scratch_[k]);
    losses[k] = HeadLoss(k, codes[k], 1.0f, scratch_[k]);
  }
  double total = 0;
  for (double l : losses) total += l;
  return total / static_cast<double>(rows);
}

void Network::RowLogLikelihood(const BatchCodes& codes, std::size_t rows, const OrderPlan& plan,
                               std::span<double> out) {
  Embed(codes, rows, plan, &permuted_);
  const int n = shape_.num_sub_columns();
  const bool parallel = static_cast<long>(rows) * context_width_ >= nn::kParallelMinWork;
#pragma omp parallel for schedule(dynamic, 1) if (parallel)
  for (int i = 0; i < n; ++i) {
    const int k = plan.sub_order[n - 1 - i];
    HeadForward(k, permuted_, plan, 0, 0, 0, scratch_[k]);
    HeadLoss(k, codes[k], 1.0f, scratch_[k]);
  }
  // Summed in sub-column order, so the result does not depend on the thread count.
  std::fill(out.begin(), out.begin() + static_cast<long>(rows), 0.0);
  for (int k = 0; k < n; ++k) {
    for (std::size_t r = 0; r < rows; ++r) out[r] -= scratch_[k].loss[r];
  }
}

void Network::LogProbabilities(const BatchCodes& codes, std::size_t rows, const OrderPlan& plan,
                               int k, nn::Matrix* out) {
  Embed(codes, rows, plan, &permuted_);
  Scratch& s = scratch_[k];
  HeadForward(k, permuted_, plan, 0, 0, 0, s);
  const std::size_t card = s.logits.cols();
  nn::EnsureShape(*out, rows, card);
  for (std::size_t r = 0; r < rows; ++r) {
    const float* z = s.logits.Row(r);
    const float mx = *std::max_element(z, z + card);
    double total = 0;
    for (std::size_t c = 0; c < card; ++c) total += std::exp(static_cast<double>(z[c] - mx));
    const double log_total = std::log(total) + mx;
    for (std::size_t c = 0; c < card; ++c) (*out)(r, c) = static_cast<float>(z[c] - log_total);
  }
}

void Network::Sample(Workspace& workspace, const OrderPlan& plan, std::size_t rows,
                     std::span<const float> temperature, float top_p, std::uint64_t seed,
                     std::uint64_t first_row, const std::vector<bool>& fixed,
                     std::vector<std::span<std::int32_t>> out, const CodeMask* mask,
                     std::span<const std::uint32_t> row_ids) const {
  nn::Matrix& permuted = workspace.permuted;
  nn::EnsureShape(permuted, rows, static_cast<std::size_t>(context_width_));
  const CounterRng rng(seed, kSampleStream);
  for (int k : plan.sub_order) {
    if (!fixed[k]) {
      Scratch& s = workspace.head;
      HeadForward(k, permuted, plan, 0, 0, 0, s);
      const std::size_t card = s.logits.cols();
      const float inv_t = 1.0f / std::max(temperature[k], 1e-3f);
      const bool restricted = mask != nullptr && mask->Restricts(k);
#pragma omp parallel for schedule(static) if (rows * card >= 1 << 15)
      for (std::size_t r = 0; r < rows; ++r) {
        float* z = s.logits.Row(r);
        thread_local std::vector<float> weight;  // reused: one allocation per thread, not per row
        weight.clear();
        if (restricted) {
          weight.assign(card, 1.0f);
          mask->Weigh(k, r, out, weight);
          // Excluded codes get no mass; the maximum is taken over the allowed ones so that an
          // unlikely allowed code cannot underflow to an all-zero distribution.
          float allowed_max = -INFINITY;
          for (std::size_t c = 0; c < card; ++c) {
            if (weight[c] > 0) allowed_max = std::max(allowed_max, z[c]);
          }
          // Nothing allowed cannot happen for conditions that passed validation; draw unmasked.
          if (allowed_max == -INFINITY) weight.clear();
          for (std::size_t c = 0; c < card && !weight.empty(); ++c) {
            if (!(weight[c] > 0)) z[c] = -INFINITY;
          }
        }
        float mx = -INFINITY;
        for (std::size_t c = 0; c < card; ++c) mx = std::max(mx, z[c]);
        double total = 0;
        for (std::size_t c = 0; c < card; ++c) {
          z[c] = std::exp((z[c] - mx) * inv_t);
          if (!weight.empty()) z[c] *= weight[c];
          total += z[c];
        }
        const auto row_id =
            row_ids.empty() ? static_cast<std::uint32_t>(first_row + r) : row_ids[r];
        const auto words = rng.Block(row_id, static_cast<std::uint32_t>(k));
        const double u = static_cast<double>((std::uint64_t{words[0]} << 21) ^ words[1]) * 0x1.0p-53;
        std::int32_t chosen = static_cast<std::int32_t>(card) - 1;
        if (top_p < 1.0f) {
          // Nucleus: the most probable codes whose mass reaches top_p, renormalised.
          std::vector<std::uint32_t> idx(card);
          std::iota(idx.begin(), idx.end(), 0u);
          std::sort(idx.begin(), idx.end(), [&](std::uint32_t a, std::uint32_t b) {
            return z[a] != z[b] ? z[a] > z[b] : a < b;
          });
          double kept = 0;
          std::size_t m = 0;
          while (m < card && kept < top_p * total) kept += z[idx[m++]];
          double target = u * kept, acc = 0;
          chosen = static_cast<std::int32_t>(idx[m - 1]);
          for (std::size_t i = 0; i < m; ++i) {
            acc += z[idx[i]];
            if (target < acc) {
              chosen = static_cast<std::int32_t>(idx[i]);
              break;
            }
          }
        } else {
          double target = u * total, acc = 0;
          for (std::size_t c = 0; c < card; ++c) {
            acc += z[c];
            if (target < acc) {
              chosen = static_cast<std::int32_t>(c);
              break;
            }
          }
        }
        out[k][r] = chosen;
      }
    }
    embeddings_[k].Forward(std::span<const std::int32_t>(out[k].data(), rows), 1, permuted,
                           plan.permuted_at[k]);
  }
}

std::vector<nn::ParamRef> Network::Params() {
  std::vector<nn::ParamRef> params;
  for (auto& e : embeddings_) {
    for (auto& p : e.Params()) params.push_back(p);
  }
  for (auto& h : heads_) {
    for (auto* layer : {&h.hidden, &h.output}) {
      for (auto& p : layer->Params()) params.push_back(p);
    }
  }
  return params;
}

void Network::ZeroGrad() {
  for (auto& e : embeddings_) e.ZeroGrad();
  for (auto& h : heads_) {
    h.hidden.ZeroGrad();
    h.output.ZeroGrad();
  }
}

void Network::ToTensors(std::vector<Tensor>* tensors) const {
  auto add = [&](std::string name, const nn::Matrix& m) {
    tensors->push_back({std::move(name),
                        {static_cast<std::int64_t>(m.rows()), static_cast<std::int64_t>(m.cols())},
                        std::vector<float>(m.data(), m.data() + m.size())});
  };
  for (int k = 0; k < shape_.num_sub_columns(); ++k) {
    add(fmt::format("embedding.{}", k), embeddings_[k].table());
    add(fmt::format("head.{}.hidden.weight", k), heads_[k].hidden.weight());
    add(fmt::format("head.{}.hidden.bias", k), heads_[k].hidden.bias());
    add(fmt::format("head.{}.output.weight", k), heads_[k].output.weight());
    add(fmt::format("head.{}.output.bias", k), heads_[k].output.bias());
  }
}

void Network::FromTensors(const ModelFile& file) {
  auto load = [&](const std::string& name, nn::Matrix& m) {
    const Tensor* t = file.Find(name);
    if (t == nullptr) throw DataError(fmt::format("the model has no tensor '{}'", name));
    if (t->type != TensorType::kFloat32 || t->shape.size() != 2 || t->shape[0] != static_cast<std::int64_t>(m.rows()) ||
        t->shape[1] != static_cast<std::int64_t>(m.cols())) {
      throw DataError(fmt::format("tensor '{}' has the wrong shape", name));
    }
    std::copy(t->data.begin(), t->data.end(), m.data());
  };
  for (int k = 0; k < shape_.num_sub_columns(); ++k) {
    load(fmt::format("embedding.{}", k), embeddings_[k].table());
    load(fmt::format("head.{}.hidden.weight", k), heads_[k].hidden.weight());
    load(fmt::format("head.{}.hidden.bias", k), heads_[k].hidden.bias());
    load(fmt::format("head.{}.output.weight", k), heads_[k].output.weight());
    load(fmt::format("head.{}.output.bias", k), heads_[k].output.bias());
  }
}

double Network::FlopsPerTrainingRow(const OrderPlan& plan) const {
  double flops = 0;
  for (int k = 0; k < shape_.num_sub_columns(); ++k) {
    // Forward, input gradient and weight gradient: 3 products of 2·in·out per layer.
    flops += 6.0 * (plan.prefix[k] * shape_.hidden[k] + shape_.hidden[k] * shape_.cardinality[k]);
  }
  return flops;
}

std::vector<double> Network::FirstDistribution(int k) {
  // k's column first: its head then sees an empty context.
  std::vector<int> order(static_cast<std::size_t>(shape_.num_columns()));
  std::iota(order.begin(), order.end(), 0);
  std::rotate(order.begin(), order.begin() + shape_.column_of[k], order.begin() + shape_.column_of[k] + 1);
  const OrderPlan plan = PlanOrder(order);
  nn::EnsureShape(permuted_, 1, static_cast<std::size_t>(context_width_));
  Scratch& s = scratch_[k];
  HeadForward(k, permuted_, plan, 0, 0, 0, s);
  const std::size_t card = s.logits.cols();
  const float* z = s.logits.Row(0);
  const float mx = *std::max_element(z, z + card);
  std::vector<double> p(card);
  double total = 0;
  for (std::size_t c = 0; c < card; ++c) total += p[c] = std::exp(static_cast<double>(z[c] - mx));
  for (double& v : p) v /= total;
  return p;
}

}  // namespace ersatz::argn
