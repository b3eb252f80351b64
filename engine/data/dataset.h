#pragma once
// A labelled data set in the engine's layout.
//   X: (n_x x m)   Y: (1 x m): the class index 0..k-1, or the target of a regression
// Image inputs store each image channel-major, row by row: feature c*H*W + y*W + x.
#include <string>
#include <vector>

#include "core/types.h"

namespace descent {

struct Dataset {
  Matrix<double> X;
  Matrix<double> Y;
  int classes = 2;  // k; 0 for a regression
  std::vector<std::string> feature_names;  // n_x names (may be empty for generated data)
  std::vector<std::string> class_names;    // k names (may be empty)
  int channels = 0, height = 0, width = 0;  // image inputs (n_x = C*H*W); 0 otherwise

  int size() const { return static_cast<int>(X.cols()); }
  int features() const { return static_cast<int>(X.rows()); }
  bool is_image() const { return height > 0 && width > 0; }
  bool is_regression() const { return classes == 0; }
  // Takes other's classes, names and image shape (not its examples).
  void describe_as(const Dataset& other) {
    classes = other.classes;
    feature_names = other.feature_names;
    class_names = other.class_names;
    channels = other.channels;
    height = other.height;
    width = other.width;
  }
};

}  // namespace descent
