#include "model/model.h"

#include <cmath>

#include "data/csv_records.h"
#include "model/model_csv.h"
#include "train/session.h"
#include "train/weights_json.h"

namespace descent {
namespace {

using json = nlohmann::json;
using ordered = nlohmann::ordered_json;

const char* const kFormat = "descent-model";
const char* const kTrainedKeys[] = {"epochs_run", "stopped",    "best_epoch", "train_loss",    "train_error",
                                    "dev_loss",   "dev_error",  "test_loss",  "test_error",    "train_examples"};
const char* const kAllowedFile = "allowed: a model file saved by descent run --save";

// The running averages of layer l's batch norm, to be set: Normalization has only readers, and
// the vectors belong to the (non-const) network, so casting the constness away is sound.
Vector<float>& running(Layer<float>& layer, bool mean) {
  const auto& norm = *layer.norm();
  return const_cast<Vector<float>&>(mean ? norm.running_mean() : norm.running_var());
}

bool has_batch_norm(const Layer<float>& layer) { return layer.norm() && layer.norm()->kind() == NormKind::batch; }

template <class V>
ordered numbers(const V& v) {
  ordered out = ordered::array();
  for (Eigen::Index i = 0; i < v.size(); ++i) out.push_back(static_cast<double>(v(i)));
  return out;
}

// n finite numbers (> 0 when positive) at j, into out.
template <class V>
void read_numbers(const json& j, const std::string& field, Eigen::Index n, bool positive, V& out) {
  const std::string allowed = "allowed: " + std::to_string(n) + (positive ? " numbers > 0" : " finite numbers") +
                              ", one per " + (field.rfind("normalization", 0) == 0 ? "feature" : "channel");
  if (!j.is_array() || static_cast<Eigen::Index>(j.size()) != n)
    throw SpecError(field, j.is_array() ? std::to_string(j.size()) + " numbers" : clip(j.dump(), 60), allowed);
  out.resize(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto& v = j[static_cast<size_t>(i)];
    if (!v.is_number() || !std::isfinite(v.get<double>()) || (positive && !(v.get<double>() > 0)))
      throw SpecError(field + "[" + std::to_string(i) + "]", clip(v.dump(), 60), allowed);
    out(i) = static_cast<typename V::Scalar>(v.get<double>());
  }
}

std::vector<std::string> read_names(const json& j, const std::string& field, size_t n, const std::string& allowed) {
  if (!j.is_array() || (n > 0 && j.size() != n) || j.empty())
    throw SpecError(field, j.is_array() ? std::to_string(j.size()) + " names" : clip(j.dump(), 60), allowed);
  std::vector<std::string> names;
  for (const auto& name : j) {
    if (!name.is_string()) throw SpecError(field, clip(name.dump(), 60), allowed);
    names.push_back(name.get<std::string>());
  }
  return names;
}

}  // namespace

Model Model::from_session(const Session& session) {
  Model m;
  m.spec_ = session.spec();
  const auto& net = session.network();
  const Dataset& train = session.splits().train;
  m.net_ = std::make_unique<Network<T>>(net.inputs(), m.spec_.layers, m.spec_.regularization);
  m.net_->params.theta = net.params.theta;
  for (size_t l = 0; l < net.layers.size(); ++l)
    if (has_batch_norm(net.layers[l])) {
      running(m.net_->layers[l], true) = net.layers[l].norm()->running_mean();
      running(m.net_->layers[l], false) = net.layers[l].norm()->running_var();
    }
  m.features_ = train.feature_names;
  if (static_cast<int>(m.features_.size()) != net.inputs()) {  // generated data: x1, x2, ...
    m.features_.clear();
    for (int i = 1; i <= net.inputs(); ++i) m.features_.push_back("x" + std::to_string(i));
  }
  if (!train.is_regression()) {
    m.classes_ = train.class_names;
    if (static_cast<int>(m.classes_.size()) != train.classes) {  // unnamed classes: 0, 1, ...
      m.classes_.clear();
      for (int c = 0; c < train.classes; ++c) m.classes_.push_back(std::to_string(c));
    }
  }
  if (m.spec_.data.source == DataSource::csv) {
    const auto header = csv_header(m.spec_.data.csv);
    m.label_ = !m.spec_.data.label.empty() ? m.spec_.data.label : header.empty() ? "label" : header.back();
  }
  if (const Normalizer* norm = session.normalizer()) {
    m.normalized_ = true;
    m.mean_ = norm->mu;
    m.std_ = (norm->sigma2.array() + norm->epsilon).sqrt().matrix();  // what the run divides by
  }
  const RunSummary s = session.summary();
  m.trained_ = {{"epochs_run", s.epochs_run},
                {"stopped", s.stopped},
                {"best_epoch", s.best_epoch >= 0 ? ordered(s.best_epoch) : ordered(nullptr)},
                {"train_loss", metric_value(s.final.train_loss)},
                {"train_error", metric_value(s.final.train_error)},
                {"dev_loss", metric_value(s.final.dev_loss)},
                {"dev_error", metric_value(s.final.dev_error)},
                {"test_loss", metric_value(s.final.test_loss)},
                {"test_error", metric_value(s.final.test_error)},
                {"train_examples", train.size()}};
  return m;
}

void Model::restore_into(Session& session) const {
  Network<T>& net = session.network();
  if (net.params.theta.size() != net_->params.theta.size() || net.layers.size() != net_->layers.size())
    throw SpecError("weights", std::to_string(net_->params.theta.size()) + " parameters in " +
                                   std::to_string(net_->layers.size()) + " layers",
                    "allowed: the run's network: " + std::to_string(net.params.theta.size()) + " parameters in " +
                        std::to_string(net.layers.size()) + " layers (load the model's spec first)");
  net.params.theta = net_->params.theta;
  for (size_t l = 0; l < net.layers.size(); ++l)
    if (has_batch_norm(net.layers[l]) && has_batch_norm(net_->layers[l])) {
      running(net.layers[l], true) = net_->layers[l].norm()->running_mean();
      running(net.layers[l], false) = net_->layers[l].norm()->running_var();
    }
}

ordered Model::to_json() const {
  ordered bn = ordered::array();
  for (size_t l = 0; l < net_->layers.size(); ++l)
    if (has_batch_norm(net_->layers[l]))
      bn.push_back({{"layer", l + 1},
                    {"mean", numbers(net_->layers[l].norm()->running_mean())},
                    {"var", numbers(net_->layers[l].norm()->running_var())}});
  return {{"format", kFormat},
          {"version", kVersion},
          {"task", is_regression() ? "regression" : "classification"},
          {"features", features_},
          {"classes", is_regression() ? ordered(nullptr) : ordered(classes_)},
          {"label", label_},
          {"normalization", normalized_ ? ordered{{"mean", numbers(mean_)}, {"std", numbers(std_)}} : ordered(nullptr)},
          {"batch_norm", bn},
          {"trained", trained_},
          {"spec", descent::to_json(spec_)},
          {"weights", weights_to_json(net_->params)}};
}

Model Model::parse(const std::string& text) {
  const json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) throw SpecError("model", "not JSON", kAllowedFile);
  return from_json(j);
}

Model Model::from_json(const json& j) {
  if (!j.is_object()) throw SpecError("model", "not a JSON object", kAllowedFile);
  const json none;
  const auto get = [&](const char* key) -> const json& { return j.contains(key) ? j[key] : none; };
  if (get("format") != kFormat)
    throw SpecError("format", clip(get("format").dump(), 60), std::string("allowed: \"") + kFormat + "\", a model file saved by descent run --save");
  if (get("version") != kVersion)
    throw SpecError("version", clip(get("version").dump(), 60),
                    "allowed: " + std::to_string(kVersion) + ", the version this runner reads");
  Model m;
  if (!get("spec").is_object()) throw SpecError("spec", clip(get("spec").dump(), 60), "allowed: the experiment spec (an object)");
  try {
    m.spec_ = parse_spec(get("spec"));
  } catch (const SpecError& e) {
    throw SpecError("spec." + e.field(), e.given(), e.allowed());
  }

  // What the data was: the task follows from the output activation, as the run's loss does.
  const Activation out = m.spec_.layers.back().activation;
  const int units = m.spec_.layers.back().units;
  const bool regression = loss_for(out) == LossKind::mean_squared_error;
  const std::string task = regression ? "regression" : "classification";
  if (get("task") != task)
    throw SpecError("task", clip(get("task").dump(), 60),
                    "allowed: \"" + task + "\", as the output layer (" + kActivationNames.name(out) + ") says");
  m.features_ = read_names(get("features"), "features", 0, "allowed: the feature names, one string per input");
  if (!regression) {
    const size_t k = out == Activation::softmax ? static_cast<size_t>(units) : 2;
    m.classes_ = read_names(get("classes"), "classes", k,
                            "allowed: " + std::to_string(k) + " class names, as the output layer has " +
                                std::to_string(units) + (units == 1 ? " unit" : " units"));
  } else if (!get("classes").is_null()) {
    throw SpecError("classes", clip(get("classes").dump(), 60), "allowed: null for a regression");
  }
  if (!get("label").is_null()) {
    if (!get("label").is_string()) throw SpecError("label", clip(get("label").dump(), 60), "allowed: the label column's name");
    m.label_ = get("label").get<std::string>();
  }

  // The network of the spec's layers, its weights checked block by block against them.
  m.net_ = std::make_unique<Network<T>>(m.features(), m.spec_.layers, m.spec_.regularization);
  try {
    weights_from_json(m.net_->params, get("weights"));
  } catch (const nlohmann::json::exception&) {  // a name or shape of the wrong JSON type
    throw SpecError("weights", "not a weights object of this network",
                    "allowed: the blocks {name, rows, cols, values} of the spec's layers");
  }
  const json& bn = get("batch_norm");
  size_t next = 0;
  for (size_t l = 0; l < m.net_->layers.size(); ++l) {
    if (!has_batch_norm(m.net_->layers[l])) continue;
    const std::string field = "batch_norm[" + std::to_string(next) + "]";
    if (!bn.is_array() || next >= bn.size() || !bn[next].is_object() || !bn[next].contains("layer") ||
        bn[next]["layer"] != static_cast<int>(l) + 1)
      throw SpecError(field, bn.is_array() && next < bn.size() ? clip(bn[next].dump(), 60) : "missing",
                      "allowed: the running averages of layer " + std::to_string(l + 1) + "'s batch norm");
    const Eigen::Index C = m.net_->layers[l].norm()->running_mean().size();
    read_numbers(bn[next].value("mean", json()), field + ".mean", C, false, running(m.net_->layers[l], true));
    read_numbers(bn[next].value("var", json()), field + ".var", C, false, running(m.net_->layers[l], false));
    ++next;
  }
  if (bn.is_array() && bn.size() > next)
    throw SpecError("batch_norm", std::to_string(bn.size()) + " entries",
                    "allowed: " + std::to_string(next) + ", one per batch-norm layer of the spec");

  // The input statistics, exactly when the spec normalises.
  const json& norm = get("normalization");
  m.normalized_ = m.spec_.normalize;
  if (m.normalized_) {
    if (!norm.is_object())
      throw SpecError("normalization", clip(norm.dump(), 60), "allowed: {mean, std}, as the spec normalises its inputs");
    read_numbers(norm.value("mean", json()), "normalization.mean", m.features(), false, m.mean_);
    read_numbers(norm.value("std", json()), "normalization.std", m.features(), true, m.std_);
  } else if (!norm.is_null()) {
    throw SpecError("normalization", clip(norm.dump(), 60), "allowed: null, as the spec does not normalise");
  }
  if (get("trained").is_object()) {  // the summary's keys in the order they are written, then any other
    const json& t = get("trained");
    for (const char* key : kTrainedKeys)
      if (t.contains(key)) m.trained_[key] = t[key];
    for (const auto& [key, v] : t.items())
      if (!m.trained_.contains(key)) m.trained_[key] = v;
  }
  return m;
}

void Model::normalize(Matrix<double>& X) const {
  if (!normalized_) return;
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    const double mu = mean_(i);
    const double inv_sd = 1.0 / std_(i);  // 1 / sqrt(sigma2 + eps), as the Normalizer
    for (Eigen::Index j = 0; j < X.cols(); ++j) X(i, j) = (X(i, j) - mu) * inv_sd;
  }
}

Matrix<Model::T> Model::predict(const Matrix<double>& X) {
  if (X.rows() != features())
    throw SpecError("data", std::to_string(X.rows()) + " features",
                    "allowed: " + std::to_string(features()) + ", as the model was trained on");
  Matrix<double> X_norm = X;
  normalize(X_norm);
  const Matrix<T> X_in = X_norm.cast<T>();  // (n_x x m), as the run's sets
  if (net_->capacity() < X.cols()) net_->reserve(static_cast<int>(X.cols()));
  return net_->forward(X_in, /*training=*/false);
}

std::vector<int> Model::predicted_classes(const Matrix<T>& A) const {
  std::vector<int> out(static_cast<size_t>(A.cols()));
  for (Eigen::Index i = 0; i < A.cols(); ++i) {
    Eigen::Index c = 0;
    if (A.rows() == 1) c = A(0, i) > T(0.5);  // sigmoid: as BinaryCrossEntropy::error
    else A.col(i).maxCoeff(&c);              // softmax: as SoftmaxCrossEntropy::error
    out[static_cast<size_t>(i)] = static_cast<int>(c);
  }
  return out;
}

double Model::probability(const Matrix<T>& A, int c, int i) const {
  if (A.rows() == 1) return c == 1 ? A(0, i) : 1.0 - A(0, i);
  return A(c, i);
}

Evaluation Model::evaluate(const Matrix<double>& X, const Matrix<double>& y) {
  const Matrix<T> A = predict(X);
  const int m = static_cast<int>(X.cols());
  Matrix<T> Y;  // the loss's targets: one-hot (k x m) for a softmax, else (1 x m)
  if (A.rows() > 1 && !is_regression()) {
    Y = Matrix<T>::Zero(A.rows(), m);
    for (int i = 0; i < m; ++i) Y(static_cast<int>(y(0, i)), i) = T(1);
  } else {
    Y = y.cast<T>();
  }
  Evaluation e;
  e.rows = m;
  e.loss = net_->loss(Y);  // the caches still hold this forward pass
  e.error = net_->error(Y);
  if (is_regression()) return e;
  const size_t k = classes_.size();
  e.confusion.assign(k, std::vector<int>(k, 0));
  const auto predicted = predicted_classes(A);
  for (int i = 0; i < m; ++i) ++e.confusion[static_cast<size_t>(y(0, i))][static_cast<size_t>(predicted[i])];
  return e;
}

}  // namespace descent
