#pragma once
// A Session behind a JSON-in, JSON-out face that never throws: what the WASM bindings
// expose. Every answer is {"ok": true, ...} or {"ok": false, "error": {field, given,
// allowed, message}}, so errors cross to JavaScript as data.
#include <memory>
#include <string>

#include "train/session.h"
#include <vector>

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
  // The raw data points of the run: {ok, features, classes, class_names, train: {x, y}, dev: {x, y}}
  // with x as rows of the first two features (2-feature data) and y the labels.
  std::string points();
  // The current weights ({ok, weights: {format, version, blocks}}), and loading them back.
  std::string weights();
  std::string load_weights(const std::string& weights_json);
  // The loss landscape of this run's recorded path, other optimizers' runs optional
  // (landscape/landscape.h, run_landscape). The run goes on as it was.
  std::string landscape(const std::string& request_json);
  // Changes a hyperparameter during a run ("learning_rate"). Answer: {ok}.
  std::string set(const std::string& key, double value);

 private:
  std::string new_epochs(nlohmann::ordered_json answer);

  std::unique_ptr<Session> session_;
  std::vector<float> grid_;   // resolution^2 * channels values of the last grid()
  Matrix<float> grid_X_;      // (2 x capacity) scratch for grid()
  size_t reported_ = 0;  // epochs of the history already handed out
};

}  // namespace descent
