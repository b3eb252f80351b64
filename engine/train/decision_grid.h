#pragma once
// The network's output over a grid of the input plane, for the decision-boundary view.
// Only for 2-feature data. The grid spans the data (train, dev and test) with 10% margins
// in raw input units; each point is normalised as the training inputs were before the
// forward pass. Values, row by row from (x0, y0) upwards:
//   sigmoid output: P(class 1)                         (1 channel)
//   softmax output: the predicted class, its probability  (2 channels)
//   linear output:  the predicted value                (1 channel)
#include <algorithm>
#include <vector>

#include "data/normalize.h"
#include "data/split.h"
#include "train/network.h"

namespace descent {

struct GridInfo {
  double x0 = 0, x1 = 1, y0 = 0, y1 = 1;  // the plane covered, in raw input units
  int resolution = 0;                     // points per side
  int channels = 1;                       // values per point
};

// Bounds of the first two features over every set, with 10% margins.
inline GridInfo grid_bounds(const Splits& s) {
  GridInfo g;
  double lo[2] = {1e300, 1e300}, hi[2] = {-1e300, -1e300};
  for (const Dataset* d : {&s.train, &s.dev, &s.test, &s.train_dev})
    for (int i = 0; i < d->size(); ++i)
      for (int f = 0; f < 2; ++f) {
        lo[f] = std::min(lo[f], d->X(f, i));
        hi[f] = std::max(hi[f], d->X(f, i));
      }
  const double mx = 0.1 * std::max(hi[0] - lo[0], 1e-6), my = 0.1 * std::max(hi[1] - lo[1], 1e-6);
  g.x0 = lo[0] - mx, g.x1 = hi[0] + mx, g.y0 = lo[1] - my, g.y1 = hi[1] + my;
  return g;
}

// Grid points first .. first + m - 1 (row by row from (x0, y0), each at its cell's centre),
// normalised as the training inputs were, into the first m columns of X (2 x >= m).
template <class T>
void grid_inputs(const GridInfo& g, const Normalizer* normalizer, int first, int m, Matrix<T>& X) {
  Vector<double> point(2);
  for (int i = 0; i < m; ++i) {
    const int p = first + i, row = p / g.resolution, col = p % g.resolution;
    point << g.x0 + (g.x1 - g.x0) * (col + 0.5) / g.resolution, g.y0 + (g.y1 - g.y0) * (row + 0.5) / g.resolution;
    if (normalizer) apply(*normalizer, point);
    X.col(i) = point.cast<T>();
  }
}

// Evaluates net over a resolution x resolution grid into out (resolution^2 * channels
// values), in chunks of the network's capacity. X_chunk: (2 x capacity) scratch.
template <class T>
void evaluate_grid(Network<T>& net, GridInfo& g, const Normalizer* normalizer, Matrix<T>& X_chunk,
                   std::vector<float>& out) {
  const int n = g.resolution * g.resolution, cap = net.capacity();
  const bool softmax = net.loss_kind() == LossKind::softmax_cross_entropy;
  g.channels = softmax ? 2 : 1;
  out.resize(static_cast<size_t>(n) * g.channels);
  X_chunk.resize(2, cap);
  for (int first = 0; first < n; first += cap) {
    const int m = std::min(cap, n - first);
    grid_inputs(g, normalizer, first, m, X_chunk);
    const auto A = net.forward(X_chunk.leftCols(m), /*training=*/false);  // (n_L x m)
    for (int i = 0; i < m; ++i) {
      const size_t at = static_cast<size_t>(first + i) * g.channels;
      if (softmax) {
        Eigen::Index k;
        const T p = A.col(i).maxCoeff(&k);
        out[at] = static_cast<float>(k);
        out[at + 1] = static_cast<float>(p);
      } else {
        out[at] = static_cast<float>(A(0, i));
      }
    }
  }
}

}  // namespace descent
