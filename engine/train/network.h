#pragma once
// A sequence of dense layers with a sigmoid output trained on binary cross-entropy.
//   X: (n_x x m)   Y: (1 x m)   A_L: (1 x m)
#include <vector>

#include "layers/dense.h"
#include "losses/binary_cross_entropy.h"

namespace descent {

template <class T>
class Network {
 public:
  Network(int n_x, const std::vector<LayerConfig>& configs) : n_x_(n_x) {
    layers.reserve(configs.size());
    int n_prev = n_x;
    for (size_t l = 0; l < configs.size(); ++l) {
      layers.emplace_back(static_cast<int>(l) + 1, n_prev, configs[l], params);
      n_prev = configs[l].units;
    }
    params.allocate();
  }

  // Allocates every cache for batches of up to m_max examples; after this, passes allocate nothing.
  void reserve(int m_max) {
    for (auto& layer : layers) layer.reserve(m_max);
    m_max_ = m_max;
  }
  int capacity() const { return m_max_; }

  // Forward propagation over the first m columns of X; returns A_L: (n_L x m).
  Eigen::Block<Matrix<T>, Eigen::Dynamic, Eigen::Dynamic, true> forward(const ConstRef<T>& X, int m) {
    for (size_t l = 0; l < layers.size(); ++l) {
      if (l == 0)
        layers[l].forward(params, X, m);
      else
        layers[l].forward(params, layers[l - 1].A.leftCols(m), m);
    }
    return layers.back().A.leftCols(m);
  }

  // Backward propagation after forward(X, m): fills params.dtheta with dJ/dtheta.
  void backward(const ConstRef<T>& X, const ConstRef<T>& Y, int m) {
    auto& out = layers.back();
    BinaryCrossEntropy::output_dZ<T>(out.A.leftCols(m), Y, out.dZ.leftCols(m));  // dZ_L = A_L - Y
    for (size_t l = layers.size(); l-- > 0;) {
      auto& layer = layers[l];
      if (l + 1 < layers.size()) layer.activation_backward_step(m);  // dZ_l = dA_l * g'(Z_l)
      if (l == 0) {
        layer.backward(params, X, m, nullptr);
      } else {
        Ref<T> dA_prev = layers[l - 1].dA.leftCols(m);
        layer.backward(params, layers[l - 1].A.leftCols(m), m, &dA_prev);
      }
    }
  }

  int inputs() const { return n_x_; }

  Parameters<T> params;
  std::vector<Dense<T>> layers;

 private:
  int n_x_;
  int m_max_ = 0;
};

}  // namespace descent
