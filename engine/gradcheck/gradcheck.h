#pragma once
// Gradient checking, as the course teaches it. theta is every parameter flattened
// (W1, b1, ..., WL, bL in the buffer's order); for each component i
//   d_approx[i] = (J(theta + eps e_i) - J(theta - eps e_i)) / (2 eps)
// and the check returns difference = ||d_approx - d||_2 / (||d_approx||_2 + ||d||_2),
// overall and per parameter block, with the worst components, judged against the course's
// bands: < 1e-7 great, < 1e-5 fine, < 1e-3 worrying, above that backprop is wrong.
// It runs in double: a central difference with eps = 1e-7 needs it.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "layers/parameters.h"

namespace descent {

struct ComponentCheck {
  int row = 0, col = 0;  // within the block
  double analytic = 0, numeric = 0;
};

struct BlockCheck {
  std::string name;         // "W1", "b1", ... (the report calls its gradient dW1, db1, ...)
  double difference = 0;    // the relative difference over this block
  std::vector<ComponentCheck> worst;  // the components with the largest |analytic - numeric|
};

struct GradcheckReport {
  double difference = 0;  // over every parameter checked
  double epsilon = 1e-7;
  std::vector<BlockCheck> blocks;
  std::vector<std::string> notes;  // e.g. dropout switched off, components sampled
};

inline const char* gradcheck_verdict(double difference) {
  if (difference < 1e-7) return "great: backprop matches the numerical gradient";
  if (difference < 1e-5) return "fine, probably: look at the worst components";
  if (difference < 1e-3) return "worrying: a component may be wrong";
  return "wrong: backprop does not match the numerical gradient";
}

inline double relative_difference(const Vector<double>& approx, const Vector<double>& exact) {
  const double denominator = approx.norm() + exact.norm();
  return denominator == 0.0 ? 0.0 : (approx - exact).norm() / denominator;
}

// Checks `analytic` (P) against central differences of J at theta (P). J(theta) must read
// theta; it is restored after each component. `checked` lists the components to check
// per block (empty: all of them).
template <class CostFn>
GradcheckReport check_gradient(Vector<double>& theta, const Vector<double>& analytic,
                               const std::vector<Parameters<double>::Block>& blocks, CostFn J,
                               double epsilon = 1e-7, int max_per_block = 0, int worst = 3) {
  GradcheckReport report;
  report.epsilon = epsilon;
  std::vector<double> all_approx, all_exact;
  for (const auto& block : blocks) {
    const Eigen::Index n = block.size();
    const Eigen::Index stride = (max_per_block > 0 && n > max_per_block) ? (n + max_per_block - 1) / max_per_block : 1;
    std::vector<Eigen::Index> indices;
    for (Eigen::Index k = 0; k < n; k += stride) indices.push_back(k);
    Vector<double> approx(indices.size()), exact(indices.size());
    std::vector<ComponentCheck> components;
    for (size_t c = 0; c < indices.size(); ++c) {
      const Eigen::Index i = block.offset + indices[c];
      const double saved = theta[i];
      theta[i] = saved + epsilon;
      const double J_plus = J(theta);
      theta[i] = saved - epsilon;
      const double J_minus = J(theta);
      theta[i] = saved;
      approx[c] = (J_plus - J_minus) / (2.0 * epsilon);
      exact[c] = analytic[i];
      // Column-major within the block, as the buffer stores it.
      components.push_back({int(indices[c] % block.rows), int(indices[c] / block.rows), exact[c], approx[c]});
      all_approx.push_back(approx[c]);
      all_exact.push_back(exact[c]);
    }
    BlockCheck check;
    check.name = block.name;
    check.difference = relative_difference(approx, exact);
    std::sort(components.begin(), components.end(), [](const auto& a, const auto& b) {
      return std::abs(a.analytic - a.numeric) > std::abs(b.analytic - b.numeric);
    });
    components.resize(std::min<size_t>(components.size(), size_t(worst)));
    check.worst = std::move(components);
    report.blocks.push_back(std::move(check));
    if (stride > 1)
      report.notes.push_back(block.name + ": " + std::to_string(indices.size()) + " of " +
                             std::to_string(n) + " components checked (every " +
                             std::to_string(stride) + "th)");
  }
  report.difference = relative_difference(
      Eigen::Map<Vector<double>>(all_approx.data(), Eigen::Index(all_approx.size())),
      Eigen::Map<Vector<double>>(all_exact.data(), Eigen::Index(all_exact.size())));
  return report;
}

}  // namespace descent
