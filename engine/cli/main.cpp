// descent: the command-line runner. Trains an experiment spec natively and prints one JSON
// line of metrics per epoch, then a summary line.
//   descent run [spec.json]     train (the default experiment when no file is given)
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

int run(const std::string& path) {
  descent::Session session(load_spec(path));
  size_t printed = 0;
  auto flush = [&] {
    for (const auto& h = session.history(); printed < h.size(); ++printed)
      std::cout << descent::to_json(h[printed]).dump() << '\n';
  };
  flush();
  while (!session.finished()) {
    session.step(session.steps_per_epoch());
    flush();
  }
  const auto& last = session.history().back();
  nlohmann::ordered_json summary = {{"summary", descent::to_json(last)}};
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
  auto* run_cmd = app.add_subcommand("run", "Train and print one JSON line per epoch");
  run_cmd->add_option("spec", path, "Experiment spec (JSON); the default experiment if omitted")
      ->check(CLI::ExistingFile);
  int after = 0;
  auto* check_cmd = app.add_subcommand("gradcheck", "Check backprop against central differences");
  check_cmd->add_option("spec", path, "Experiment spec (JSON)")->check(CLI::ExistingFile);
  check_cmd->add_option("--after", after, "Train this many epochs first")->check(CLI::NonNegativeNumber);
  auto* spec_cmd = app.add_subcommand("spec", "Print the spec with every default filled in");
  spec_cmd->add_option("spec", path, "Experiment spec (JSON)")->check(CLI::ExistingFile);
  CLI11_PARSE(app, argc, argv);

  try {
    if (*run_cmd) return run(path);
    if (*check_cmd) return gradcheck(path, after);
    std::cout << descent::to_json(load_spec(path)).dump(2) << std::endl;
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "descent: " << e.what() << std::endl;
    return 2;
  }
}
