#pragma once
// One layer l of the network, as the course draws it:
//   Z = W A_prev + b                 (Dense; no b when batch norm follows)
//   Z~ = gamma * norm(Z) + beta      (optional batch / layer / instance norm)
//   A = g(Z~)                        (activation; PReLU learns its slope a)
//   A = A * D / keep_prob            (optional inverted dropout, training only)
// Shapes: A_prev (n_{l-1} x m); Z, Z~, G = g(Z~), A and their gradients (n_l x m).
// Caches are sized once by reserve(m_max); passes use their first m columns.
#include <optional>
#include <string>

#include "activations/activation.h"
#include "core/rng.h"
#include "layers/dense.h"
#include "layers/dropout.h"
#include "layers/normalization.h"

namespace descent {

struct LayerConfig {
  int units = 1;
  Activation activation = Activation::relu;
  double slope = 0.01;     // leaky_relu: the fixed slope; prelu: the slope it starts from
  double keep_prob = 1.0;  // dropout on this layer's output (1: none)
  NormKind norm = NormKind::none;
  int channels = 0;        // channels for batch/instance norm (0: one per unit)
};

template <class T>
class Layer {
 public:
  Layer(int l, int n_prev, const LayerConfig& c, Parameters<T>& params)
      : config_(c), dense_(l, n_prev, c.units, /*bias=*/c.norm != NormKind::batch, params) {
    if (c.norm != NormKind::none)
      norm_.emplace(c.norm, l, c.units, c.channels > 0 ? c.channels : c.units, params);
    if (c.activation == Activation::prelu) a_ = params.add("a" + std::to_string(l), c.units, 1);
    if (c.activation == Activation::leaky_relu) slopes_ = Vector<T>::Constant(c.units, T(c.slope));
    if (c.keep_prob < 1.0) dropout_.emplace(c.keep_prob);
  }

  // Starting values that are not drawn: gamma = 1, beta = 0, the PReLU slope.
  void init(Parameters<T>& p) {
    if (norm_) norm_->init(p);
    if (a_ >= 0) p.value(a_).setConstant(T(config_.slope));
  }

  void reserve(int m_max) {
    const int n = config_.units;
    for (Matrix<T>* M : {&Z, &G, &dA, &dZ}) M->resize(n, m_max);
    if (norm_) {
      Zt.resize(n, m_max);
      dZt.resize(n, m_max);
      norm_->reserve(m_max);
    }
    if (dropout_) {
      A.resize(n, m_max);
      dropout_->reserve(n, m_max);
    }
  }

  // A_prev (n_{l-1} x m) -> output(m) (n_l x m). Dropout only when training and rng is given.
  void forward(const Parameters<T>& p, const ConstRef<T>& A_prev, int m, bool training, Rng* rng) {
    dense_.forward(p, A_prev, Z.leftCols(m));                                // Z = W A_prev + b
    if (norm_) norm_->forward(p, Z.leftCols(m), Zt.leftCols(m), training);  // Z~ = norm(Z)
    activate<T>(config_.activation, pre(m), G.leftCols(m), slopes(p));      // G = g(Z~)
    if (dropout_) {
      A.leftCols(m) = G.leftCols(m);
      if (training && rng) dropout_->forward(A.leftCols(m), *rng);  // A = G * D / keep_prob
      dropped_ = training && rng;
    }
  }

  // Backprop through the layer. Either dA (n_l x m, m-scaled) was filled by the layer above,
  // or, for the output layer, dZ~ was given by the loss (dZ_given). Fills this layer's
  // gradients and, when dA_prev is given, dA_prev = W^T dZ.
  void backward(Parameters<T>& p, const ConstRef<T>& A_prev, int m, bool dZ_given, Ref<T>* dA_prev) {
    auto dZt_m = norm_ ? dZt.leftCols(m) : dZ.leftCols(m);  // where dZ~ goes
    if (!dZ_given) {
      if (dropout_ && dropped_) dropout_->backward(dA.leftCols(m));  // dA = dA * D / keep_prob
      if (a_ >= 0)  // da = 1/m sum_batch dA * min(Z~, 0)
        p.grad(a_).col(0) = (dA.leftCols(m).array() * pre(m).array().min(T(0))).rowwise().sum().matrix() / T(m);
      activation_backward<T>(config_.activation, pre(m), G.leftCols(m), dA.leftCols(m), dZt_m,
                             slopes(p));  // dZ~ = dA * g'(Z~)
    }
    if (norm_) norm_->backward(p, dZt.leftCols(m), dZ.leftCols(m));  // dZ = norm'(dZ~)
    dense_.backward(p, A_prev, dZ.leftCols(m), dA_prev);  // dW, db, dA_prev = W^T dZ
  }

  // The layer's output A: (n_l x m).
  Eigen::Block<Matrix<T>, Eigen::Dynamic, Eigen::Dynamic, true> output(int m) {
    return (dropout_ ? A : G).leftCols(m);
  }
  // Where the output layer's loss writes dZ~: (n_l x m).
  Eigen::Block<Matrix<T>, Eigen::Dynamic, Eigen::Dynamic, true> output_dZ(int m) {
    return (norm_ ? dZt : dZ).leftCols(m);
  }
  // The activation's input Z~ (Z without normalisation): (n_l x m).
  Eigen::Block<Matrix<T>, Eigen::Dynamic, Eigen::Dynamic, true> pre(int m) {
    return (norm_ ? Zt : Z).leftCols(m);
  }

  const LayerConfig& config() const { return config_; }
  const Dense<T>& dense() const { return dense_; }
  const std::optional<Normalization<T>>& norm() const { return norm_; }
  const std::optional<Dropout<T>>& dropout() const { return dropout_; }
  int units() const { return config_.units; }

  Matrix<T> Z, Zt, G, A;  // forward caches: (n_l x m_max); Zt only with a norm, A only with dropout
  Matrix<T> dA, dZt, dZ;  // backward caches: (n_l x m_max)

 private:
  Eigen::Ref<const Vector<T>> slopes(const Parameters<T>& p) const {
    if (a_ >= 0) return p.value(a_).col(0);
    return slopes_;
  }

  LayerConfig config_;
  Dense<T> dense_;
  std::optional<Normalization<T>> norm_;
  std::optional<Dropout<T>> dropout_;
  Vector<T> slopes_;  // (n_l): leaky ReLU's fixed slope
  int a_ = -1;        // PReLU's learned slope in the parameter buffer, (n_l x 1)
  bool dropped_ = false;
};

}  // namespace descent
