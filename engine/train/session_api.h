#pragma once
// A Session behind a JSON-in, JSON-out face that never throws: what the WASM bindings
// expose. Every answer is {"ok": true, ...} or {"ok": false, "error": {field, given,
// allowed, message}}, so errors cross to JavaScript as data.
#include <memory>
#include <string>

#include <cstdint>
#include <vector>

#include "train/network_view.h"
#include "train/session.h"

namespace descent {

class SessionApi {
 public:
  // Parses, validates and builds a run. Answer: {ok, spec (every default filled in),
  // steps_per_epoch, epochs: [epoch 0]}.
  std::string load(const std::string& spec_json);
  // Up to max_steps mini-batch updates. Answer: {ok, steps, epoch, finished, epochs: [new]}.
  std::string step(int max_steps);
  // Back to the initial weights. Answer: {ok, epochs: [epoch 0]}.
  std::string reset();
  // Checks backprop at the current weights. Answer: {ok, report: {difference, verdict,
  // blocks: [{block, difference, verdict, worst}], notes}}.
  std::string gradcheck();
  // The decision boundary over a resolution^2 grid (2-feature data only): fills grid_values()
  // and answers {ok, x0, x1, y0, y1, resolution, channels}.
  std::string grid(int resolution);
  const std::vector<float>& grid_values() const { return grid_; }
  // The raw data points of the run: {ok, features, classes, class_names, separate, train: {x, y},
  // dev: {x, y}, test: {x, y}, train_dev: {x, y}} (separate: data names its sets; x only for 2+ features)
  // with x as rows of the first two features (2-feature data) and y the labels.
  std::string points();
  // The current weights ({ok, weights: {format, version, blocks}}), and loading them back.
  std::string weights();
  std::string load_weights(const std::string& weights_json);
  // A model document (model/model.h) into the run: its weights and batch norm's running averages.
  std::string load_model(const std::string& model_json);
  // The run's model at its current weights (model/model.h), as `descent run --save` writes it:
  // {ok, model: {format, version, task, features, classes, label, normalization, batch_norm,
  // trained, spec, weights}}.
  std::string model();
  // That model's predictions for each row of a CSV (model/model_csv.h, predictions_csv): {ok,
  // csv}, the text `descent predict` writes. A refused CSV names its row and column (field "data.csv").
  std::string predict(const std::string& csv_text);
  // The loss landscape of this run's recorded path, other optimizers' runs optional
  // (landscape/landscape.h, run_landscape). The run goes on as it was.
  std::string landscape(const std::string& request_json);
  // Changes a hyperparameter during a run ("learning_rate"). Answer: {ok}.
  std::string set(const std::string& key, double value);

  // The network as the page draws it (train/network_view.h): fills the arrays below and
  // answers {ok, epoch, step, features, featureNames, image: {width, height} | null,
  // layers: [{units, fanIn, activation, norm, keepProb, bias, gamma, dead, saturated, mask}]
  // (the booleans say which arrays exist), grid: {resolution, x0, x1, y0, y1} | null}.
  // with_mask: the dropout masks, given only when the last step() call took a single batch.
  std::string network(int resolution, bool with_mask);
  // An array of the last network() answer, or nullptr when the layer (0-based) has none:
  // "W", "b", "gamma", "beta", "mean", "std", "dead", "saturated", "weightNorm", "grid".
  const std::vector<float>* network_floats(const std::string& name, int layer) const;
  const std::vector<std::uint8_t>* network_mask(int layer) const;
  // "inputMean" or "inputStd" (n_x), or nullptr.
  const std::vector<double>* network_inputs(const std::string& name) const;
  // Sets one parameter between steps (layer 1..L, unit, input; input -1: the bias), the
  // optimizer's moments untouched. Answer: {ok} or an error naming the field and its range.
  std::string set_weight(int layer, int unit, int input, double value);
  // One parameter over the run (train/network_view.h, param_history). Answer: {ok, epochs,
  // steps, values} and, for a bias (input -1), norms: the unit's incoming weight norm.
  std::string param_history(int layer, int unit, int input);

 private:
  std::string new_epochs(nlohmann::ordered_json answer);

  std::unique_ptr<Session> session_;
  std::vector<float> grid_;   // resolution^2 * channels values of the last grid()
  Matrix<float> grid_X_;      // (2 x capacity) scratch for grid()
  size_t reported_ = 0;  // epochs of the history already handed out
  NetworkView view_;     // the last network() answer's arrays, reused
  Matrix<float> view_X_; // (2 x capacity) scratch for network()
  bool single_step_ = false;  // the last step() call took one batch, and the weights are its
};

}  // namespace descent
