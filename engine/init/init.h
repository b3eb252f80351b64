#pragma once
// Weight initialisation. Biases start at zero; W_l (n_l x n_{l-1}) is drawn per scheme,
// every one then multiplied by the user's scale (default 1):
//   zeros            W = 0                       (every unit learns the same thing)
//   random           W ~ N(0, 1)                 (scale 10 is the course's "x10" case)
//   xavier           W ~ N(0, 1) sqrt(1 / n_{l-1})
//   glorot           W ~ N(0, 1) sqrt(2 / (n_{l-1} + n_l))
//   he               W ~ N(0, 1) sqrt(2 / n_{l-1})
//   *_uniform        W ~ U(-r, r) with the same variance: r = sqrt(3) * the std above
//   identity         W = I (rectangular: ones on the diagonal); the deep linear network of
//                    the course uses scale 1.5 (activations grow as 1.5^L) or 0.5 (vanish)
//   explicit         W_l and b_l given in the spec (see Spec::init.weights)
// Draws are made in double, W1 then W2..., row by row, so float and double networks built
// from the same seed start from the same weights.
#include <cmath>
#include <vector>

#include "core/names.h"
#include "core/rng.h"
#include "layers/layer.h"

namespace descent {

enum class InitScheme {
  zeros, random, xavier, glorot, he, random_uniform, xavier_uniform, glorot_uniform, he_uniform,
  identity, explicit_weights
};

inline constexpr NameTable<InitScheme, 11> kInitNames{{{
    {InitScheme::zeros, "zeros"},
    {InitScheme::random, "random"},
    {InitScheme::xavier, "xavier"},
    {InitScheme::glorot, "glorot"},
    {InitScheme::he, "he"},
    {InitScheme::random_uniform, "random_uniform"},
    {InitScheme::xavier_uniform, "xavier_uniform"},
    {InitScheme::glorot_uniform, "glorot_uniform"},
    {InitScheme::he_uniform, "he_uniform"},
    {InitScheme::identity, "identity"},
    {InitScheme::explicit_weights, "explicit"},
}}};

inline const char* init_name(InitScheme s) { return kInitNames.name(s); }

// The standard deviation of W_l's entries before the user's scale.
inline double init_std(InitScheme s, int n_prev, int n) {
  switch (s) {
    case InitScheme::random:
    case InitScheme::random_uniform: return 1.0;
    case InitScheme::xavier:
    case InitScheme::xavier_uniform: return std::sqrt(1.0 / n_prev);
    case InitScheme::glorot:
    case InitScheme::glorot_uniform: return std::sqrt(2.0 / (n_prev + n));
    case InitScheme::he:
    case InitScheme::he_uniform: return std::sqrt(2.0 / n_prev);
    default: return 0.0;
  }
}

inline bool init_is_uniform(InitScheme s) {
  return s == InitScheme::random_uniform || s == InitScheme::xavier_uniform ||
         s == InitScheme::glorot_uniform || s == InitScheme::he_uniform;
}

// Explicit starting weights of one layer: W (n_l x n_{l-1}) and b (n_l x 1).
struct LayerWeights {
  Matrix<double> W, b;
};

// Fills every W and b of the layers; other parameters keep what Layer::init gave them.
template <class T>
void initialize(std::vector<Layer<T>>& layers, Parameters<T>& p, InitScheme scheme, double scale,
                Rng& rng, const std::vector<LayerWeights>& given = {}) {
  for (size_t l = 0; l < layers.size(); ++l) {
    const Dense<T>& dense = layers[l].dense();
    auto W = p.value(dense.W_id());
    if (dense.b_id() >= 0) p.value(dense.b_id()).setZero();
    if (scheme == InitScheme::explicit_weights) {
      W = given[l].W.cast<T>();
      if (dense.b_id() >= 0) p.value(dense.b_id()) = given[l].b.cast<T>();
      continue;
    }
    if (scheme == InitScheme::zeros) {
      W.setZero();
      continue;
    }
    if (scheme == InitScheme::identity) {
      W.setIdentity();
      W *= T(scale);
      continue;
    }
    const double sd = init_std(scheme, dense.inputs(), dense.units()) * scale;
    const bool uniform = init_is_uniform(scheme);
    for (Eigen::Index i = 0; i < W.rows(); ++i)
      for (Eigen::Index j = 0; j < W.cols(); ++j)
        W(i, j) = static_cast<T>(uniform ? (2.0 * rng.uniform() - 1.0) * std::sqrt(3.0) * sd
                                         : rng.normal() * sd);
  }
}

}  // namespace descent
