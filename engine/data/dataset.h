#pragma once
// A labelled data set in the engine's layout.
//   X: (n_x x m)   Y: (1 x m), labels 0 or 1 for two classes
#include "core/types.h"

namespace descent {

struct Dataset {
  Matrix<double> X;
  Matrix<double> Y;
  int classes = 2;

  int size() const { return static_cast<int>(X.cols()); }
  int features() const { return static_cast<int>(X.rows()); }
};

}  // namespace descent
