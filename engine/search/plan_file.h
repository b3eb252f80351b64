#pragma once
// A search plan file: the search the page's card builds, for `descent search plan.json` and
// the cluster launchers. The plan request's fields (base, method, trials, grid_points, seed,
// params) and two of the rounds: how many, and how many of the best trials a later round's
// ranges must cover (the card's "Refine around best k"). Round r plans with seed + r - 1,
// as the card does with seed 1.
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace descent {

inline constexpr const char* kPlanFormat = "descent-search-plan";

struct PlanFile {
  nlohmann::ordered_json base;    // the spec every trial starts from (null: the default spec)
  std::string method;     // "random" | "grid"
  int trials = 20;        // random: how many per round
  int grid_points = 3;    // grid: values per parameter
  uint64_t seed = 1;
  nlohmann::ordered_json params;  // [{name, min, max, scale}] of round 1, as given
  int rounds = 1;
  int refine_best = 3;
};

// Reads and checks a plan (round 1 is planned to check base and params). Throws SpecError
// naming the field ("params[1].min", "base.batch_size", "rounds").
PlanFile read_plan_file(const std::string& text);

// The engine's plan request for round r (1-based) over params (round 1: plan.params).
nlohmann::json round_request(const PlanFile& plan, int round, const nlohmann::ordered_json& params);

nlohmann::ordered_json to_json(const PlanFile& plan);

// The engine's answer to a search request (search/search.h); an error answer is thrown as
// the SpecError it describes.
nlohmann::ordered_json answer_of(const nlohmann::json& request);

}  // namespace descent
