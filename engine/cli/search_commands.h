#pragma once
// `descent search`: the card's hyperparameter search without the browser.
//   descent search plan.json [--jobs N] [--dir DIR]   run every round here, N trials at a time
//   descent search plan.json --emit DIR               write the next round for a cluster
//   descent search trial DIR/round-1/trials/0001.json train one trial into its result file
//   descent search collect DIR                        merge the results: results.json, .csv
// Each returns the process's exit code; errors are thrown as exceptions with their message.
#include <string>

namespace descent::cli {

int search_local(const std::string& plan_path, std::string dir, int jobs);
int search_emit(const std::string& plan_path, const std::string& dir);
int search_trial(const std::string& spec_path);
int search_collect(const std::string& dir);

}  // namespace descent::cli
