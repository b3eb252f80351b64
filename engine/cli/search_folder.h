#pragma once
// A search's folder, as `descent search --emit` writes it and the launchers and `collect` read it:
//   plan.json                 the plan (search/plan_file.h)
//   trials.txt                one trial spec per line, every round's; line n is trial n
//   round-R/search.json       round R's ranges and trials [{trial, id, values, file}]
//   round-R/trials/NNNN.json  trial NNNN's spec: `descent run` takes it as it is
//   round-R/results/NNNN.json its result, written whole or not at all (search/collect.h)
//   run-parallel.sh, run-slurm.sh   the launchers (cli/launchers.h); logs/ their output
//   results.json, results.csv written by collect
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "search/collect.h"
#include "search/plan_file.h"

namespace descent::cli {

namespace fs = std::filesystem;

struct SearchFolder {
  fs::path dir;
  PlanFile plan;
  std::vector<RoundPlan> rounds;  // the emitted rounds, trials with their "file" and "spec"

  // The folder's plan and rounds; throws when dir holds no search.
  static SearchFolder open(const fs::path& dir);
  // Every trial's result file that exists: trial number -> its document.
  std::map<int, nlohmann::json> results() const;
  // The trials of round r without a finished ("done") result: what a rerun trains.
  std::vector<nlohmann::ordered_json> unfinished(int round) const;
  // How many trials of round r have no result file at all (a failed trial has one).
  size_t missing(int round) const;
  int trial_count() const;
};

// Emits the plan's next round into dir: round 1 into a new or empty folder; round r + 1 once
// every trial of round r has a result (narrowed around the plan's refine_best best trials).
// Throws, saying what to do, when dir holds another plan, the last round is unfinished or
// every round is emitted. descent: the runner the launchers call.
SearchFolder emit_next_round(const fs::path& dir, const PlanFile& plan, const std::string& descent);

// A trial's result file, from its spec file (round-R/trials/NNNN.json -> round-R/results/NNNN.json).
fs::path result_path(const fs::path& trial_spec);

// Writes text to path whole or not at all (a temporary file renamed over it).
void write_atomically(const fs::path& path, const std::string& text);
std::string read_text(const fs::path& path, const char* what);

// collect() over the folder, written to results.json and results.csv; returns the document.
nlohmann::ordered_json collect_folder(const SearchFolder& folder);

}  // namespace descent::cli
