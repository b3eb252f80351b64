#pragma once
// The gradient check of a whole network on a batch (X, Y): the cost includes the weight
// penalty; batch norm uses the batch's statistics; dropout is switched off for the check
// (a random mask would make J differ between the two sides of the difference), and the
// report says so.
#include "gradcheck/gradcheck.h"
#include "train/network.h"

namespace descent {

inline GradcheckReport gradient_check(Network<double>& net, const ConstRef<double>& X,
                                      const ConstRef<double>& Y, double epsilon = 1e-7,
                                      int max_per_block = 0) {
  net.forward(X, /*training=*/true, /*dropout_rng=*/nullptr);
  net.backward(X, Y);
  const Vector<double> analytic = net.params.dtheta;
  auto J = [&](const Vector<double>&) {
    net.forward(X, /*training=*/true, nullptr);
    return net.cost(Y);
  };
  GradcheckReport report =
      check_gradient(net.params.theta, analytic, net.params.blocks(), J, epsilon, max_per_block);
  for (const auto& layer : net.layers)
    if (layer.config().keep_prob < 1.0) {
      report.notes.insert(report.notes.begin(),
                          "dropout was switched off for the check (keep_prob 1), as the course advises");
      break;
    }
  return report;
}

}  // namespace descent
