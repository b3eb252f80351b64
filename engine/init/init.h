#pragma once
// Weight initialisation. Biases start at zero; W_l is drawn per scheme:
//   zeros   W = 0
//   random  W ~ N(0, 1) * scale              (the course's "x10" case is scale = 10)
//   xavier  W ~ N(0, 1) * sqrt(1 / n_{l-1})
//   he      W ~ N(0, 1) * sqrt(2 / n_{l-1})
// Draws are made in double, in the order W1, W2, ..., so float and double networks built
// from the same seed start from the same weights.
#include <cmath>
#include "core/names.h"
#include "core/rng.h"
#include "layers/dense.h"

namespace descent {

enum class InitScheme { zeros, random, xavier, he };

inline constexpr NameTable<InitScheme, 4> kInitNames{{{
    {InitScheme::zeros, "zeros"},
    {InitScheme::random, "random"},
    {InitScheme::xavier, "xavier"},
    {InitScheme::he, "he"},
}}};

inline const char* init_name(InitScheme s) { return kInitNames.name(s); }

inline double init_std(InitScheme s, int n_prev, double scale) {
  switch (s) {
    case InitScheme::zeros: return 0.0;
    case InitScheme::random: return scale;
    case InitScheme::xavier: return std::sqrt(1.0 / n_prev);
    case InitScheme::he: return std::sqrt(2.0 / n_prev);
  }
  return 0.0;
}

template <class T>
void initialize(std::vector<Dense<T>>& layers, Parameters<T>& p, InitScheme scheme, double scale,
                Rng& rng) {
  p.theta.setZero();
  for (auto& layer : layers) {
    const double sd = init_std(scheme, layer.inputs(), scale);
    auto W = p.value(layer.W_id());  // (n_l x n_{l-1}), filled row by row
    for (int i = 0; i < W.rows(); ++i)
      for (int j = 0; j < W.cols(); ++j) W(i, j) = static_cast<T>(sd == 0.0 ? 0.0 : rng.normal() * sd);
  }
}

}  // namespace descent
