#pragma once
// The plane of a training trajectory, after Li, Xu, Taylor, Studer & Goldstein, "Visualizing
// the Loss Landscape of Neural Nets" (NeurIPS 2018), section 7: PCA of the recorded
// parameters' movement M = [theta_0 - theta_n, ..., theta_n - theta_n], with the final
// weights theta_n at the origin of the plane.
//   P  number of parameters (the length of theta)     n  number of snapshots
// P can be large and n is small (hundreds), so the directions come from the (n x n) Gram
// matrix M^T M, never from the (P x P) covariance M M^T: both share their nonzero
// eigenvalues, and M v / sqrt(lambda) is the covariance's eigenvector for M^T M's v.
// As in the authors' PCA (scikit-learn), the columns are centred first: the directions are
// those of the largest variance of the trajectory.
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include <Eigen/Eigenvalues>

#include "core/types.h"

namespace descent {

struct Plane {
  Vector<double> origin;  // (P): the final parameters, (0, 0) on the plane
  Vector<double> d1, d2;  // (P): orthonormal, the two leading principal directions
  double explained1 = 0, explained2 = 0;  // fractions of the trajectory's variance along d1, d2
};

namespace pca_detail {

// A unit vector orthogonal to d (unit): the coordinate axis least aligned with d, minus its
// component along d. For a trajectory that moves along one line only (or not at all).
inline Vector<double> orthogonal_to(const Vector<double>& d) {
  Eigen::Index j = 0;
  d.cwiseAbs().minCoeff(&j);
  Vector<double> e = Vector<double>::Unit(d.size(), j);
  e -= d.dot(e) * d;
  return e / e.norm();
}

}  // namespace pca_detail

// The plane of the snapshots thetas (n of them, each (P)) through origin (P). The signs of
// d1 and d2 put the first snapshot (the initial weights) at alpha <= 0 and beta <= 0.
inline Plane principal_plane(const std::vector<Vector<double>>& thetas, const Vector<double>& origin) {
  const Eigen::Index n = static_cast<Eigen::Index>(thetas.size()), P = origin.size();
  if (n < 1 || P < 2)
    throw std::invalid_argument("[principal_plane]: needs at least 1 snapshot of at least 2 parameters");
  Matrix<double> M(P, n);  // (P x n): column i = theta_i - origin, then centred
  for (Eigen::Index i = 0; i < n; ++i) {
    if (thetas[static_cast<size_t>(i)].size() != P)
      throw std::invalid_argument("[principal_plane]: snapshot " + std::to_string(i) + " has " +
                                  std::to_string(thetas[static_cast<size_t>(i)].size()) + " values, not " +
                                  std::to_string(P));
    M.col(i) = thetas[static_cast<size_t>(i)] - origin;
  }
  const Vector<double> mean = M.rowwise().mean();  // (P)
  M.colwise() -= mean;

  Matrix<double> G(n, n);  // (n x n) Gram matrix of the centred differences
  G.setZero();
  G.selfadjointView<Eigen::Lower>().rankUpdate(M.transpose());  // G = M^T M, lower half
  Eigen::SelfAdjointEigenSolver<Matrix<double>> eig(G);  // eigenvalues ascending
  const Vector<double> lambda = eig.eigenvalues().cwiseMax(0.0);  // rounding can make 0 slightly negative
  const double total = lambda.sum();
  const double lambda1 = lambda(n - 1), lambda2 = n >= 2 ? lambda(n - 2) : 0.0;
  const double negligible = 1e-12 * lambda1;  // a direction this weak is rounding, not movement

  Plane plane;
  plane.origin = origin;
  if (lambda1 > 0.0) {
    plane.d1 = M * eig.eigenvectors().col(n - 1);  // (P) = M v_1, of length sqrt(lambda_1)
    plane.d1 /= plane.d1.norm();
  } else {
    plane.d1 = Vector<double>::Unit(P, 0);  // no movement at all: any plane will do
  }
  if (lambda2 > negligible && lambda1 > 0.0) {
    plane.d2 = M * eig.eigenvectors().col(n - 2);
    plane.d2 -= plane.d1.dot(plane.d2) * plane.d1;  // orthogonal to rounding error, then unit
    plane.d2 /= plane.d2.norm();
  } else {
    plane.d2 = pca_detail::orthogonal_to(plane.d1);
  }
  if (total > 0.0) {
    plane.explained1 = lambda1 / total;
    plane.explained2 = lambda2 > negligible ? lambda2 / total : 0.0;
  }
  // Eigenvectors have no sign of their own: fix one, so the same run draws the same way.
  const Vector<double>& start = thetas.front();
  if (plane.d1.dot(start - origin) > 0.0) plane.d1 = -plane.d1;
  if (plane.d2.dot(start - origin) > 0.0) plane.d2 = -plane.d2;
  return plane;
}

// The plane of one trajectory: the origin is its last snapshot, the final weights.
inline Plane principal_plane(const std::vector<Vector<double>>& thetas) {
  if (thetas.empty()) throw std::invalid_argument("[principal_plane]: no snapshots");
  return principal_plane(thetas, thetas.back());
}

// The coordinates (alpha, beta) of theta (P) on the plane: theta - origin along d1 and d2.
inline Eigen::Vector2d project(const Plane& plane, const Vector<double>& theta) {
  return Eigen::Vector2d(plane.d1.dot(theta - plane.origin), plane.d2.dot(theta - plane.origin));
}

}  // namespace descent
