#pragma once
// One mini-batch update, the unit of training, in two halves so a host can look at the
// batch's loss in between: forward_batch (forward pass, loss) and update_batch (backward
// pass, optimizer step). The session and the benchmark share them, so the benchmark times
// exactly what the page runs.
//   X: (n_x x m)   Y: (n_L x m)   theta_good: (P) the last weights known to give a finite loss
#include <atomic>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include "core/rng.h"
#include "core/threads.h"
#include "optim/optimizer.h"
#include "train/network.h"

namespace descent {

// Forward propagation in training mode (batch statistics, dropout when rng is given);
// returns the batch's loss computed stably from the logits.
template <class T>
double forward_batch(Network<T>& net, const ConstRef<T>& X, const ConstRef<T>& Y, Rng* dropout_rng) {
  net.forward(X, /*training=*/true, dropout_rng);
  return net.stable_loss(Y);
}

// Whether x[0..n) are all finite, in a pass that vectorises (Eigen's allFinite() does not): a
// float is NaN or infinite exactly when its exponent bits are all ones.
template <class T>
bool all_finite(const T* x, std::ptrdiff_t n) {
  using Bits = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
  static_assert(std::numeric_limits<T>::is_iec559 && sizeof(Bits) == sizeof(T), "IEEE float or double");
  constexpr Bits kExponent = sizeof(T) == 4 ? Bits(0x7f800000u) : Bits(0x7ff0000000000000ull);
  Bits not_finite = 0;
  for (std::ptrdiff_t i = 0; i < n; ++i) {
    Bits bits;
    std::memcpy(&bits, x + i, sizeof bits);
    not_finite |= Bits((bits & kExponent) == kExponent);
  }
  return not_finite == 0;
}

// The two passes over theta around a step, split across the engine's threads (by ranges of
// theta; each element on one thread) as the optimizer's update is.
template <class T>
void copy_theta(const Vector<T>& theta, Vector<T>& theta_good) {
  theta_good.resize(theta.size());  // a no-op after the first step
  kernels::parallel_ranges(theta.size(), kernels::kParallelElements, [&](std::ptrdiff_t begin, std::ptrdiff_t end) {
    std::memcpy(theta_good.data() + begin, theta.data() + begin, sizeof(T) * std::size_t(end - begin));
  });
}
template <class T>
bool theta_finite(const Vector<T>& theta) {
  std::atomic<bool> finite{true};
  kernels::parallel_ranges(theta.size(), kernels::kParallelElements, [&](std::ptrdiff_t begin, std::ptrdiff_t end) {
    if (!all_finite(theta.data() + begin, end - begin)) finite.store(false, std::memory_order_relaxed);
  });
  return finite.load();
}

// After forward_batch gave `loss`: backward propagation and one optimizer step at rate alpha.
// Returns false when the loss or the updated weights are not finite; theta is then put back
// to theta_good, the weights before this step.
template <class T>
bool update_batch(Network<T>& net, Optimizer<T>& optimizer, const ConstRef<T>& X, const ConstRef<T>& Y,
                  double loss, T alpha, Vector<T>& theta_good) {
  if (std::isfinite(loss)) {
    copy_theta(net.params.theta, theta_good);  // these weights give a finite loss
    net.backward(X, Y);
    optimizer.update(net.params.theta, net.params.dtheta, alpha);
    if (theta_finite(net.params.theta)) return true;
  }
  net.params.theta = theta_good;
  return false;
}

}  // namespace descent
