#pragma once
// New data for a model from the text of a CSV file, read by the engine's CSV reader
// (data/csv.h: the same header, quoting, number and size rules as the spec's csv source).
// Columns are matched to the model's features by their header names, in any order; the
// label column (named as in the training CSV) may be there or not: prediction ignores it,
// evaluation needs it.
//   m: rows of examples   X: (n_x x m) in the model's feature order   y: (1 x m)
#include <string>
#include <vector>

#include "core/types.h"
#include "model/model.h"

namespace descent {

struct ModelInput {
  Matrix<double> X;       // (n_x x m): raw inputs, the model's features in its order
  bool has_label = false;
  Matrix<double> y;       // (1 x m) when has_label and labels were asked for: class index or target
};

// Reads `text` for `model`. with_labels: the label column must be there, and its cells become
// y: a class name of the model, a number equal to one, or (when no name is a number) the
// class's index 0..k-1 as in the built-in sets; a number for a regression.
// Throws SpecError on `field`: every error of read_csv (a bad cell names its row and column),
// a feature column missing or a column that is neither a feature nor the label (naming it),
// a missing label column or label cell, and a label that is not one of the model's classes.
ModelInput read_model_csv(const std::string& text, const Model& model, bool with_labels,
                          const std::string& field = "data.csv");

// The predictions of `model` for each row of the CSV `text` (read as read_model_csv without
// labels), as CSV text: the header "predicted,p_<class>..." (a regression: "predicted"), then
// one row per input row: the predicted class name and each class's probability, or the
// regression's output; every float written exactly (9 significant digits). What
// `descent predict` writes and the page's "Predict on a file" downloads. Throws SpecError as
// read_model_csv does.
std::string predictions_csv(Model& model, const std::string& text, const std::string& field = "data.csv");

}  // namespace descent
