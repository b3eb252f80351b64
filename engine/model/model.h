#pragma once
// A trained model: what a run leaves behind for use on new data. Saved as one JSON document
// (format "descent-model", version 1) and loaded back, validated field by field, for
// prediction in inference mode (no dropout, batch norm's running averages).
//   n_x: features   k: classes (1 output unit for 2 classes with a sigmoid)   m: examples
//   X: (n_x x m) raw inputs, before normalisation   A: (n_L x m) the network's outputs
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/types.h"
#include "spec/spec.h"
#include "train/network.h"

namespace descent {

class Session;

// The metrics of a model on labelled data, computed as the run computes them (float32, the
// loss without the weight penalty).
struct Evaluation {
  int rows = 0;
  double loss = 0;   // the loss of the output activation
  double error = 0;  // the fraction misclassified, or the mean squared error of a regression
  // (k x k): confusion[true class][predicted class]; empty for a regression.
  std::vector<std::vector<int>> confusion;
};

class Model {
 public:
  using T = float;  // the precision the model was trained in
  static constexpr int kVersion = 1;

  // The model of a run at its current weights (the best ones once early stopping restored them).
  static Model from_session(const Session& session);
  // Parses and validates a model document. Throws SpecError naming the field: "model" (not
  // JSON, not an object), "format", "version", "spec" or "spec.<field>" (the spec's own
  // errors), "weights" and "weights.blocks[i]" (do not fit the spec's layers), "features",
  // "classes", "task", "label", "normalization.mean", "normalization.std", "batch_norm".
  static Model parse(const std::string& text);
  static Model from_json(const nlohmann::json& document);

  // Sets a run's network to this model's weights and batch norm's running averages, so the
  // run predicts as the model does. Throws SpecError on "weights" when the run's layers differ.
  void restore_into(Session& session) const;

  // The model document: format, version, spec, weights, normalization, batch_norm, classes,
  // features, label, task, trained.
  nlohmann::ordered_json to_json() const;

  // A = the network's outputs for the raw inputs X (n_x x m), in inference mode.
  // Throws SpecError on "data" when X has not n_x rows.
  Matrix<T> predict(const Matrix<double>& X);
  // The class of each column of A (k > 0): argmax of a softmax, A > 0.5 for a sigmoid, as the
  // run's error counts them.
  std::vector<int> predicted_classes(const Matrix<T>& A) const;
  // The probability of class c in column i of A (k > 0).
  double probability(const Matrix<T>& A, int c, int i) const;
  // The metrics on X (n_x x m) with labels y (1 x m): class indices 0..k-1 or targets.
  Evaluation evaluate(const Matrix<double>& X, const Matrix<double>& y);

  bool is_regression() const { return classes_.empty(); }
  int features() const { return static_cast<int>(features_.size()); }
  const std::vector<std::string>& feature_names() const { return features_; }
  const std::vector<std::string>& class_names() const { return classes_; }  // k names, or none
  const std::string& label() const { return label_; }  // the label column's name in a CSV
  const Spec& spec() const { return spec_; }
  const Vector<T>& theta() const { return net_->params.theta; }

 private:
  Model() = default;
  void normalize(Matrix<double>& X) const;  // (x - mean) / std, as the run's Normalizer

  Spec spec_;
  std::unique_ptr<Network<T>> net_;
  std::vector<std::string> features_, classes_;
  std::string label_ = "label";
  bool normalized_ = false;
  Vector<double> mean_, std_;  // (n_x): std = sqrt(sigma^2 + epsilon), what the run divides by
  nlohmann::ordered_json trained_ = nlohmann::ordered_json::object();
};

}  // namespace descent
