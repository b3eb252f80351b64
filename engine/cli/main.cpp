// descent: the command-line runner. Trains an experiment spec natively and prints one JSON
// line of metrics per epoch, then a summary line.
//   descent run [spec.json] [--csv metrics.csv]   train (the default experiment when no file is given)
//   descent gradcheck [spec.json] [--after N]   check backprop (after N epochs of training)
//   descent spec [spec.json]    print the spec with every default filled in
//   descent run spec.json --save model.json          also write the trained model (model/model.h)
//   descent predict model.json data.csv [--out p.csv]  the predicted class and probabilities per row
//   descent evaluate model.json data.csv             loss, error and confusion matrix on labelled rows
//   descent search plan.json [--jobs N] [--dir DIR]  a hyperparameter search (cli/search_commands.h),
//   descent search plan.json --emit DIR, descent search trial SPEC, descent search collect DIR
#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include <CLI/CLI.hpp>

#include "cli/search_commands.h"
#include "cli/search_folder.h"
#include "gradcheck/report_json.h"
#include "model/model.h"
#include "model/model_csv.h"
#include "spec/spec.h"
#include "train/session.h"

namespace {

descent::Spec load_spec(const std::string& path) {
  if (path.empty()) return descent::default_spec();
  return descent::parse_spec(descent::cli::read_text(path, "spec file"));
}

int predict(const std::string& model_path, const std::string& data_path, const std::string& out_path) {
  auto model = descent::Model::parse(descent::cli::read_text(model_path, "model file"));
  const std::string csv = descent::predictions_csv(model, descent::cli::read_text(data_path, "data file"));
  std::ofstream file;
  if (!out_path.empty()) {
    file.open(out_path);
    if (!file) throw std::runtime_error("cannot write " + out_path);
  }
  std::ostream& out = out_path.empty() ? std::cout : file;
  out << csv;
  out.flush();
  if (!out) throw std::runtime_error("cannot write " + (out_path.empty() ? std::string("the predictions") : out_path));
  return 0;
}

int evaluate(const std::string& model_path, const std::string& data_path) {
  auto model = descent::Model::parse(descent::cli::read_text(model_path, "model file"));
  const auto input = descent::read_model_csv(descent::cli::read_text(data_path, "data file"), model, /*with_labels=*/true);
  const auto e = model.evaluate(input.X, input.y);
  nlohmann::ordered_json answer = {{"rows", e.rows}, {"loss", descent::metric_value(e.loss)}};
  if (model.is_regression()) {
    answer["mse"] = descent::metric_value(e.error);
  } else {
    answer["error"] = descent::metric_value(e.error);
    answer["accuracy"] = descent::metric_value(1.0 - e.error);
    answer["classes"] = model.class_names();
    answer["confusion"] = e.confusion;  // rows: the true class, columns: the predicted one
  }
  std::cout << nlohmann::ordered_json{{"evaluation", answer}}.dump() << std::endl;
  return 0;
}

int run(const std::string& path, const std::string& csv_path, const std::string& save_path) {
  descent::Session session(load_spec(path));
  std::ofstream csv;
  if (!csv_path.empty()) {
    csv.open(csv_path);
    if (!csv) throw std::runtime_error("cannot write " + csv_path);
    csv << "epoch,step,train_loss,train_error,dev_loss,dev_error,test_loss,test_error,learning_rate,grad_norm,"
           "train_dev_loss,train_dev_error\n";
  }
  const size_t L = session.network().layers.size();
  size_t printed = 0;
  auto flush = [&] {
    for (const auto& h = session.history(); printed < h.size(); ++printed) {
      const auto& e = h[printed];
      std::cout << descent::to_json(e, session.layer_stats(), L).dump() << '\n';
      if (csv)
        csv << e.epoch << ',' << e.step << ',' << e.train_loss << ',' << e.train_error << ',' << e.dev_loss << ','
            << e.dev_error << ',' << e.test_loss << ',' << e.test_error << ',' << e.learning_rate << ','
            << e.grad_norm << ',' << e.train_dev_loss << ',' << e.train_dev_error << '\n';
    }
  };
  flush();
  while (!session.finished()) {
    session.step(session.steps_per_epoch());
    flush();
  }
  nlohmann::ordered_json summary = {{"summary", descent::to_json(session.summary())}};
  std::cout << summary.dump() << std::endl;
  if (!save_path.empty()) {
    std::ofstream model(save_path);
    model << descent::Model::from_session(session).to_json().dump() << '\n';
    if (!model.flush()) throw std::runtime_error("cannot write " + save_path);
  }
  return 0;
}

int gradcheck(const std::string& path, int after_epochs) {
  descent::Session session(load_spec(path));
  while (session.epoch() < after_epochs && !session.finished()) session.step(session.steps_per_epoch());
  const auto report = session.gradient_check();
  std::cout << descent::to_json(report).dump(2) << std::endl;
  return report.difference < 1e-3 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Descent: train an experiment spec and print its metrics as JSON lines"};
  app.require_subcommand(1);
  std::string path;
  std::string csv_path;
  auto* run_cmd = app.add_subcommand("run", "Train and print one JSON line per epoch, then a summary");
  run_cmd->add_option("spec", path, "Experiment spec (JSON); the default experiment if omitted")
      ->check(CLI::ExistingFile);
  run_cmd->add_option("--csv", csv_path, "Also write the metrics per epoch to this CSV file");
  std::string save_path;
  run_cmd->add_option("--save", save_path, "Write the trained model (JSON) to this file");
  std::string model_path, data_path, out_path;
  auto* predict_cmd = app.add_subcommand("predict", "Predict each row of a CSV file with a saved model");
  predict_cmd->add_option("model", model_path, "Model file (descent run --save)")->required()->check(CLI::ExistingFile);
  predict_cmd->add_option("data", data_path, "CSV file with the model's feature columns (the label column optional)")
      ->required()->check(CLI::ExistingFile);
  predict_cmd->add_option("--out", out_path, "Write the predictions to this CSV file (default: stdout)");
  auto* evaluate_cmd = app.add_subcommand("evaluate", "Loss, error and confusion matrix of a saved model on a labelled CSV");
  evaluate_cmd->add_option("model", model_path, "Model file (descent run --save)")->required()->check(CLI::ExistingFile);
  evaluate_cmd->add_option("data", data_path, "CSV file with the feature columns and the label column")
      ->required()->check(CLI::ExistingFile);
  int after = 0;
  auto* check_cmd = app.add_subcommand("gradcheck", "Check backprop against central differences");
  check_cmd->add_option("spec", path, "Experiment spec (JSON)")->check(CLI::ExistingFile);
  check_cmd->add_option("--after", after, "Train this many epochs first")->check(CLI::NonNegativeNumber);
  auto* spec_cmd = app.add_subcommand("spec", "Print the spec with every default filled in");
  spec_cmd->add_option("spec", path, "Experiment spec (JSON)")->check(CLI::ExistingFile);
  std::string plan_path, emit_dir, search_dir, trial_spec, collect_dir;
  int jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  auto* search_cmd = app.add_subcommand("search", "A hyperparameter search: run a plan here, or emit it for a cluster");
  search_cmd->add_option("plan", plan_path, "Search plan (JSON: the search card's Export for a cluster)")
      ->check(CLI::ExistingFile);
  search_cmd->add_option("--jobs", jobs, "Trials at a time on this machine (default: the core count)")
      ->check(CLI::Range(1, 1024));
  search_cmd->add_option("--dir", search_dir, "The search's folder (default: the plan's name + -search); rerun to resume");
  auto* emit_opt = search_cmd->add_option("--emit", emit_dir,
      "Write the next round's trial specs, trials.txt, run-parallel.sh and run-slurm.sh into this folder; train nothing");
  emit_opt->excludes("--jobs")->excludes("--dir");
  auto* trial_cmd = search_cmd->add_subcommand("trial", "Train one emitted trial into its result file (skipped when finished)");
  trial_cmd->add_option("spec", trial_spec, "The trial's spec: DIR/round-R/trials/NNNN.json")->required()
      ->check(CLI::ExistingFile);
  auto* collect_cmd = search_cmd->add_subcommand("collect", "Merge a search folder's results into results.json and results.csv");
  collect_cmd->add_option("dir", collect_dir, "The search's folder")->required()->check(CLI::ExistingDirectory);
  search_cmd->require_subcommand(0, 1);
  CLI11_PARSE(app, argc, argv);

  try {
    if (*run_cmd) return run(path, csv_path, save_path);
    if (*predict_cmd) return predict(model_path, data_path, out_path);
    if (*evaluate_cmd) return evaluate(model_path, data_path);
    if (*check_cmd) return gradcheck(path, after);
    if (*trial_cmd) return descent::cli::search_trial(trial_spec);
    if (*collect_cmd) return descent::cli::search_collect(collect_dir);
    if (*search_cmd) {
      if (plan_path.empty()) throw std::runtime_error("search needs a plan file (descent search plan.json), or trial SPEC, or collect DIR");
      return emit_dir.empty() ? descent::cli::search_local(plan_path, search_dir, jobs)
                              : descent::cli::search_emit(plan_path, emit_dir);
    }
    std::cout << descent::to_json(load_spec(path)).dump(2) << std::endl;
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "descent: " << e.what() << std::endl;
    return 2;
  }
}
