#pragma once
// Augmentation of one mini-batch of training inputs, in place and without heap allocation.
//   X_batch: (n_x x m), one example per column; images are stored channel-major, row by row:
//   feature c*H*W + y*W + x for C channels of H x W pixels (n_x = C*H*W).
// Draws per example, in this order: flip (one uniform), shift (dx, then dy), jitter (n_x
// normals, feature by feature), each only when asked for.
#include <string>
#include <utility>

#include "core/rng.h"
#include "core/types.h"
#include "data/data_spec.h"
#include "spec/spec_error.h"

namespace descent {
namespace augment_detail {

// Mirrors one channel plane (H x W, row by row) left-right.
template <class T>
void flip(T* plane, int height, int width) {
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width / 2; ++x) std::swap(plane[y * width + x], plane[y * width + width - 1 - x]);
}

// Moves one channel plane by (dx, dy) pixels: out(y, x) = in(y - dy, x - dx), 0 outside.
// In place: rows and columns are visited so that every pixel is read before it is written.
template <class T>
void shift(T* plane, int height, int width, int dx, int dy) {
  for (int k = 0; k < height; ++k) {
    const int y = dy > 0 ? height - 1 - k : k;  // moving down: fill from the bottom row up
    for (int l = 0; l < width; ++l) {
      const int x = dx > 0 ? width - 1 - l : l;  // moving right: fill from the right
      const int y0 = y - dy, x0 = x - dx;
      const bool inside = y0 >= 0 && y0 < height && x0 >= 0 && x0 < width;
      plane[y * width + x] = inside ? plane[y0 * width + x0] : T(0);
    }
  }
}

}  // namespace augment_detail

// Augments every example (column) of X_batch as `a` says:
//   flip    images: mirrored left-right with probability 1/2
//   shift   images: moved by dx, dy uniform in [-shift, shift] pixels, zeros fill the gap
//   jitter  any input: x += N(0, jitter^2), feature by feature
// Throws SpecError on "augment.flip"/"augment.shift" when the inputs are not C x H x W images.
template <class T>
void augment(Ref<T> X_batch, const AugmentSpec& a, int channels, int height, int width, Rng& rng) {
  const bool geometric = a.flip || a.shift > 0;
  if (geometric && (height < 1 || width < 1 || channels < 1 ||
                    X_batch.rows() != static_cast<Eigen::Index>(channels) * height * width))
    throw SpecError(a.flip ? "augment.flip" : "augment.shift", a.flip ? "true" : std::to_string(a.shift),
                    "allowed: only for image inputs (C x H x W = " + std::to_string(channels) + " x " +
                        std::to_string(height) + " x " + std::to_string(width) + ", the data has " +
                        std::to_string(X_batch.rows()) + " features)");
  const int plane = height * width;  // pixels per channel
  for (Eigen::Index j = 0; j < X_batch.cols(); ++j) {
    T* x = X_batch.col(j).data();  // (n_x): one example
    if (a.flip && rng.uniform() < 0.5)
      for (int c = 0; c < channels; ++c) augment_detail::flip(x + c * plane, height, width);
    if (a.shift > 0) {
      const int span = 2 * a.shift + 1;
      const int dx = static_cast<int>(rng.below(span)) - a.shift;
      const int dy = static_cast<int>(rng.below(span)) - a.shift;
      if (dx != 0 || dy != 0)
        for (int c = 0; c < channels; ++c) augment_detail::shift(x + c * plane, height, width, dx, dy);
    }
    if (a.jitter > 0)
      for (Eigen::Index i = 0; i < X_batch.rows(); ++i) x[i] += static_cast<T>(a.jitter * rng.normal());
  }
}

}  // namespace descent
