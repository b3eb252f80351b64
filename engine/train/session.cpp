#include "train/session.h"

#include <algorithm>
#include <numeric>

#include "data/generators.h"
#include "init/init.h"
#include "optim/gradient_descent.h"

namespace descent {
namespace {

// Child streams of the seed, one per purpose.
enum Purpose : uint64_t { kData = 1, kSplit = 2, kInit = 3, kShuffle = 4 };

Dataset generate(const Spec& spec) {
  Rng rng(Rng::derive(spec.seed, kData));
  return make_circles(spec.data.samples, spec.data.noise, spec.data.factor, rng);
}

}  // namespace

Session::Session(const Spec& spec)
    : spec_(spec),
      splits_([&] {
        Rng rng(Rng::derive(spec.seed, kSplit));
        return split_dataset(generate(spec), spec.split.dev, spec.split.test, rng);
      }()),
      net_(splits_.train.features(), spec.layers),
      optimizer_(std::make_unique<GradientDescent<T>>()) {
  const int m_train = splits_.train.size();
  if (m_train < 1)
    throw SpecError("split.train", std::to_string(spec.split.train),
                    "allowed: a ratio that leaves at least one training example");
  if (spec.batch_size > m_train)
    throw SpecError("batch_size", std::to_string(spec.batch_size),
                    "allowed: 1 to the training-set size, " + std::to_string(m_train));

  X_train_ = splits_.train.X.cast<T>();
  Y_train_ = splits_.train.Y.cast<T>();
  X_dev_ = splits_.dev.X.cast<T>();
  Y_dev_ = splits_.dev.Y.cast<T>();
  X_test_ = splits_.test.X.cast<T>();
  Y_test_ = splits_.test.Y.cast<T>();

  // Caches big enough to evaluate a whole set in one pass.
  const int m_max = std::max({spec.batch_size, m_train, splits_.dev.size(), splits_.test.size()});
  net_.reserve(m_max);
  X_batch_.resize(net_.inputs(), spec.batch_size);
  Y_batch_.resize(1, spec.batch_size);
  batches_per_epoch_ = (m_train + spec.batch_size - 1) / spec.batch_size;

  Rng init_rng(Rng::derive(spec.seed, kInit));
  initialize(net_.layers, net_.params, spec.init.scheme, spec.init.scale, init_rng);
  theta0_ = net_.params.theta;
  order_.resize(m_train);
  history_.reserve(static_cast<size_t>(std::min(spec.epochs, 100000)) + 1);
  reset();
}

void Session::reset() {
  net_.params.theta = theta0_;
  net_.params.dtheta.setZero();
  optimizer_->reset();
  shuffle_rng_.reseed(Rng::derive(spec_.seed, kShuffle));
  alpha_ = spec_.optimizer.learning_rate;
  epoch_ = 0;
  step_ = 0;
  history_.clear();
  history_.push_back(evaluate());
  begin_epoch();
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
  net_.forward(X, m);
  net_.backward(X, Y, m);
  optimizer_->update(net_.params.theta, net_.params.dtheta, static_cast<T>(alpha_));
}

void Session::evaluate_set(const Matrix<T>& X, const Matrix<T>& Y, double& loss, double& error) {
  const int m = static_cast<int>(X.cols());
  if (m == 0) return;  // no such set: stays NaN
  auto A = net_.forward(X, m);
  loss = BinaryCrossEntropy::cost<T>(A, Y);
  error = BinaryCrossEntropy::error<T>(A, Y);
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

}  // namespace descent
