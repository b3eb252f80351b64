#include "search/plan_file.h"

#include "search/search.h"
#include "spec/fields.h"

namespace descent {

PlanFile read_plan_file(const std::string& text) {
  const auto document = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.is_object())
    throw SpecError("plan", document.is_discarded() ? "not JSON" : Fields::show(document),
                    "allowed: a JSON object {base, method, trials, grid_points, seed, params, rounds, refine_best}");
  Fields f(document, "");
  const std::string format = f.text("format", kPlanFormat, 100);
  if (format != kPlanFormat) throw SpecError("format", Fields::show(format), std::string("allowed: \"") + kPlanFormat + "\"");
  const auto ordered = nlohmann::ordered_json::parse(text);  // kept in the file's order
  PlanFile plan;
  if (f.has("base")) plan.base = ordered["base"];
  plan.method = f.choice("method", "random", {"random", "grid"});
  plan.trials = f.integer("trials", 20, 1, 1000);
  plan.grid_points = f.integer("grid_points", 3, 2, 20);
  plan.seed = static_cast<uint64_t>(f.whole("seed", 1, 0, 9007199254740991.0));
  if (!f.array("params")) throw SpecError("params", "missing", "allowed: an array of {name, min, max, scale}");
  plan.params = ordered["params"];
  plan.rounds = f.integer("rounds", 1, 1, 20);
  plan.refine_best = f.integer("refine_best", 3, 1, 100);
  f.finish();
  answer_of(round_request(plan, 1, plan.params));  // its errors name base.* and params[i].*
  return plan;
}

nlohmann::json round_request(const PlanFile& plan, int round, const nlohmann::ordered_json& params) {
  nlohmann::json request = {{"kind", "plan"},        {"method", plan.method},
                            {"trials", plan.trials}, {"grid_points", plan.grid_points},
                            {"seed", plan.seed + static_cast<uint64_t>(round - 1)}, {"params", params}};
  if (!plan.base.is_null()) request["base"] = plan.base;
  return request;
}

nlohmann::ordered_json answer_of(const nlohmann::json& request) {
  auto answer = nlohmann::ordered_json::parse(search(request.dump()));
  if (!answer.value("ok", false)) {
    const auto& e = answer["error"];
    throw SpecError(e.value("field", ""), e.value("given", ""), e.value("allowed", ""));
  }
  return answer;
}

nlohmann::ordered_json to_json(const PlanFile& plan) {
  nlohmann::ordered_json out = {{"format", kPlanFormat}};
  if (!plan.base.is_null()) out["base"] = plan.base;
  out["method"] = plan.method;
  out["trials"] = plan.trials;
  out["grid_points"] = plan.grid_points;
  out["seed"] = plan.seed;
  out["params"] = plan.params;
  out["rounds"] = plan.rounds;
  out["refine_best"] = plan.refine_best;
  return out;
}

}  // namespace descent
