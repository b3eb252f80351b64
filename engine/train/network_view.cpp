#include "train/network_view.h"

#include <algorithm>
#include <cmath>

#include "spec/spec_error.h"

namespace descent {
namespace {

using T = Session::T;

bool relu_family(Activation g) {
  return g == Activation::relu || g == Activation::leaky_relu || g == Activation::prelu;
}
bool squashing(Activation g) { return g == Activation::sigmoid || g == Activation::tanh; }

// One value per unit from a (C x 1) per-channel parameter (or (n_l x 1) for layer norm):
// unit j belongs to channel j / (n_l / C).
void per_unit(const ConstMatrixMap<T>& p, int units, std::vector<float>& out) {
  out.resize(static_cast<size_t>(units));
  const int S = std::max<int>(1, units / static_cast<int>(p.rows()));
  for (int j = 0; j < units; ++j) out[static_cast<size_t>(j)] = p(j / S, 0);
}

// The copies of layer l's parameters (and its mask) into v.
void copy_parameters(const Layer<T>& layer, const Parameters<T>& params, bool with_mask, LayerView& v) {
  const LayerConfig& c = layer.config();
  const auto& dense = layer.dense();
  v.units = c.units;
  v.fan_in = dense.inputs();
  v.activation = c.activation;
  v.norm = c.norm;
  v.keep_prob = c.keep_prob;
  const auto W = params.value(dense.W_id());  // (n_l x n_{l-1})
  v.W.resize(static_cast<size_t>(v.units) * v.fan_in);
  v.weight_norm.resize(static_cast<size_t>(v.units));
  for (int j = 0; j < v.units; ++j) {
    double sum2 = 0;
    for (int i = 0; i < v.fan_in; ++i) {
      v.W[static_cast<size_t>(j) * v.fan_in + i] = W(j, i);  // row-major
      sum2 += static_cast<double>(W(j, i)) * W(j, i);
    }
    v.weight_norm[static_cast<size_t>(j)] = static_cast<float>(std::sqrt(sum2));  // ||W_l(j, :)||_2
  }
  v.has_bias = dense.b_id() >= 0;
  v.b.assign(static_cast<size_t>(v.units), 0.0f);
  if (v.has_bias) {
    const auto b = params.value(dense.b_id());  // (n_l x 1)
    for (int j = 0; j < v.units; ++j) v.b[static_cast<size_t>(j)] = b(j, 0);
  }
  if (layer.norm() && layer.norm()->gamma_id() >= 0) {
    per_unit(params.value(layer.norm()->gamma_id()), v.units, v.gamma);
    per_unit(params.value(layer.norm()->beta_id()), v.units, v.beta);
  } else {
    v.gamma.clear();
    v.beta.clear();
  }
  v.mask.clear();
  if (with_mask && layer.dropout() && layer.dropout()->D.cols() > 0) {
    const auto& D = layer.dropout()->D;  // (n_l x m_max): D / keep_prob of the last training pass
    v.mask.resize(static_cast<size_t>(v.units));
    for (int j = 0; j < v.units; ++j) v.mask[static_cast<size_t>(j)] = D(j, 0) > T(0) ? 1 : 0;
  }
}

// Per-unit statistics of layer l from the caches of a forward pass over m examples, with
// the thresholds of layer_stats.h.
void unit_stats(Layer<T>& layer, int m, LayerView& v) {
  const size_t n = static_cast<size_t>(v.units);
  v.mean.assign(n, 0.0f);
  v.std.assign(n, 0.0f);
  const Activation g = layer.config().activation;
  if (relu_family(g)) v.dead.assign(n, 0.0f); else v.dead.clear();
  if (squashing(g)) v.saturated.assign(n, 0.0f); else v.saturated.clear();
  if (m == 0) return;
  const auto A = layer.output(m);  // (n_l x m)
  const auto Zt = layer.pre(m);    // (n_l x m)
  for (int j = 0; j < v.units; ++j) {
    double sum = 0, sum2 = 0, count = 0;
    for (int i = 0; i < m; ++i) {
      const T a = A(j, i);
      sum += a;
      sum2 += static_cast<double>(a) * a;
      if (relu_family(g)) count += Zt(j, i) <= T(0);
      else if (g == Activation::sigmoid) count += a < T(0.01) || a > T(0.99);
      else if (g == Activation::tanh) count += std::abs(a) > T(0.99);
    }
    const double mean = sum / m;
    v.mean[static_cast<size_t>(j)] = static_cast<float>(mean);
    v.std[static_cast<size_t>(j)] = static_cast<float>(std::sqrt(std::max(0.0, sum2 / m - mean * mean)));
    if (relu_family(g)) v.dead[static_cast<size_t>(j)] = static_cast<float>(count / m);
    if (squashing(g)) v.saturated[static_cast<size_t>(j)] = static_cast<float>(count / m);
  }
}

}  // namespace

void network_view(Session& session, int resolution, bool with_mask, NetworkView& view, Matrix<float>& X_chunk) {
  Network<T>& net = session.network();
  const Dataset& train = session.data().train;
  const size_t L = net.layers.size();
  view.epoch = session.epoch();
  view.step = session.steps();
  view.features = net.inputs();
  view.feature_names.resize(static_cast<size_t>(view.features));
  for (int f = 0; f < view.features; ++f)
    view.feature_names[static_cast<size_t>(f)] =
        static_cast<int>(train.feature_names.size()) == view.features ? train.feature_names[static_cast<size_t>(f)]
                                                                      : "x" + std::to_string(f + 1);
  view.image_width = train.is_image() ? train.width : 0;
  view.image_height = train.is_image() ? train.height : 0;
  view.input_mean.assign(static_cast<size_t>(view.features), 0.0);
  view.input_std.assign(static_cast<size_t>(view.features), 1.0);
  if (const Normalizer* norm = session.normalizer())
    for (int f = 0; f < view.features; ++f) {
      view.input_mean[static_cast<size_t>(f)] = norm->mu(f);
      view.input_std[static_cast<size_t>(f)] = std::sqrt(norm->sigma2(f) + norm->epsilon);  // sqrt(sigma2 + eps)
    }

  view.layers.resize(L);
  for (size_t l = 0; l < L; ++l) copy_parameters(net.layers[l], net.params, with_mask, view.layers[l]);

  // Statistics: one forward pass over the training set, in inference mode.
  const Matrix<T>& X = session.train_inputs();  // (n_x x m)
  const int m = static_cast<int>(X.cols());
  if (m > 0) net.forward(X, /*training=*/false);
  for (size_t l = 0; l < L; ++l) unit_stats(net.layers[l], m, view.layers[l]);

  // The grid: each unit's activation at every point of the decision plane.
  long long total_units = 0;
  for (const auto& v : view.layers) total_units += v.units;
  int R = view.features == 2 ? std::clamp(resolution, 0, 64) : 0;
  while (R > 0 && total_units * R * R > kNetworkGridValues) --R;  // fits the budget
  if (R < 2) R = 0;
  view.grid = GridInfo{};
  for (auto& v : view.layers) v.grid.clear();
  if (R == 0) return;
  view.grid = grid_bounds(session.data());
  view.grid.resolution = R;
  const int n = R * R, cap = net.capacity();
  for (auto& v : view.layers) v.grid.resize(static_cast<size_t>(v.units) * n);
  X_chunk.resize(2, cap);
  for (int first = 0; first < n; first += cap) {
    const int k = std::min(cap, n - first);
    grid_inputs(view.grid, session.normalizer(), first, k, X_chunk);
    net.forward(X_chunk.leftCols(k), /*training=*/false);
    for (size_t l = 0; l < L; ++l) {
      const auto A = net.layers[l].output(k);  // (n_l x k)
      LayerView& v = view.layers[l];
      for (int j = 0; j < v.units; ++j)
        for (int i = 0; i < k; ++i) v.grid[static_cast<size_t>(j) * n + first + i] = A(j, i);
    }
  }
}

Eigen::Index parameter_index(const Network<float>& net, int layer, int unit, int input) {
  const int L = static_cast<int>(net.layers.size());
  if (layer < 1 || layer > L)
    throw SpecError("layer", std::to_string(layer), "allowed: 1 to " + std::to_string(L));
  const auto& dense = net.layers[static_cast<size_t>(layer - 1)].dense();
  if (unit < 0 || unit >= dense.units())
    throw SpecError("unit", std::to_string(unit),
                    "allowed: 0 to " + std::to_string(dense.units() - 1) + " (layer " + std::to_string(layer) +
                        " has " + std::to_string(dense.units()) + " units)");
  const std::string inputs = "allowed: 0 to " + std::to_string(dense.inputs() - 1);
  if (input < -1 || input >= dense.inputs())
    throw SpecError("input", std::to_string(input), inputs + ", or null for the bias");
  const auto& blocks = net.params.blocks();
  if (input == -1) {
    if (dense.b_id() < 0)
      throw SpecError("input", "null", inputs + " (layer " + std::to_string(layer) +
                                           " has no bias: its batch norm's beta takes its place)");
    return blocks[static_cast<size_t>(dense.b_id())].offset + unit;
  }
  const auto& W = blocks[static_cast<size_t>(dense.W_id())];  // (n_l x n_{l-1}), column-major
  return W.offset + static_cast<Eigen::Index>(input) * W.rows + unit;
}

ParamHistory param_history(const Session& session, int layer, int unit, int input) {
  const Network<T>& net = session.network();
  const Eigen::Index at = parameter_index(net, layer, unit, input);
  const auto& W = net.params.blocks()[static_cast<size_t>(net.layers[static_cast<size_t>(layer - 1)].dense().W_id())];
  const double per_epoch = std::max(1, session.steps_per_epoch());
  ParamHistory h;
  session.visit_path([&](long long step, const T* theta) {
    h.steps.push_back(step);
    h.epochs.push_back(static_cast<double>(step) / per_epoch);
    h.values.push_back(theta[at]);
    if (input != -1) return;
    double sum2 = 0;  // ||W_l(unit, :)||^2: row `unit` of a column-major block
    for (int i = 0; i < W.cols; ++i) {
      const double w = theta[W.offset + static_cast<Eigen::Index>(i) * W.rows + unit];
      sum2 += w * w;
    }
    h.norms.push_back(std::sqrt(sum2));
  });
  return h;
}

}  // namespace descent
