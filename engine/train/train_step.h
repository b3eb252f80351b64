#pragma once
// One mini-batch update, the unit of training, in two halves so a host can look at the
// batch's loss in between: forward_batch (forward pass, loss) and update_batch (backward
// pass, optimizer step). The session and the benchmark share them, so the benchmark times
// exactly what the page runs.
//   X: (n_x x m)   Y: (n_L x m)   theta_good: (P) the last weights known to give a finite loss
#include <cmath>

#include "core/rng.h"
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

// After forward_batch gave `loss`: backward propagation and one optimizer step at rate alpha.
// Returns false when the loss or the updated weights are not finite; theta is then put back
// to theta_good, the weights before this step.
template <class T>
bool update_batch(Network<T>& net, Optimizer<T>& optimizer, const ConstRef<T>& X, const ConstRef<T>& Y,
                  double loss, T alpha, Vector<T>& theta_good) {
  if (std::isfinite(loss)) {
    theta_good = net.params.theta;  // these weights give a finite loss
    net.backward(X, Y);
    optimizer.update(net.params.theta, net.params.dtheta, alpha);
    if (net.params.theta.allFinite()) return true;
  }
  net.params.theta = theta_good;
  return false;
}

}  // namespace descent
