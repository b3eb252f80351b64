#pragma once
// The normalisation a layer may apply to Z before its activation, Z_tilde = gamma * Z_hat + beta,
// and dispatch from the enum to its class. The three differ only in the axes they average over:
//   batch     per channel, over the S positions and the m examples   (batch_norm.h)
//   layer     per example, over its n features                        (layer_norm.h)
//   instance  per example and per channel, over the S positions      (instance_norm.h)
// Shapes: n = C * S features per example, C channels of S positions, feature c*S + s
//   (a dense layer has C = n, S = 1);  m examples in the mini-batch, m <= m_max.
//   Z, Z_tilde and their gradients: (n x m)
//   gamma, beta: (C x 1) for batch and instance norm, (n x 1) for layer norm.
// Gradients follow Dense: dZ_tilde and dZ are m-scaled (m * dJ/dZ), while dgamma and dbeta in
// the parameter buffer are the true dJ/dgamma and dJ/dbeta. Nothing allocates after reserve().
#include <stdexcept>
#include <string>
#include <variant>

#include "core/names.h"
#include "layers/batch_norm.h"
#include "layers/instance_norm.h"
#include "layers/layer_norm.h"
#include "layers/parameters.h"

namespace descent {

enum class NormKind { none, batch, layer, instance };

inline constexpr NameTable<NormKind, 4> kNormNames{{{
    {NormKind::none, "none"},
    {NormKind::batch, "batch"},
    {NormKind::layer, "layer"},
    {NormKind::instance, "instance"},
}}};

inline const char* norm_name(NormKind kind) { return kNormNames.name(kind); }

// NormKind::none: Z_tilde = Z, no parameters.
template <class T>
struct NoNorm {
  void init(Parameters<T>&) {}
  void reserve(int) {}
  void forward(const Parameters<T>&, const ConstRef<T>& Z, Ref<T> Z_tilde, bool) { Z_tilde = Z; }
  void backward(Parameters<T>&, const ConstRef<T>& dZ_tilde, Ref<T> dZ) { dZ = dZ_tilde; }
  int gamma_id() const { return -1; }
  int beta_id() const { return -1; }
};

template <class T>
class Normalization {
 public:
  // Registers gamma{l} and beta{l} in params (none: nothing); call init(params) after
  // params.allocate(). channels must divide n for batch and instance norm; layer norm ignores it.
  Normalization(NormKind kind, int l, int n, int channels, Parameters<T>& params,
                double epsilon = 1e-5, double momentum = 0.9)
      : kind_(kind), l_(l), n_(n),
        impl_(make(kind, l, n, channels, params, T(epsilon), T(momentum))) {}

  // gamma = 1, beta = 0; batch norm: running mean 0, running variance 1.
  void init(Parameters<T>& params) {
    std::visit([&](auto& norm) { norm.init(params); }, impl_);
  }

  void reserve(int m_max) {
    if (m_max < 1) fail("reserve", "m_max = " + std::to_string(m_max) + ", expected at least 1");
    m_max_ = m_max;
    std::visit([&](auto& norm) { norm.reserve(m_max); }, impl_);
  }

  // Z (n x m) -> Z_tilde (n x m). training: batch norm uses this batch's statistics and updates
  // its running averages; otherwise it uses the running averages. Layer and instance norm
  // compute the same thing in both modes.
  void forward(const Parameters<T>& p, const ConstRef<T>& Z, Ref<T> Z_tilde, bool training) {
    check_shape("forward", "Z", Z.rows(), Z.cols());
    check_shape("forward", "Z_tilde", Z_tilde.rows(), Z_tilde.cols(), Z.cols());
    m_ = static_cast<int>(Z.cols());
    std::visit([&](auto& norm) { norm.forward(p, Z, Z_tilde, training); }, impl_);
  }

  // dZ_tilde (n x m, m-scaled) -> dZ (n x m, m-scaled), for the m of the last forward;
  // writes dgamma and dbeta into p.grad(...).
  void backward(Parameters<T>& p, const ConstRef<T>& dZ_tilde, Ref<T> dZ) {
    if (m_ == 0) fail("backward", "called before forward");
    check_shape("backward", "dZ_tilde", dZ_tilde.rows(), dZ_tilde.cols(), m_);
    check_shape("backward", "dZ", dZ.rows(), dZ.cols(), m_);
    std::visit([&](auto& norm) { norm.backward(p, dZ_tilde, dZ); }, impl_);
  }

  NormKind kind() const { return kind_; }
  int gamma_id() const { return std::visit([](const auto& norm) { return norm.gamma_id(); }, impl_); }
  int beta_id() const { return std::visit([](const auto& norm) { return norm.beta_id(); }, impl_); }

  // Batch norm only: the running averages of mu and sigma^2, (C) each.
  const Vector<T>& running_mean() const { return batch_norm("running_mean").running_mean(); }
  const Vector<T>& running_var() const { return batch_norm("running_var").running_var(); }

 private:
  using Impl = std::variant<NoNorm<T>, BatchNorm<T>, LayerNorm<T>, InstanceNorm<T>>;

  static Impl make(NormKind kind, int l, int n, int channels, Parameters<T>& params, T epsilon,
                   T momentum) {
    const std::string where = "[Normalization] layer " + std::to_string(l) + " (" +
                              norm_name(kind) + " norm): ";
    if (n < 1)
      throw std::invalid_argument(where + "n = " + std::to_string(n) + ", expected at least 1");
    if (!(epsilon > T(0)))
      throw std::invalid_argument(where + "epsilon = " + std::to_string(double(epsilon)) +
                                  ", expected > 0");
    if (!(momentum >= T(0) && momentum <= T(1)))
      throw std::invalid_argument(where + "momentum = " + std::to_string(double(momentum)) +
                                  ", expected in [0, 1]");
    const bool per_channel = kind == NormKind::batch || kind == NormKind::instance;
    if (per_channel && (channels < 1 || n % channels != 0))
      throw std::invalid_argument(where + "n = " + std::to_string(n) +
                                  " features do not split into channels = " + std::to_string(channels) +
                                  " (need channels >= 1 and n % channels == 0)");
    switch (kind) {
      case NormKind::none: return Impl(std::in_place_type<NoNorm<T>>);
      case NormKind::batch:
        return Impl(std::in_place_type<BatchNorm<T>>, l, n, channels, params, epsilon, momentum);
      case NormKind::layer: return Impl(std::in_place_type<LayerNorm<T>>, l, n, params, epsilon);
      case NormKind::instance:
        return Impl(std::in_place_type<InstanceNorm<T>>, l, n, channels, params, epsilon);
    }
    throw std::invalid_argument(where + "unknown kind " + std::to_string(static_cast<int>(kind)));
  }

  // Throws unless the matrix is (n x m) with 1 <= m <= m_max (and m == m_expected when given).
  void check_shape(const char* method, const char* name, Eigen::Index rows, Eigen::Index cols,
                   Eigen::Index m_expected = -1) const {
    const bool ok = rows == n_ && cols >= 1 && cols <= m_max_ && (m_expected < 0 || cols == m_expected);
    if (!ok)
      fail(method, std::string(name) + " is (" + std::to_string(rows) + " x " + std::to_string(cols) +
                       "), expected (n = " + std::to_string(n_) + " x m) with 1 <= m <= m_max = " +
                       std::to_string(m_max_) +
                       (m_expected >= 0 ? " and m = " + std::to_string(m_expected) : std::string()));
  }

  [[noreturn]] void fail(const char* method, const std::string& what) const {
    throw std::invalid_argument("[Normalization] layer " + std::to_string(l_) + " (" + norm_name(kind_) +
                                " norm) " + method + ": " + what);
  }

  const BatchNorm<T>& batch_norm(const char* method) const {
    const auto* norm = std::get_if<BatchNorm<T>>(&impl_);
    if (!norm) fail(method, "only batch norm keeps running averages");
    return *norm;
  }

  NormKind kind_;
  int l_, n_;
  Impl impl_;
  int m_max_ = 0;  // columns reserved
  int m_ = 0;      // batch size of the last forward
};

}  // namespace descent
