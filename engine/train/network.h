#pragma once
// A sequence of layers with a loss that follows from the output activation.
//   X: (n_x x m)   Y: (n_L x m) targets (one-hot for softmax)   A_L: (n_L x m)
// The cost J is the loss averaged over the m examples plus the weight penalty.
#include <vector>

#include "layers/layer.h"
#include "losses/loss.h"
#include "regularization/regularization.h"

namespace descent {

template <class T>
class Network {
 public:
  Network(int n_x, const std::vector<LayerConfig>& configs, Regularization reg = {})
      : n_x_(n_x), reg_(reg), loss_(loss_for(configs.back().activation)) {
    layers.reserve(configs.size());
    int n_prev = n_x;
    for (size_t l = 0; l < configs.size(); ++l) {
      layers.emplace_back(static_cast<int>(l) + 1, n_prev, configs[l], params);
      n_prev = configs[l].units;
    }
    params.allocate();
    for (auto& layer : layers) {
      layer.init(params);
      W_ids_.push_back(layer.dense().W_id());
    }
  }

  // Allocates every cache for batches of up to m_max examples; after this, passes allocate nothing.
  void reserve(int m_max) {
    for (auto& layer : layers) layer.reserve(m_max);
    m_max_ = m_max;
  }
  int capacity() const { return m_max_; }

  // Forward propagation over X (n_x x m); returns A_L (n_L x m). training: batch statistics
  // for batch norm, and dropout when a random source is given.
  Eigen::Block<Matrix<T>, Eigen::Dynamic, Eigen::Dynamic, true> forward(const ConstRef<T>& X,
                                                                        bool training = false,
                                                                        Rng* dropout_rng = nullptr) {
    const int m = static_cast<int>(X.cols());
    for (size_t l = 0; l < layers.size(); ++l) {
      if (l == 0)
        layers[l].forward(params, X, m, training, dropout_rng);
      else
        layers[l].forward(params, layers[l - 1].output(m), m, training, dropout_rng);
    }
    return layers.back().output(m);
  }

  // The loss of the last forward pass against Y (n_L x m), without the penalty.
  double loss(const ConstRef<T>& Y) {
    const int m = static_cast<int>(Y.cols());
    return loss_cost<T>(loss_, layers.back().pre(m), layers.back().output(m), Y);
  }
  // The loss computed stably from the logits: finite unless the network itself overflowed.
  double stable_loss(const ConstRef<T>& Y) {
    const int m = static_cast<int>(Y.cols());
    return loss_stable_cost<T>(loss_, layers.back().pre(m), layers.back().output(m), Y);
  }
  double error(const ConstRef<T>& Y) {
    return loss_error<T>(loss_, layers.back().output(static_cast<int>(Y.cols())), Y);
  }
  // J: the loss plus the weight penalty, for m examples.
  double cost(const ConstRef<T>& Y) { return loss(Y) + penalty(static_cast<int>(Y.cols())); }
  double penalty(int m) const { return reg_.cost(params, W_ids_, m); }

  // Backward propagation after forward(X): fills params.dtheta with dJ/dtheta.
  void backward(const ConstRef<T>& X, const ConstRef<T>& Y) {
    const int m = static_cast<int>(X.cols());
    auto& out = layers.back();
    loss_output_dZ<T>(loss_, out.output(m), Y, out.output_dZ(m));  // dZ_L = m dJ/dZ_L
    for (size_t l = layers.size(); l-- > 0;) {
      const bool is_output = l + 1 == layers.size();
      if (l == 0) {
        layers[l].backward(params, X, m, is_output, nullptr);
      } else {
        Ref<T> dA_prev = layers[l - 1].dA.leftCols(m);
        layers[l].backward(params, layers[l - 1].output(m), m, is_output, &dA_prev);
      }
    }
    if (reg_.active()) reg_.add_gradient(params, W_ids_, m);
  }

  int inputs() const { return n_x_; }
  int outputs() const { return layers.back().units(); }
  LossKind loss_kind() const { return loss_; }
  const Regularization& regularization() const { return reg_; }
  void set_regularization(Regularization reg) { reg_ = reg; }
  const std::vector<int>& W_ids() const { return W_ids_; }

  Parameters<T> params;
  std::vector<Layer<T>> layers;

 private:
  int n_x_;
  Regularization reg_;
  LossKind loss_;
  std::vector<int> W_ids_;
  int m_max_ = 0;
};

}  // namespace descent
