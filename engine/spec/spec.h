#pragma once
// The experiment spec: the one contract between every host and the engine.
// Every field has a default (default_spec()); parse_spec() validates a JSON document in one
// place and throws SpecError naming the field, the value and what is allowed.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "data/data_spec.h"
#include "init/init.h"
#include "layers/layer.h"
#include "optim/optimizer_config.h"
#include "regularization/regularization.h"
#include "schedules/schedule.h"
#include "spec/spec_error.h"
#include "train/early_stopping.h"

namespace descent {

struct InitSpec {
  InitScheme scheme = InitScheme::he;
  double scale = 1.0;                // multiplies every scheme's weights
  std::vector<LayerWeights> weights;  // scheme "explicit": W_l (n_l x n_{l-1}), b_l (n_l x 1)
};

struct OptimizerSpec {
  OptimizerConfig config;      // kind, beta1, beta2, epsilon
  double learning_rate = 0.1;  // alpha0
};

struct Spec {
  uint64_t seed = 1;
  DataSpec data;
  SplitSpec split;
  std::vector<LayerConfig> layers;  // hidden layers then the output layer
  InitSpec init;
  Regularization regularization;    // l2, l1 lambdas
  OptimizerSpec optimizer;
  ScheduleConfig schedule;
  int batch_size = 32;  // m of a mini-batch; the last batch of an epoch may be smaller
  int epochs = 300;
  bool normalize = false;            // inputs: mu and sigma^2 from the training set
  AugmentSpec augment;               // training batches only
  EarlyStoppingConfig early_stopping;
  double bayes_error = 0.0;          // human-level error, for the bias/variance diagnosis
  int overfit_samples = 0;           // > 0: train on only this many examples (a sanity check)
  int record_every = 0;              // > 0: a mini-batch record every this many steps
};

// The default experiment: circles, a [2, 8, 8, 1] ReLU network with a sigmoid output,
// He initialisation, mini-batch gradient descent.
Spec default_spec();

// Parses and validates; missing fields keep the defaults above.
Spec parse_spec(const std::string& json_text);
Spec parse_spec(const nlohmann::json& document);

class Fields;
// The optimizer and schedule objects of a spec, read from f (the caller finishes f): shared
// with the other JSON entry points that take an optimizer or a schedule.
OptimizerSpec read_optimizer(Fields& f, const OptimizerSpec& defaults);
ScheduleConfig read_schedule(Fields& f, const ScheduleConfig& defaults);

// The complete spec, every default filled in: what a host shows and shares.
nlohmann::ordered_json to_json(const Spec& spec);

}  // namespace descent
