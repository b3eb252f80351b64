#include "search/collect.h"

#include <cmath>
#include <limits>
#include <sstream>

#include "search/results.h"
#include "search/search.h"
#include "train/metrics.h"

namespace descent {
namespace {

using ojson = nlohmann::ordered_json;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A metric as the engine writes it (a number, "inf", "-inf" or null) as a double (null: NaN).
double number(const nlohmann::json& v) {
  if (v.is_number()) return v.get<double>();
  if (v == "inf") return std::numeric_limits<double>::infinity();
  if (v == "-inf") return -std::numeric_limits<double>::infinity();
  return kNaN;
}

// error = 1 - accuracy, as the card computes it from a trial's summary (null: regression).
double error_of(const nlohmann::json& summary, const char* accuracy) {
  const auto it = summary.find(accuracy);
  return it == summary.end() || it->is_null() ? kNaN : 1.0 - number(*it);
}

}  // namespace

ojson trial_row(const RoundPlan& round, const ojson& trial, const nlohmann::json* result) {
  ojson row = {{"round", round.round}, {"trial", trial["trial"]}, {"id", trial["id"]}, {"values", trial["values"]}};
  const bool done = result && is_done(*result);
  row["status"] = done ? "done" : result ? "failed" : "missing";
  const nlohmann::json summary = done ? result->value("summary", nlohmann::json::object()) : nlohmann::json::object();
  row["train_error"] = done ? metric_value(error_of(summary, "train_accuracy")) : nullptr;
  row["dev_error"] = done ? metric_value(error_of(summary, "dev_accuracy")) : nullptr;
  row["dev_loss"] = done && summary.contains("dev_loss") ? metric_value(number(summary["dev_loss"])) : nullptr;
  row["epochs"] = summary.value("epochs_run", 0);
  row["seconds"] = result && result->contains("seconds") ? (*result)["seconds"] : nlohmann::json(nullptr);
  row["error"] = result && !done
      ? nlohmann::json(result->value("error", nlohmann::json::object()).value("message", std::string("failed")))
      : nlohmann::json(nullptr);
  row["spec"] = trial["spec"];
  return row;
}

ojson done_result(const ojson& summary, double seconds) {
  return {{"format", kTrialFormat}, {"status", "done"}, {"seconds", seconds}, {"summary", summary}};
}

ojson failed_result(const std::string& field, const std::string& message) {
  return {{"format", kTrialFormat}, {"status", "failed"}, {"error", {{"field", field}, {"message", message}}}};
}

bool is_done(const nlohmann::json& result) {
  return result.is_object() && result.value("format", "") == kTrialFormat && result.value("status", "") == "done";
}

nlohmann::json scored(const ojson& collected) {
  bool regression = true;  // no finished trial has a dev error: its dev loss ranks it
  for (const auto& row : collected["trials"])
    if (row["status"] == "done" && std::isfinite(number(row["dev_error"]))) regression = false;
  nlohmann::json out = nlohmann::json::array();
  auto finite = [](double x) { return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr); };
  for (const auto& row : collected["trials"]) {
    if (row["status"] != "done") continue;
    const double dev_loss = number(row["dev_loss"]);
    out.push_back({{"values", row["values"]},
                   {"dev_error", finite(regression ? dev_loss : number(row["dev_error"]))},
                   {"dev_loss", finite(dev_loss)}});
  }
  return out;
}

ojson collect(const PlanFile& plan, const std::vector<RoundPlan>& rounds, const std::map<int, nlohmann::json>& results) {
  ojson trials = ojson::array(), round_list = ojson::array(), missing = ojson::array(), failed = ojson::array();
  for (const RoundPlan& round : rounds) {
    round_list.push_back({{"round", round.round}, {"params", round.params}, {"trials", round.trials.size()}});
    for (const auto& trial : round.trials) {
      const auto it = results.find(trial["trial"].get<int>());
      ojson row = trial_row(round, trial, it == results.end() ? nullptr : &it->second);
      if (row["status"] == "missing") missing.push_back(row["trial"]);
      if (row["status"] == "failed") failed.push_back(row["trial"]);
      trials.push_back(std::move(row));
    }
  }
  // The ranking (search/results.h ranked: dev error, then dev loss): the finished trials
  // with a finite dev error or loss.
  std::vector<const ojson*> rows;
  std::vector<Result> scores;
  for (const auto& row : trials) {
    Result r;
    r.dev_error = number(row["dev_error"]);
    r.dev_loss = number(row["dev_loss"]);
    if (row["status"] != "done" || !(std::isfinite(r.dev_error) || std::isfinite(r.dev_loss))) continue;
    rows.push_back(&row);
    scores.push_back(r);
  }
  ojson ranking = ojson::array();
  for (size_t i : ranked(scores)) ranking.push_back((*rows[i])["trial"]);

  ojson out = {{"format", kResultsFormat}, {"plan", to_json(plan)},
               {"params", rounds.empty() ? plan.params : rounds.front().params},
               {"rounds", round_list}, {"trials", trials}, {"ranking", ranking},
               {"best", ranking.empty() ? ojson(nullptr) : ranking.front()}};
  const nlohmann::json finished = scored(out);
  if (finished.size() < 3) {
    out["sensitivity"] = {{"message", "At least 3 finished trials are needed to tell which hyperparameters mattered."}};
  } else {
    const nlohmann::json request = {{"kind", "sensitivity"}, {"params", out["params"]}, {"results", finished}};
    const ojson answer = ojson::parse(search(request.dump()));
    out["sensitivity"] = answer.value("ok", false)
        ? ojson{{"ranking", answer["ranking"]}, {"trials_used", answer["trials_used"]}}
        : ojson{{"message", "The ranking could not be computed: " + answer["error"].value("message", std::string())}};
  }
  out["missing"] = missing;
  out["failed"] = failed;
  return out;
}

std::string results_csv(const ojson& collected) {
  std::vector<std::string> names;
  for (const auto& p : collected["params"]) names.push_back(p["name"].get<std::string>());
  auto cell = [](const nlohmann::json& v) -> std::string {
    if (v.is_null()) return "";
    std::string text = v.is_string() ? v.get<std::string>() : v.dump();
    if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
    std::string quoted = "\"";
    for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
  };
  std::ostringstream csv;
  csv << "round,trial";
  for (const auto& n : names) csv << ',' << n;
  csv << ",train_error,dev_error,dev_loss,epochs,seconds,status,error\n";
  for (const auto& row : collected["trials"]) {
    csv << row["round"] << ',' << row["trial"];
    for (const auto& n : names) csv << ',' << cell(row["values"].value(n, nlohmann::json(nullptr)));
    for (const char* k : {"train_error", "dev_error", "dev_loss", "epochs", "seconds", "status", "error"})
      csv << ',' << cell(row[k]);
    csv << '\n';
  }
  return csv.str();
}

}  // namespace descent
