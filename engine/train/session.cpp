#include "train/session.h"

#include <algorithm>
#include <numeric>

#include "data/generators.h"
#include "gradcheck/network_check.h"
#include "init/init.h"
#include "optim/optimizer_config.h"

namespace descent {
namespace {

// Child streams of the seed, one per purpose.
enum Purpose : uint64_t { kData = 1, kSplit = 2, kInit = 3, kShuffle = 4, kDropout = 5 };

Dataset generate(const Spec& spec) {
  Rng rng(Rng::derive(spec.seed, kData));
  return make_circles(spec.data.samples, spec.data.noise, spec.data.factor, rng);
}

// The output layer must fit the data: 1 sigmoid unit for 2 classes, k softmax units for k
// classes, and explicit weights must have the network's shapes.
void check_against_data(const Spec& spec, const Dataset& data) {
  const size_t L = spec.layers.size() - 1;
  const LayerConfig& out = spec.layers[L];
  const std::string field = "layers[" + std::to_string(L) + "].units";
  if (out.activation == Activation::sigmoid && data.classes != 2)
    throw SpecError(field, "1 sigmoid unit", "allowed: softmax with " + std::to_string(data.classes) +
                                                 " units for " + std::to_string(data.classes) + " classes");
  if (out.activation == Activation::softmax && out.units != data.classes)
    throw SpecError(field, std::to_string(out.units),
                    "allowed: one softmax unit per class (" + std::to_string(data.classes) + ")");
  if (out.activation == Activation::linear && out.units != 1)
    throw SpecError(field, std::to_string(out.units), "allowed: 1 linear unit (one target per example)");
  int n_prev = data.features();
  for (size_t l = 0; l < spec.init.weights.size(); ++l) {
    const auto& W = spec.init.weights[l].W;
    if (W.rows() != spec.layers[l].units || W.cols() != n_prev)
      throw SpecError("init.weights[" + std::to_string(l) + "].W",
                      std::to_string(W.rows()) + " x " + std::to_string(W.cols()),
                      "allowed: " + std::to_string(spec.layers[l].units) + " x " + std::to_string(n_prev) +
                          " (n_l x n_{l-1})");
    n_prev = spec.layers[l].units;
  }
}

}  // namespace

Session::Session(const Spec& spec)
    : spec_(spec),
      splits_([&] {
        Dataset all = generate(spec);
        check_against_data(spec, all);
        Rng rng(Rng::derive(spec.seed, kSplit));
        return split_dataset(all, spec.split.dev, spec.split.test, rng);
      }()),
      net_(splits_.train.features(), spec.layers, spec.regularization) {
  const int m_train = splits_.train.size();
  if (m_train < 1)
    throw SpecError("split.train", std::to_string(spec.split.train),
                    "allowed: a ratio that leaves at least one training example");
  if (spec.batch_size > m_train)
    throw SpecError("batch_size", std::to_string(spec.batch_size),
                    "allowed: 1 to the training-set size, " + std::to_string(m_train));

  X_train_ = splits_.train.X.cast<T>();
  Y_train_ = targets(splits_.train);
  X_dev_ = splits_.dev.X.cast<T>();
  Y_dev_ = targets(splits_.dev);
  X_test_ = splits_.test.X.cast<T>();
  Y_test_ = targets(splits_.test);

  // Caches big enough to evaluate a whole set in one pass.
  const int m_max = std::max({spec.batch_size, m_train, splits_.dev.size(), splits_.test.size()});
  net_.reserve(m_max);
  X_batch_.resize(net_.inputs(), spec.batch_size);
  Y_batch_.resize(net_.outputs(), spec.batch_size);
  batches_per_epoch_ = (m_train + spec.batch_size - 1) / spec.batch_size;

  Rng init_rng(Rng::derive(spec.seed, kInit));
  initialize(net_.layers, net_.params, spec.init.scheme, spec.init.scale, init_rng, spec.init.weights);
  theta0_ = net_.params.theta;
  optimizer_ = make_optimizer<T>(spec.optimizer.config, net_.params.size());
  alpha0_ = spec.optimizer.learning_rate;
  order_.resize(m_train);
  history_.reserve(static_cast<size_t>(std::min(spec.epochs, 100000)) + 1);
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
  epoch_ = 0;
  step_ = 0;
  alpha_ = descent::learning_rate(spec_.schedule, alpha0_ = spec_.optimizer.learning_rate, 0);
  history_.clear();
  history_.push_back(evaluate());
  begin_epoch();
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
    train_batch(first, m);
    ++taken;
    ++step_;
    if (++batch_in_epoch_ == batches_per_epoch_) {
      ++epoch_;
      alpha_ = descent::learning_rate(spec_.schedule, alpha0_, epoch_);
      history_.push_back(evaluate());
      begin_epoch();
    }
  }
  return taken;
}

void Session::train_batch(int first, int m) {
  // Gather the mini-batch into preallocated columns: no allocation per step.
  for (int i = 0; i < m; ++i) {
    X_batch_.col(i) = X_train_.col(order_[first + i]);
    Y_batch_.col(i) = Y_train_.col(order_[first + i]);
  }
  auto X = X_batch_.leftCols(m);
  auto Y = Y_batch_.leftCols(m);
  net_.forward(X, /*training=*/true, &dropout_rng_);
  net_.backward(X, Y);
  optimizer_->update(net_.params.theta, net_.params.dtheta, static_cast<T>(alpha_));
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
  evaluate_set(X_train_, Y_train_, e.train_loss, e.train_error);
  evaluate_set(X_dev_, Y_dev_, e.dev_loss, e.dev_error);
  evaluate_set(X_test_, Y_test_, e.test_loss, e.test_error);
  return e;
}

GradcheckReport Session::gradient_check(int max_examples, int max_per_block) const {
  Network<double> net(net_.inputs(), spec_.layers, spec_.regularization);
  net.params.theta = net_.params.theta.cast<double>();
  const int m = std::min<int>(max_examples, static_cast<int>(X_train_.cols()));
  net.reserve(m);
  const Matrix<double> X = X_train_.leftCols(m).cast<double>();
  const Matrix<double> Y = Y_train_.leftCols(m).cast<double>();
  return descent::gradient_check(net, X, Y, 1e-7, max_per_block);
}

}  // namespace descent
