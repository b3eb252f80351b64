// descent: the command-line runner. Trains an experiment spec natively and prints one JSON
// line of metrics per epoch, then a summary line.
//   descent run [spec.json] [--csv metrics.csv]   train (the default experiment when no file is given)
//   descent gradcheck [spec.json] [--after N]   check backprop (after N epochs of training)
//   descent spec [spec.json]    print the spec with every default filled in
#include <fstream>
#include <iostream>
#include <sstream>

#include <CLI/CLI.hpp>

#include "gradcheck/report_json.h"
#include "spec/spec.h"
#include "train/session.h"

namespace {

descent::Spec load_spec(const std::string& path) {
  if (path.empty()) return descent::default_spec();
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read spec file " + path);
  std::stringstream text;
  text << in.rdbuf();
  return descent::parse_spec(text.str());
}

int run(const std::string& path, const std::string& csv_path) {
  descent::Session session(load_spec(path));
  std::ofstream csv;
  if (!csv_path.empty()) {
    csv.open(csv_path);
    if (!csv) throw std::runtime_error("cannot write " + csv_path);
    csv << "epoch,step,train_loss,train_error,dev_loss,dev_error,test_loss,test_error,learning_rate,grad_norm\n";
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
            << e.grad_norm << '\n';
    }
  };
  flush();
  while (!session.finished()) {
    session.step(session.steps_per_epoch());
    flush();
  }
  nlohmann::ordered_json summary = {{"summary", descent::to_json(session.summary())}};
  std::cout << summary.dump() << std::endl;
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
  int after = 0;
  auto* check_cmd = app.add_subcommand("gradcheck", "Check backprop against central differences");
  check_cmd->add_option("spec", path, "Experiment spec (JSON)")->check(CLI::ExistingFile);
  check_cmd->add_option("--after", after, "Train this many epochs first")->check(CLI::NonNegativeNumber);
  auto* spec_cmd = app.add_subcommand("spec", "Print the spec with every default filled in");
  spec_cmd->add_option("spec", path, "Experiment spec (JSON)")->check(CLI::ExistingFile);
  CLI11_PARSE(app, argc, argv);

  try {
    if (*run_cmd) return run(path, csv_path);
    if (*check_cmd) return gradcheck(path, after);
    std::cout << descent::to_json(load_spec(path)).dump(2) << std::endl;
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "descent: " << e.what() << std::endl;
    return 2;
  }
}
