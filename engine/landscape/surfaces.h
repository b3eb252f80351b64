#pragma once
// Classic two-parameter loss surfaces f(x, y), on which the engine's optimizers draw paths.
// Each surface is a pair, value and exact gradient side by side; theta = (x, y).
//   bowl             f = 0.5 * (x^2 / kappa + y^2)            kappa = condition (>= 1)
//                    Hessian diag(1/kappa, 1): condition number kappa. The steep direction
//                    keeps curvature 1 for every kappa, so one learning rate (< 2 for GD)
//                    suits every slider position, and along x GD needs ~kappa times more
//                    steps: the slider stretches the contours along x (axis ratio sqrt(kappa)).
//   normalized_bowl  the same bowl after input normalisation (kappa = 1): the round bowl.
//   rosenbrock       f = (a - x)^2 + b (y - x^2)^2, a = 1, b = 100; minimum (1, 1).
//                    H. H. Rosenbrock, "An automatic method for finding the greatest or least
//                    value of a function", The Computer Journal 3(3), 1960.
//   beale            f = (1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2;
//                    minimum (3, 0.5). E. M. L. Beale, "On an iterative method for finding a
//                    local minimum of a function of more than one variable", Princeton, 1958.
//   saddle           f = x^2 - y^2; no minimum, a saddle point at (0, 0).
//   himmelblau       f = (x^2 + y - 11)^2 + (x + y^2 - 7)^2; four minima, all f = 0.
//                    D. M. Himmelblau, "Applied Nonlinear Programming", McGraw-Hill, 1972.
//   plateau          f = 1 - exp(-(x^2 + y^2) / 2); minimum (0, 0). Far out the slope decays
//                    like exp(-r^2 / 2): at the default start (r ~ 6.1) |grad f| ~ 5e-8, so GD
//                    and momentum stall, while RMSProp and Adam divide by sqrt(S) and cross.
#include <cmath>
#include <limits>
#include <vector>

#include <Eigen/Core>

#include "core/names.h"

namespace descent {

enum class SurfaceKind { bowl, normalized_bowl, rosenbrock, beale, saddle, himmelblau, plateau };

inline constexpr NameTable<SurfaceKind, 7> kSurfaceNames{{{
    {SurfaceKind::bowl, "bowl"},
    {SurfaceKind::normalized_bowl, "normalized_bowl"},
    {SurfaceKind::rosenbrock, "rosenbrock"},
    {SurfaceKind::beale, "beale"},
    {SurfaceKind::saddle, "saddle"},
    {SurfaceKind::himmelblau, "himmelblau"},
    {SurfaceKind::plateau, "plateau"},
}}};

struct SurfaceBounds {
  double x0, x1, y0, y1;  // the drawn window: x in [x0, x1], y in [y0, y1]
};

namespace surface {

inline double bowl(double x, double y, double kappa) { return 0.5 * (x * x / kappa + y * y); }
inline Eigen::Vector2d bowl_gradient(double x, double y, double kappa) {
  return {x / kappa, y};  // (df/dx, df/dy)
}

inline double rosenbrock(double x, double y) {
  const double a = 1.0, b = 100.0;
  return (a - x) * (a - x) + b * (y - x * x) * (y - x * x);
}
inline Eigen::Vector2d rosenbrock_gradient(double x, double y) {
  const double a = 1.0, b = 100.0;
  return {-2.0 * (a - x) - 4.0 * b * x * (y - x * x), 2.0 * b * (y - x * x)};
}

// t1, t2, t3: the three residuals, t_i = c_i - x + x y^i with c = (1.5, 2.25, 2.625).
inline double beale(double x, double y) {
  const double t1 = 1.5 - x + x * y, t2 = 2.25 - x + x * y * y, t3 = 2.625 - x + x * y * y * y;
  return t1 * t1 + t2 * t2 + t3 * t3;
}
inline Eigen::Vector2d beale_gradient(double x, double y) {
  const double t1 = 1.5 - x + x * y, t2 = 2.25 - x + x * y * y, t3 = 2.625 - x + x * y * y * y;
  // dt_i/dx = y^i - 1, dt_i/dy = i x y^(i-1)
  return {2.0 * (t1 * (y - 1.0) + t2 * (y * y - 1.0) + t3 * (y * y * y - 1.0)),
          2.0 * (t1 * x + t2 * 2.0 * x * y + t3 * 3.0 * x * y * y)};
}

inline double saddle(double x, double y) { return x * x - y * y; }
inline Eigen::Vector2d saddle_gradient(double x, double y) { return {2.0 * x, -2.0 * y}; }

// u = x^2 + y - 11, v = x + y^2 - 7
inline double himmelblau(double x, double y) {
  const double u = x * x + y - 11.0, v = x + y * y - 7.0;
  return u * u + v * v;
}
inline Eigen::Vector2d himmelblau_gradient(double x, double y) {
  const double u = x * x + y - 11.0, v = x + y * y - 7.0;
  return {4.0 * x * u + 2.0 * v, 2.0 * u + 4.0 * y * v};
}

// s = 2: the width of the well
inline double plateau(double x, double y) { return 1.0 - std::exp(-(x * x + y * y) / 2.0); }
inline Eigen::Vector2d plateau_gradient(double x, double y) {
  const double e = std::exp(-(x * x + y * y) / 2.0);
  return {x * e, y * e};  // (2x / s) e, (2y / s) e
}

}  // namespace surface

struct Surface {
  SurfaceKind kind = SurfaceKind::bowl;
  double condition = 10;  // kappa of the bowl (>= 1); the other surfaces ignore it

  double value(double x, double y) const {
    switch (kind) {
      case SurfaceKind::bowl: return surface::bowl(x, y, condition);
      case SurfaceKind::normalized_bowl: return surface::bowl(x, y, 1.0);
      case SurfaceKind::rosenbrock: return surface::rosenbrock(x, y);
      case SurfaceKind::beale: return surface::beale(x, y);
      case SurfaceKind::saddle: return surface::saddle(x, y);
      case SurfaceKind::himmelblau: return surface::himmelblau(x, y);
      case SurfaceKind::plateau: return surface::plateau(x, y);
    }
    return std::numeric_limits<double>::quiet_NaN();
  }

  // (df/dx, df/dy) at (x, y).
  Eigen::Vector2d gradient(double x, double y) const {
    switch (kind) {
      case SurfaceKind::bowl: return surface::bowl_gradient(x, y, condition);
      case SurfaceKind::normalized_bowl: return surface::bowl_gradient(x, y, 1.0);
      case SurfaceKind::rosenbrock: return surface::rosenbrock_gradient(x, y);
      case SurfaceKind::beale: return surface::beale_gradient(x, y);
      case SurfaceKind::saddle: return surface::saddle_gradient(x, y);
      case SurfaceKind::himmelblau: return surface::himmelblau_gradient(x, y);
      case SurfaceKind::plateau: return surface::plateau_gradient(x, y);
    }
    return Eigen::Vector2d::Constant(std::numeric_limits<double>::quiet_NaN());
  }

  SurfaceBounds bounds() const {
    switch (kind) {
      case SurfaceKind::rosenbrock: return {-2.0, 2.0, -1.0, 3.0};
      case SurfaceKind::beale: return {-4.5, 4.5, -4.5, 4.5};
      case SurfaceKind::saddle: return {-2.0, 2.0, -2.0, 2.0};
      case SurfaceKind::himmelblau: return {-5.0, 5.0, -5.0, 5.0};
      case SurfaceKind::plateau: return {-6.0, 6.0, -6.0, 6.0};
      default: return {-4.0, 4.0, -4.0, 4.0};  // the bowls
    }
  }

  // The global minima (empty for the saddle); Himmelblau's to 15 digits (Newton's method).
  std::vector<Eigen::Vector2d> minima() const {
    switch (kind) {
      case SurfaceKind::rosenbrock: return {{1.0, 1.0}};
      case SurfaceKind::beale: return {{3.0, 0.5}};
      case SurfaceKind::saddle: return {};
      case SurfaceKind::himmelblau:
        return {{3.0, 2.0},
                {-2.805118086952745, 3.131312518250573},
                {-3.779310253377747, -3.283185991286169},
                {3.584428340330492, -1.848126526964403}};
      default: return {{0.0, 0.0}};  // the bowls, the plateau
    }
  }

  // The lowest f over minima(); NaN when there is none (the saddle).
  double lowest_minimum() const {
    double f_min = std::numeric_limits<double>::quiet_NaN();
    for (const Eigen::Vector2d& m : minima())
      if (!(value(m.x(), m.y()) >= f_min)) f_min = value(m.x(), m.y());
    return f_min;
  }

  Eigen::Vector2d default_start() const {
    switch (kind) {
      case SurfaceKind::rosenbrock: return {-1.2, 1.0};  // Rosenbrock's own start
      case SurfaceKind::beale: return {1.0, 1.5};
      case SurfaceKind::saddle: return {-1.8, 1e-3};  // just off the ridge y = 0
      case SurfaceKind::himmelblau: return {0.0, 0.0};
      case SurfaceKind::plateau: return {5.0, 3.5};  // r ~ 6.1: |grad f| ~ 5e-8
      default: return {-3.5, 2.5};  // the bowls
    }
  }
};

}  // namespace descent
