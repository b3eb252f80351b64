#include "train/session.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>
#include <stdexcept>

#include "data/augment.h"
#include "data/sets.h"
#include "data/source.h"
#include "gradcheck/network_check.h"
#include "init/init.h"
#include "optim/optimizer_config.h"
#include "train/memory_budget.h"
#include "train/run_diagnosis.h"
#include "train/session_checks.h"
#include "train/train_step.h"

namespace descent {
namespace {

// Child streams of the seed, one per purpose.
enum Purpose : uint64_t { kData = 1, kSplit = 2, kInit = 3, kShuffle = 4, kDropout = 5, kAugment = 6 };

Splits build_splits(const Spec& spec) {
  if (spec.data.separate) {  // each set from its own source, as given (data/sets.h)
    Splits s = load_sets(spec.data, spec.seed);
    check_against_data(spec, s.train);
    if (spec.overfit_samples > 0) keep_first(s.train, spec.overfit_samples);
    return s;
  }
  Rng data_rng(Rng::derive(spec.seed, kData));
  Dataset all = load_data(spec.data, data_rng);
  check_against_data(spec, all);
  Rng split_rng(Rng::derive(spec.seed, kSplit));
  Splits s = split_dataset(all, spec.split, split_rng);
  if (spec.overfit_samples > 0) keep_first(s.train, spec.overfit_samples);
  return s;
}

}  // namespace

namespace {

// batch_size 0 means the whole training set (batch gradient descent). The sizes are checked
// here, before the network and its caches are allocated.
Spec with_batch_size(Spec spec, const Splits& s) {
  if (spec.batch_size == 0) spec.batch_size = std::max(1, s.train.size());
  check_sizes(spec, s);
  check_memory(spec, s);
  return spec;
}

// Snapshots the run's path can hold: Session::kPathCapacity, fewer when a snapshot is large
// or the run leaves little room in the engine's memory; an even number, or 0 (no buffer: the
// path is then the initial and the current weights).
int path_capacity(const Spec& spec, const Splits& s, Eigen::Index P) {
  const double room = kMemoryLimitBytes - kMemoryReserveBytes - estimate_memory(spec, s).total();
  const double bytes = std::min(Session::kPathBytes, room);
  const double fits = bytes / (sizeof(Session::T) * static_cast<double>(std::max<Eigen::Index>(1, P)));
  int n = static_cast<int>(std::min<double>(Session::kPathCapacity, std::max(0.0, fits)));
  n -= n % 2;
  return n >= 4 ? n : 0;
}

}  // namespace

Session::Session(const Spec& spec) : Session(spec, build_splits(spec)) {}

Session::Session(const Spec& spec, Splits splits)
    : spec_(with_batch_size(spec, splits)),
      splits_(std::move(splits)),
      net_(splits_.train.features(), spec.layers, spec.regularization),
      early_stopping_(spec.early_stopping) {
  const int m_train = splits_.train.size();
  if (splits_.train_dev.features() != splits_.train.features()) splits_.train_dev = take_examples(splits_.train, {});

  // Inputs: normalised with the training set's mu and sigma^2 only, when asked.
  Matrix<double> X_train = splits_.train.X, X_dev = splits_.dev.X, X_test = splits_.test.X,
                 X_train_dev = splits_.train_dev.X;
  if (spec.normalize) {
    normalizer_ = fit_normalizer(X_train);
    for (Matrix<double>* X : {&X_train, &X_dev, &X_test, &X_train_dev}) apply(normalizer_, *X);
  }
  X_train_ = X_train.cast<T>();
  X_dev_ = X_dev.cast<T>();
  X_test_ = X_test.cast<T>();
  X_train_dev_ = X_train_dev.cast<T>();
  Y_train_ = targets(splits_.train);
  Y_dev_ = targets(splits_.dev);
  Y_test_ = targets(splits_.test);
  Y_train_dev_ = targets(splits_.train_dev);

  // Caches big enough to evaluate a whole set in one pass.
  const int m_max = std::max({spec_.batch_size, m_train, splits_.dev.size(), splits_.test.size(), splits_.train_dev.size()});
  net_.reserve(m_max);
  X_batch_.resize(net_.inputs(), spec_.batch_size);
  Y_batch_.resize(net_.outputs(), spec_.batch_size);
  batches_per_epoch_ = (m_train + spec_.batch_size - 1) / spec_.batch_size;

  Rng init_rng(Rng::derive(spec.seed, kInit));
  initialize(net_.layers, net_.params, spec.init.scheme, spec.init.scale, init_rng, spec.init.weights);
  theta0_ = net_.params.theta;
  theta_good_ = theta0_;
  theta_best_ = theta0_;
  optimizer_ = make_optimizer<T>(spec.optimizer.config, net_.params.size());
  path_.resize(net_.params.size(), path_capacity(spec_, splits_, net_.params.size()));
  order_.resize(m_train);
  const size_t records = static_cast<size_t>(std::min(spec.epochs, 10000)) + 1;
  history_.reserve(records);
  layer_stats_.reserve(records * net_.layers.size());
  if (spec.record_every > 0)
    step_log_.reserve(static_cast<size_t>(std::min<long long>(
        1LL * spec.epochs * batches_per_epoch_ / spec.record_every + 1, 100000)));
  reset();
}

Matrix<Session::T> Session::targets(const Dataset& d) const {
  if (net_.loss_kind() != LossKind::softmax_cross_entropy) return d.Y.cast<T>();  // (1 x m)
  Matrix<T> Y = Matrix<T>::Zero(net_.outputs(), d.size());  // one-hot: (k x m)
  for (int i = 0; i < d.size(); ++i) Y(static_cast<int>(d.Y(0, i)), i) = T(1);
  return Y;
}

void Session::reset() {
  net_.params.theta = theta0_;
  net_.params.dtheta.setZero();
  for (auto& layer : net_.layers) layer.init(net_.params);  // batch norm's running averages
  optimizer_->reset();
  shuffle_rng_.reseed(Rng::derive(spec_.seed, kShuffle));
  dropout_rng_.reseed(Rng::derive(spec_.seed, kDropout));
  augment_rng_.reseed(Rng::derive(spec_.seed, kAugment));
  epoch_ = 0;
  step_ = 0;
  alpha0_ = spec_.optimizer.learning_rate;
  alpha_ = descent::learning_rate(spec_.schedule, alpha0_, 0);
  early_stopping_.reset();
  stopped_.clear();
  stop_message_.clear();
  history_.clear();
  layer_stats_.clear();
  step_log_.clear();
  path_count_ = 0;
  path_stride_ = 1;
  record_path();  // the initial weights, step 0
  history_.push_back(evaluate());
  observe_for_early_stopping();  // the untrained weights are a candidate too
  begin_epoch();
}

void Session::observe_for_early_stopping() {
  if (!spec_.early_stopping.enabled) return;
  const EpochMetrics& e = history_.back();
  const double value = spec_.early_stopping.monitor == Monitor::dev_loss ? e.dev_loss : e.dev_error;
  if (early_stopping_.observe(epoch_, value)) theta_best_ = net_.params.theta;
}

void Session::set_learning_rate(double alpha0) {
  alpha0_ = alpha0;
  alpha_ = descent::learning_rate(spec_.schedule, alpha0_, epoch_);
}

void Session::begin_epoch() {
  std::iota(order_.begin(), order_.end(), 0);
  shuffle_rng_.shuffle(order_.begin(), order_.end());
  batch_in_epoch_ = 0;
}

int Session::step(int max_steps) {
  int taken = 0;
  const int m_train = static_cast<int>(order_.size());
  while (taken < max_steps && !finished()) {
    const int first = batch_in_epoch_ * spec_.batch_size;
    const int m = std::min(spec_.batch_size, m_train - first);
    if (!train_batch(first, m)) break;
    ++taken;
    ++step_;
    if (step_ % path_stride_ == 0) record_path();  // before end_epoch(), which may restore weights
    if (++batch_in_epoch_ == batches_per_epoch_) end_epoch();
  }
  return taken;
}

bool Session::train_batch(int first, int m) {
  // Gather the mini-batch into preallocated columns: no allocation per step.
  for (int i = 0; i < m; ++i) {
    X_batch_.col(i) = X_train_.col(order_[first + i]);
    Y_batch_.col(i) = Y_train_.col(order_[first + i]);
  }
  auto X = X_batch_.leftCols(m);
  auto Y = Y_batch_.leftCols(m);
  if (spec_.augment.active()) {  // training batches only
    const Dataset& d = splits_.train;
    augment<T>(X, spec_.augment, d.channels, d.height, d.width, augment_rng_);
  }
  const double loss = forward_batch<T>(net_, X, Y, &dropout_rng_);
  if (spec_.record_every > 0 && step_ % spec_.record_every == 0)
    step_log_.push_back({step_, epoch_, net_.loss(Y) + net_.penalty(m)});
  if (update_batch<T>(net_, *optimizer_, X, Y, loss, static_cast<T>(alpha_), theta_good_)) return true;
  // Diverged: the last weights that gave a finite loss are back; say why.
  stopped_ = "diverged";
  stop_message_ = divergence_message(loss, step_, epoch_, alpha_, spec_);
  history_.push_back(evaluate());
  return false;
}

void Session::end_epoch() {
  ++epoch_;
  alpha_ = descent::learning_rate(spec_.schedule, alpha0_, epoch_);
  history_.push_back(evaluate());
  observe_for_early_stopping();
  if (early_stopping_.should_stop() && epoch_ < spec_.epochs) {
      net_.params.theta = theta_best_;  // restore the best weights
      stopped_ = "early_stopping";
      stop_message_ = "stopped at epoch " + std::to_string(epoch_) + ": no improvement of " +
                      kMonitorNames.name(spec_.early_stopping.monitor) + " for " +
                      std::to_string(spec_.early_stopping.patience) +
                      " epochs; the weights of epoch " + std::to_string(early_stopping_.best_epoch()) +
                      " are restored";
  }
  begin_epoch();
}

void Session::evaluate_set(const Matrix<T>& X, const Matrix<T>& Y, double& loss, double& error) {
  if (X.cols() == 0) return;  // no such set: stays NaN
  net_.forward(X, /*training=*/false);
  loss = net_.loss(Y);
  error = net_.error(Y);
}

EpochMetrics Session::evaluate() {
  EpochMetrics e;
  e.epoch = epoch_;
  e.step = step_;
  e.learning_rate = alpha_;
  e.grad_norm = step_ > 0 ? static_cast<double>(net_.params.dtheta.norm()) : EpochMetrics::none;
  evaluate_set(X_dev_, Y_dev_, e.dev_loss, e.dev_error);
  evaluate_set(X_test_, Y_test_, e.test_loss, e.test_error);
  evaluate_set(X_train_dev_, Y_train_dev_, e.train_dev_loss, e.train_dev_error);
  evaluate_set(X_train_, Y_train_, e.train_loss, e.train_error);  // last: the caches hold the training set
  e.stats_begin = layer_stats_.size();
  for (size_t l = 0; l < net_.layers.size(); ++l)
    layer_stats_.push_back(descent::layer_stats(net_, l, static_cast<int>(X_train_.cols())));
  return e;
}

RunSummary Session::summary() const {
  RunSummary s;
  s.epochs_run = epoch_;
  s.final = history_.back();
  if (!stopped_.empty()) {
    s.stopped = stopped_;
    s.message = stop_message_;
  } else {
    s.message = "trained for " + std::to_string(epoch_) + " epochs";
  }
  if (stopped_ == "early_stopping") {
    s.best_epoch = early_stopping_.best_epoch();
    s.final = history_[static_cast<size_t>(s.best_epoch)];
  }
  s.diagnosis = diagnose_session(*this, s.final, stopped_ == "diverged");  // no dev set: variance unknown
  initial_loss_check(history_.front().train_loss, net_.loss_kind(), net_.outputs(), s);
  s.overfit_samples = spec_.overfit_samples;
  return s;
}

double Session::training_loss_at(const Vector<T>& theta) {
  if (theta.size() != net_.params.size())
    throw std::invalid_argument("[Session::training_loss_at]: theta has " + std::to_string(theta.size()) +
                                " values; the network has " + std::to_string(net_.params.size()));
  theta_held_ = net_.params.theta;  // same size every call: Eigen does not reallocate
  net_.params.theta = theta;
  net_.forward(X_train_, /*training=*/false);
  const double loss = net_.loss(Y_train_);
  net_.params.theta = theta_held_;
  return loss;
}

void Session::record_path() {
  if (path_.cols() == 0) return;
  if (path_count_ == path_.cols()) {  // full: keep steps 0, 2s, 4s, ... and double s
    for (int i = 1; i < path_count_ / 2; ++i) path_.col(i) = path_.col(2 * i);
    path_count_ /= 2;
    path_stride_ *= 2;
    if (step_ % path_stride_ != 0) return;
  }
  path_.col(path_count_++) = net_.params.theta;
}

void Session::path(int max_points, std::vector<Vector<double>>& thetas, std::vector<long long>& steps) const {
  if (max_points < 2)
    throw std::invalid_argument("[Session::path]: max_points is " + std::to_string(max_points) + "; allowed: 2 or more");
  const Vector<T>& now = net_.params.theta;  // (P)
  // The snapshots (without a buffer: the initial weights alone), then the current weights
  // unless the last snapshot was taken after this step and holds them.
  const int kept = std::max(1, path_count_);
  const bool last_is_now = path_count_ > 0 && (path_count_ - 1) * path_stride_ == step_ &&
                           path_.col(path_count_ - 1) == now;
  const int total = kept + (last_is_now ? 0 : 1);
  const int n = std::min(total, max_points);
  thetas.clear();
  steps.clear();
  for (int k = 0; k < n; ++k) {
    const int i = n == total ? k : static_cast<int>(std::lround(static_cast<double>(k) * (total - 1) / (n - 1)));
    if (i == kept) {  // the current weights
      thetas.push_back(now.cast<double>());
      steps.push_back(step_);
    } else {
      thetas.push_back(path_count_ > 0 ? Vector<double>(path_.col(i).cast<double>()) : Vector<double>(theta0_.cast<double>()));
      steps.push_back(path_count_ > 0 ? i * path_stride_ : 0);
    }
  }
}

void Session::visit_path(const std::function<void(long long, const T*)>& visit) const {
  const Vector<T>& now = net_.params.theta;  // (P)
  if (path_count_ == 0) visit(0, theta0_.data());  // no buffer: the initial weights alone
  for (int i = 0; i < path_count_; ++i) visit(i * path_stride_, path_.col(i).data());
  const bool last_is_now = path_count_ > 0 ? (path_count_ - 1) * path_stride_ == step_ && path_.col(path_count_ - 1) == now
                                           : step_ == 0 && theta0_ == now;
  if (!last_is_now) visit(step_, now.data());
}

GradcheckReport Session::gradient_check(int max_examples, int max_per_block) const {
  Network<double> net(net_.inputs(), spec_.layers, net_.regularization());
  net.params.theta = net_.params.theta.cast<double>();
  const int m = std::min<int>(max_examples, static_cast<int>(X_train_.cols()));
  net.reserve(m);
  const Matrix<double> X = X_train_.leftCols(m).cast<double>();
  const Matrix<double> Y = Y_train_.leftCols(m).cast<double>();
  return descent::gradient_check(net, X, Y, 1e-7, max_per_block);
}

}  // namespace descent
