// The saved model (model/model.h): it round-trips bitwise, predicts what the run measured on
// the same rows, evaluates with a confusion matrix that adds up, and refuses a bad file or a
// bad CSV naming the field.
#include "model/model.h"

#include <algorithm>
#include <functional>
#include <string>

#include <gtest/gtest.h>

#include "model/model_csv.h"
#include "train/session.h"
#include "train/session_api.h"

using descent::Model;
using descent::Session;
using descent::SpecError;
using json = nlohmann::json;

namespace {

Session trained(const std::string& spec_json) {
  Session s(descent::parse_spec(spec_json));
  while (!s.finished()) s.step(s.steps_per_epoch());
  return s;
}

// Iris with every layer kind the model must carry: normalised inputs, batch norm (running
// averages), dropout (off in inference), a softmax output.
const char* const kIris = R"({"seed": 3, "data": {"source": "iris"}, "normalize": true, "epochs": 20,
  "batch_size": 16, "optimizer": {"name": "adam", "learning_rate": 0.01},
  "layers": [{"units": 8, "activation": "relu", "norm": "batch", "keep_prob": 0.8},
             {"units": 3, "activation": "softmax"}]})";

// A small CSV of two named features and a string label, read as the spec's csv source.
std::string two_class_csv() {
  std::string csv = "width,height,kind\n";
  for (int i = 0; i < 40; ++i) {
    const double w = (i % 10) * 0.3 + (i % 3) * 0.05, h = (i / 10) * 0.7 - (i % 4) * 0.1;
    csv += std::to_string(w) + "," + std::to_string(h) + "," + (w + h > 2.2 ? "tall" : "short") + "\n";
  }
  return csv;
}

std::string csv_spec(const std::string& output) {
  json spec = json::parse(R"({"seed": 5, "epochs": 15, "normalize": true, "batch_size": 8,
    "layers": [{"units": 6, "activation": "tanh"}]})");
  spec["data"] = {{"source", "csv"}, {"csv", two_class_csv()}, {"label", "kind"}};
  spec["layers"].push_back(json::parse(output));
  return spec.dump();
}

// Expects `f` to throw a SpecError on `field` whose message contains `words`.
void expect_refusal(const std::function<void()>& f, const std::string& field, const std::string& words) {
  try {
    f();
    ADD_FAILURE() << "no error; expected one on " << field;
  } catch (const SpecError& e) {
    EXPECT_EQ(e.field(), field) << e.what();
    EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
  }
}

}  // namespace

TEST(Model, SaveThenLoadRoundTripsBitwise) {
  const Session s = trained(kIris);
  const Model saved = Model::from_session(s);
  EXPECT_EQ(saved.theta(), s.network().params.theta);
  const std::string text = saved.to_json().dump();
  const Model loaded = Model::parse(text);
  EXPECT_EQ(loaded.theta(), saved.theta());  // every float the same
  EXPECT_EQ(loaded.to_json().dump(), text);  // running averages, statistics and names too
  const auto j = json::parse(text);
  EXPECT_EQ(j["format"], "descent-model");
  EXPECT_EQ(j["version"], 1);
  EXPECT_EQ(j["task"], "classification");
  EXPECT_EQ(j["classes"], json({"setosa", "versicolor", "virginica"}));
  EXPECT_EQ(j["features"].size(), 4u);
  EXPECT_EQ(j["normalization"]["mean"].size(), 4u);
  EXPECT_EQ(j["batch_norm"].size(), 1u);
  EXPECT_EQ(j["weights"]["format"], "descent-weights");
  EXPECT_EQ(j["trained"]["epochs_run"], 20);
}

// A model loaded into a fresh run of its spec brings its weights and batch norm's running
// averages: the run's model is then the saved one, float for float.
TEST(Model, LoadedIntoARunItRestoresWeightsAndBatchNormsRunningAverages) {
  const Session s = trained(kIris);
  const std::string saved = Model::from_session(s).to_json().dump();
  descent::SessionApi api;
  ASSERT_TRUE(json::parse(api.load(kIris))["ok"].get<bool>());
  EXPECT_NE(json::parse(api.model())["model"]["batch_norm"], json::parse(saved)["batch_norm"]);  // untrained
  const json answer = json::parse(api.load_model(saved));
  ASSERT_TRUE(answer["ok"].get<bool>()) << answer.dump();
  json restored = json::parse(api.model())["model"], expected = json::parse(saved);
  EXPECT_EQ(restored["batch_norm"], expected["batch_norm"]);
  EXPECT_EQ(restored["weights"], expected["weights"]);

  // Another network is refused, naming the weights, and the run keeps its own.
  descent::SessionApi other;
  ASSERT_TRUE(json::parse(other.load(R"({"data": {"source": "iris"}, "layers": [{"units": 3, "activation": "softmax"}]})"))["ok"].get<bool>());
  const json refused = json::parse(other.load_model(saved));
  EXPECT_FALSE(refused["ok"].get<bool>());
  EXPECT_EQ(refused["error"]["field"], "weights") << refused.dump();
}

TEST(Model, PredictOnTheTrainingRowsGivesTheRunsFinalErrorExactly) {
  for (const char* spec : {kIris}) {
    const Session s = trained(spec);
    const auto final = s.summary().final;
    Model m = Model::parse(Model::from_session(s).to_json().dump());
    const auto& train = s.splits().train;
    const auto e = m.evaluate(train.X, train.Y);
    EXPECT_EQ(e.error, final.train_error);
    EXPECT_EQ(e.loss, final.train_loss);
    const auto& dev = s.splits().dev;
    EXPECT_EQ(m.evaluate(dev.X, dev.Y).error, final.dev_error);
    // predict and count by hand: the same classes as the run's error counts
    const auto predicted = m.predicted_classes(m.predict(train.X));
    int wrong = 0;
    for (int i = 0; i < train.size(); ++i) wrong += predicted[static_cast<size_t>(i)] != train.Y(0, i);
    EXPECT_EQ(static_cast<double>(wrong) / train.size(), final.train_error);
  }
}

TEST(Model, SigmoidAndRegressionModelsMatchTheirRunsToo) {
  const Session binary = trained(csv_spec(R"({"units": 1, "activation": "sigmoid"})"));
  Model b = Model::parse(Model::from_session(binary).to_json().dump());
  EXPECT_EQ(b.class_names(), (std::vector<std::string>{"short", "tall"}));
  EXPECT_EQ(b.label(), "kind");
  const auto& train = binary.splits().train;
  EXPECT_EQ(b.evaluate(train.X, train.Y).error, binary.summary().final.train_error);
  const auto A = b.predict(train.X);
  EXPECT_DOUBLE_EQ(b.probability(A, 0, 0) + b.probability(A, 1, 0), 1.0);

  const Session sine = trained(R"({"seed": 2, "data": {"source": "sine", "samples": 120}, "epochs": 10,
    "layers": [{"units": 8, "activation": "tanh"}, {"units": 1, "activation": "linear"}]})");
  const std::string text = Model::from_session(sine).to_json().dump();
  EXPECT_EQ(json::parse(text)["task"], "regression");
  EXPECT_TRUE(json::parse(text)["classes"].is_null());
  EXPECT_TRUE(json::parse(text)["normalization"].is_null());
  Model r = Model::parse(text);
  const auto& rt = sine.splits().train;
  const auto e = r.evaluate(rt.X, rt.Y);
  EXPECT_EQ(e.error, sine.summary().final.train_error);  // the mean squared error
  EXPECT_TRUE(e.confusion.empty());
}

TEST(Model, TheConfusionMatrixAddsUpToTheRowsAndItsTraceToTheAccuracy) {
  const Session s = trained(kIris);
  Model m = Model::from_session(s);
  const auto& dev = s.splits().dev;
  const auto e = m.evaluate(dev.X, dev.Y);
  ASSERT_EQ(e.confusion.size(), 3u);
  int total = 0, trace = 0;
  for (size_t t = 0; t < 3; ++t) {
    ASSERT_EQ(e.confusion[t].size(), 3u);
    for (size_t p = 0; p < 3; ++p) total += e.confusion[t][p];
    trace += e.confusion[t][t];
  }
  EXPECT_EQ(total, dev.size());
  EXPECT_EQ(e.rows, dev.size());
  EXPECT_DOUBLE_EQ(e.error, 1.0 - static_cast<double>(trace) / dev.size());
}

TEST(Model, ReadsACsvWithOrWithoutTheLabelInAnyColumnOrder) {
  const Session s = trained(csv_spec(R"({"units": 2, "activation": "softmax"})"));
  Model m = Model::from_session(s);
  const std::string csv = two_class_csv();
  const auto with = descent::read_model_csv(csv, m, true);
  ASSERT_EQ(with.X.cols(), 40);
  EXPECT_TRUE(with.has_label);
  const auto without = descent::read_model_csv("height,width\n0.5,1.25\n\r\n\"1\", 2\n", m, false);
  EXPECT_FALSE(without.has_label);
  ASSERT_EQ(without.X.cols(), 2);
  EXPECT_EQ(without.X(0, 0), 1.25);  // width first, as the model has it
  EXPECT_EQ(without.X(1, 0), 0.5);
  EXPECT_EQ(without.X(0, 1), 2);
  // the whole CSV through the reader gives the run's own training-set error on all rows
  const auto e = m.evaluate(with.X, with.y);
  int total = 0;
  for (const auto& row : e.confusion)
    for (int n : row) total += n;
  EXPECT_EQ(total, 40);
  // a single row is enough to predict
  const auto one = descent::read_model_csv("width,height\n1,2", m, false);
  ASSERT_EQ(one.X.cols(), 1);
  EXPECT_EQ(one.X(1, 0), 2);
  EXPECT_EQ(descent::read_model_csv("width,kind,height\r\n1,tall,2\r\n", m, true).y, Eigen::MatrixXd::Ones(1, 1));
  // a single class in the labels is fine for evaluation
  EXPECT_EQ(descent::read_model_csv("kind,width,height\ntall,3,3\ntall,2.5,2\n", m, true).y, Eigen::MatrixXd::Ones(1, 2));
}

TEST(Model, RefusesABadModelFileNamingTheField) {
  const Session s = trained(kIris);
  const json good = json::parse(Model::from_session(s).to_json().dump());
  const auto with = [&](const std::function<void(json&)>& change) {
    return [=] {
      json j = good;
      change(j);
      Model::from_json(j);
    };
  };
  expect_refusal([] { Model::parse("{not json"); }, "model", "not JSON");
  expect_refusal([] { Model::parse("[1, 2]"); }, "model", "not a JSON object");
  expect_refusal(with([](json& j) { j["format"] = "descent-weights"; }), "format", "\"descent-model\"");
  expect_refusal(with([](json& j) { j["version"] = 2; }), "version", "allowed: 1");
  expect_refusal(with([](json& j) { j["spec"]["epochs"] = -1; }), "spec.epochs", "-1");
  expect_refusal(with([](json& j) { j["task"] = "regression"; }), "task", "classification");
  expect_refusal(with([](json& j) { j["classes"] = {"a", "b"}; }), "classes", "3 class names");
  expect_refusal(with([](json& j) { j["features"] = {"a", "b", "c"}; }), "weights.blocks[0]", "W1 of 8 x 3");
  expect_refusal(with([](json& j) { j["weights"]["blocks"].erase(1); }), "weights.blocks", "blocks");
  expect_refusal(with([](json& j) { j["weights"]["blocks"][0]["values"][0] = "x"; }), "weights.blocks[0].values", "finite");
  expect_refusal(with([](json& j) { j["spec"]["layers"][0]["units"] = 9; }), "weights.blocks[0]", "9 x 4");
  expect_refusal(with([](json& j) { j["normalization"]["mean"].erase(0); }), "normalization.mean", "4 finite numbers");
  expect_refusal(with([](json& j) { j["normalization"]["std"][2] = 0; }), "normalization.std[2]", "numbers > 0");
  expect_refusal(with([](json& j) { j["normalization"] = nullptr; }), "normalization", "{mean, std}");
  expect_refusal(with([](json& j) { j["batch_norm"] = json::array(); }), "batch_norm[0]", "layer 1");
  expect_refusal(with([](json& j) { j["batch_norm"][0]["var"].push_back(1); }), "batch_norm[0].var", "8 finite");
}

TEST(Model, RefusesABadCsvNamingTheColumnAndRow) {
  const Session s = trained(csv_spec(R"({"units": 2, "activation": "softmax"})"));
  Model m = Model::from_session(s);
  const auto read = [&](const std::string& csv, bool labels) {
    return [&m, csv, labels] { descent::read_model_csv(csv, m, labels); };
  };
  expect_refusal(read("width,kind\n1,tall\n2,short\n", false), "data.csv", "missing the feature column \"height\"");
  expect_refusal(read("width,height,depth\n1,2,3\n2,3,4\n", false), "data.csv", "an unknown column \"depth\"");
  expect_refusal(read("width,height\n1,2\n2,x\n", false), "data.csv", "row 3, column \"height\": \"x\" is not a number");
  expect_refusal(read("width,height\n1,2\n2,3,4\n", false), "data.csv", "ragged: row 3 has 3 cells");
  expect_refusal(read("width,height\n1,2\n2,3\n", true), "data.csv", "missing the label column \"kind\"");
  expect_refusal(read("width,height,kind\n1,2,tall\n2,3,wide\n", true), "data.csv",
                 "an unknown class: row 3, column \"kind\": \"wide\"");
  expect_refusal(read("width,height,kind\n1,2,tall\n2,3,\n", true), "data.csv", "missing a label: row 3");
  expect_refusal(read("", false), "data.csv", "empty");
  expect_refusal(read("width,height\n", false), "data.csv", "a header only");
}

// The page's door to the model (SessionApi::model and predict): the document `run --save`
// writes, and for it the very CSV `descent predict` writes (the shared predictions_csv, on the
// model read back from that document), one row per input row.
TEST(Model, TheSessionApiGivesTheSavedModelAndTheRunnersPredictions) {
  const std::string spec = csv_spec(R"({"units": 2, "activation": "softmax"})");
  descent::SessionApi api;
  ASSERT_TRUE(json::parse(api.load(spec))["ok"].get<bool>());
  while (!json::parse(api.step(1000))["finished"].get<bool>()) {
  }
  const json model = json::parse(api.model());
  ASSERT_TRUE(model["ok"].get<bool>()) << model.dump();
  EXPECT_EQ(model["model"]["format"], "descent-model");
  EXPECT_EQ(model["model"]["features"], (json{"width", "height"}));
  EXPECT_EQ(model["model"]["label"], "kind");
  const Session s = trained(spec);
  EXPECT_EQ(model["model"], json::parse(Model::from_session(s).to_json().dump()));  // as run --save writes it

  const std::string csv = two_class_csv();
  const json answer = json::parse(api.predict(csv));
  ASSERT_TRUE(answer["ok"].get<bool>()) << answer.dump();
  Model saved = Model::parse(model["model"].dump());
  const std::string cli = descent::predictions_csv(saved, csv);
  EXPECT_EQ(answer["csv"].get<std::string>(), cli);
  EXPECT_EQ(cli.rfind("predicted,p_short,p_tall\n", 0), 0u) << cli.substr(0, 40);
  EXPECT_EQ(std::count(cli.begin(), cli.end(), '\n'), 41);  // the header and 40 rows

  const json refused = json::parse(api.predict("width,height\n1,2\n2,x\n"));
  EXPECT_FALSE(refused["ok"].get<bool>());
  EXPECT_EQ(refused["error"]["field"], "data.csv");
  EXPECT_NE(refused["error"]["message"].get<std::string>().find("row 3, column \"height\""), std::string::npos)
      << refused.dump();
  EXPECT_FALSE(json::parse(descent::SessionApi().model())["ok"].get<bool>());  // no run: refused, not thrown
}
