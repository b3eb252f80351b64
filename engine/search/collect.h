#pragma once
// A search's results, merged: every planned trial of every round with its result file's
// metrics (or "missing"), the ranking (best first: dev error, ties by dev loss), the
// sensitivity over the finished trials, and the same table as the card's Export CSV. Pure:
// the command-line runner reads and writes the files (cli/search_folder.h).
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "search/plan_file.h"

namespace descent {

inline constexpr const char* kResultsFormat = "descent-search-results";
inline constexpr const char* kTrialFormat = "descent-trial-result";

// One round as emitted: its ranges and its trials [{trial, id, values, spec}] (trial: the
// number across every round, from 1).
struct RoundPlan {
  int round = 1;
  nlohmann::ordered_json params;
  nlohmann::ordered_json trials;  // in their order, values in params' order
};

// A trial's result file: {format, status: "done", summary, seconds} or {format, status:
// "failed", error: {field, message, ...}}.
nlohmann::ordered_json done_result(const nlohmann::ordered_json& summary, double seconds);
nlohmann::ordered_json failed_result(const std::string& field, const std::string& message);
bool is_done(const nlohmann::json& result);

// A row of results.json: one planned trial and its result (nullptr: missing).
nlohmann::ordered_json trial_row(const RoundPlan& round, const nlohmann::ordered_json& trial, const nlohmann::json* result);

// results: trial number -> its result file (absent: missing). The document of results.json:
// {format, plan, params, rounds, trials: [{round, trial, id, values, status, train_error,
// dev_error, dev_loss, epochs, seconds, error, spec}], ranking, best, sensitivity, missing, failed}.
nlohmann::ordered_json collect(const PlanFile& plan, const std::vector<RoundPlan>& rounds,
                               const std::map<int, nlohmann::json>& results);

// The finished trials as the engine's zoom and sensitivity take them: [{values, dev_error,
// dev_loss}] (a regression's dev loss standing in for its error, as the card does).
nlohmann::json scored(const nlohmann::ordered_json& collected);

// results.csv: round, trial, the parameters, train_error, dev_error, dev_loss, epochs,
// seconds, status, error (the card's Export CSV columns).
std::string results_csv(const nlohmann::ordered_json& collected);

}  // namespace descent
