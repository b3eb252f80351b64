#pragma once
// One training run of an experiment spec: the data, the network, the optimizer and the
// mini-batch loop with its metrics, early stopping and divergence stop. Hosts drive it in
// chunks of steps and collect the epochs it finished.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/rng.h"
#include "data/normalize.h"
#include "data/split.h"
#include "gradcheck/gradcheck.h"
#include "optim/optimizer.h"
#include "spec/spec.h"
#include "train/early_stopping.h"
#include "train/metrics.h"
#include "train/network.h"
#include "train/summary.h"

namespace descent {

class Session {
 public:
  using T = float;  // training runs in float32

  explicit Session(const Spec& spec);  // batch_size 0: the whole training set

  // Runs up to max_steps mini-batch updates, stopping early when the run is finished.
  // Returns the number of steps taken; finished epochs are appended to history().
  int step(int max_steps);

  // Back to epoch 0 with the same initial weights and the same batch order, so runs compare.
  void reset();

  // Hyperparameters that may change during a run, from the next mini-batch on.
  void set_learning_rate(double alpha0);  // the rate the schedule decays from
  void set_regularization(Regularization reg) { net_.set_regularization(reg); }

  bool finished() const { return epoch_ >= spec_.epochs || !stopped_.empty(); }
  int epoch() const { return epoch_; }
  long long steps() const { return step_; }
  int steps_per_epoch() const { return batches_per_epoch_; }
  double learning_rate() const { return alpha_; }  // the rate of the coming epoch
  const Spec& spec() const { return spec_; }
  const Splits& splits() const { return splits_; }
  const Splits& data() const { return splits_; }   // raw inputs, before normalisation
  const Normalizer* normalizer() const { return spec_.normalize ? &normalizer_ : nullptr; }
  Network<T>& network() { return net_; }
  const Network<T>& network() const { return net_; }
  const Matrix<T>& train_inputs() const { return X_train_; }  // (n_x x m_train), normalised

  const std::vector<EpochMetrics>& history() const { return history_; }
  const std::vector<LayerStats>& layer_stats() const { return layer_stats_; }
  // Mini-batch records since the host last cleared them (spec.record_every > 0).
  std::vector<StepMetrics>& step_log() { return step_log_; }

  RunSummary summary() const;

  // Checks backprop of the current weights in double precision on up to max_examples
  // training examples (and up to max_per_block components of each parameter block).
  GradcheckReport gradient_check(int max_examples = 64, int max_per_block = 0) const;

  // The training loss at other weights theta (P), as history() reports it: inference mode,
  // no weight penalty. The run's weights come back afterwards; only the forward caches,
  // which the next step overwrites anyway, are used. No allocation after the first call.
  double training_loss_at(const Vector<T>& theta);

  // The run's path through weight space, for its loss landscape (landscape/landscape.h):
  // theta after steps 0, s, 2s, ... (s = path_stride()), in a buffer of at most kPathCapacity
  // snapshots and kPathBytes, allocated once. When it is full every other snapshot goes and
  // s doubles, so the snapshots stay evenly spaced over the whole run; a step copies theta
  // into a column now and then and never allocates.
  static constexpr int kPathCapacity = 200;               // even: thinning halves it exactly
  static constexpr double kPathBytes = 16.0 * (1 << 20);  // P floats a snapshot
  int path_size() const { return path_count_; }
  long long path_stride() const { return path_stride_; }
  // At most max_points (>= 2) of the path, evenly chosen, in double: always the first
  // snapshot (the initial weights) and, last, the current weights (the run's final ones once
  // it is finished), whether or not a snapshot holds them. steps: the step of each.
  void path(int max_points, std::vector<Vector<double>>& thetas, std::vector<long long>& steps) const;
  // Every snapshot of the path in order, then the current weights unless the last snapshot
  // holds them: visit(step, theta) with theta the snapshot's P values. No copy of theta.
  void visit_path(const std::function<void(long long step, const T* theta)>& visit) const;

 private:
  Session(const Spec& spec, Splits splits);
  void begin_epoch();
  bool train_batch(int first, int m);  // false when the run diverged
  void end_epoch();
  void observe_for_early_stopping();
  EpochMetrics evaluate();
  void evaluate_set(const Matrix<T>& X, const Matrix<T>& Y, double& loss, double& error);
  Matrix<T> targets(const Dataset& d) const;  // labels -> (n_L x m) targets of the loss

  Spec spec_;
  Splits splits_;
  Normalizer normalizer_;
  Matrix<T> X_train_, Y_train_, X_dev_, Y_dev_, X_test_, Y_test_;  // (n_x x m), (n_L x m)
  Matrix<T> X_train_dev_, Y_train_dev_;  // separate sets only; else 0 examples
  Network<T> net_;
  std::unique_ptr<Optimizer<T>> optimizer_;
  Vector<T> theta0_;      // the initial weights, kept for reset()
  Vector<T> theta_good_;  // the weights before the current step: kept if it diverges
  Vector<T> theta_best_;  // early stopping's best weights
  Vector<T> theta_held_;  // the run's weights while training_loss_at() looks elsewhere

  Rng shuffle_rng_, dropout_rng_, augment_rng_;
  std::vector<int> order_;          // this epoch's permutation of the training examples
  Matrix<T> X_batch_, Y_batch_;     // (n_x x batch_size), (n_L x batch_size)
  int batches_per_epoch_ = 0;
  int batch_in_epoch_ = 0;
  int epoch_ = 0;
  long long step_ = 0;
  double alpha0_ = 0;  // the schedule's starting rate
  double alpha_ = 0;   // this epoch's rate
  EarlyStopping early_stopping_;
  std::string stopped_, stop_message_;  // why the run ended before its epochs
  std::vector<EpochMetrics> history_;
  std::vector<LayerStats> layer_stats_;  // L per epoch record
  std::vector<StepMetrics> step_log_;

  void record_path();   // theta into the path's next column (thinning it first when full)
  Matrix<T> path_;      // (P x capacity): column i is theta after step i * path_stride_
  int path_count_ = 0;  // columns in use
  long long path_stride_ = 1;
};

}  // namespace descent
