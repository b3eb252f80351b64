#pragma once
// The real data sets built into the engine (scikit-learn's copies; see data/sets/README.md).
// Their CSV text is compiled in, so every host has them identically, without file I/O.
//   digits         1797 x 64: 8x8 images (channels 1, height 8, width 8), pixels 0..16, 10 classes
//   iris            150 x 4, 3 classes     wine  178 x 13, 3 classes
//   breast_cancer   569 x 30, 2 classes (0 malignant, 1 benign)
// X: (n_x x m), one column per example; Y: (1 x m), scikit-learn's class index.
#include "data/data_spec.h"
#include "data/dataset.h"

namespace descent {

// The built-in set `which` (digits, iris, wine or breast_cancer) with its feature and class
// names. Throws SpecError on "data.source" for any other source.
Dataset load_builtin(DataSource which);

}  // namespace descent
