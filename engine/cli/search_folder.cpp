#include "cli/search_folder.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <unistd.h>

#include "cli/launchers.h"

namespace descent::cli {
namespace {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;  // a trial's values stay in params' order

std::string round_name(int r) { return "round-" + std::to_string(r); }

std::string trial_file(int trial) {
  char name[32];
  std::snprintf(name, sizeof name, "%04d.json", trial);
  return name;
}

RoundPlan read_round(const fs::path& dir, int r) {
  const ojson doc = ojson::parse(read_text(dir / round_name(r) / "search.json", "round file"));
  RoundPlan round{r, doc.at("params"), doc.at("trials")};
  for (auto& trial : round.trials)
    trial["spec"] = ojson::parse(read_text(dir / trial.at("file").get<std::string>(), "trial spec"));
  return round;
}

// Writes round r (the engine's plan answer) into the folder and appends it to trials.txt.
RoundPlan write_round(SearchFolder& folder, int r, const ojson& planned) {
  const fs::path round_dir = folder.dir / round_name(r);
  fs::create_directories(round_dir / "trials");
  fs::create_directories(round_dir / "results");
  RoundPlan round{r, planned["params"], ojson::array()};
  int trial = folder.trial_count();
  std::string lines;
  for (const auto& t : planned["trials"]) {
    const std::string file = round_name(r) + "/trials/" + trial_file(++trial);
    write_atomically(folder.dir / file, t["spec"].dump(2) + "\n");
    round.trials.push_back({{"trial", trial}, {"id", t["id"]}, {"values", t["values"]}, {"file", file}, {"spec", t["spec"]}});
    lines += file + "\n";
  }
  ojson listed = round.trials;
  for (auto& t : listed) t.erase("spec");
  write_atomically(round_dir / "search.json",
                   ojson{{"round", r}, {"seed", folder.plan.seed + static_cast<uint64_t>(r - 1)}, {"params", round.params},
                        {"trials", listed}}.dump(2) + "\n");
  std::ofstream manifest(folder.dir / "trials.txt", std::ios::app);
  if (!(manifest << lines).flush()) throw std::runtime_error("cannot write " + (folder.dir / "trials.txt").string());
  folder.rounds.push_back(round);
  return round;
}

}  // namespace

std::string read_text(const fs::path& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(std::string("cannot read ") + what + " " + path.string());
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_atomically(const fs::path& path, const std::string& text) {
  const fs::path temporary = path.string() + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary);
    if (!(out << text).flush()) throw std::runtime_error("cannot write " + temporary.string());
  }
  fs::rename(temporary, path);
}

fs::path result_path(const fs::path& trial_spec) {
  if (trial_spec.parent_path().filename() != "trials")
    throw std::runtime_error("a trial spec lives in a round's trials/ folder (round-1/trials/0001.json); given " +
                             trial_spec.string());
  return trial_spec.parent_path().parent_path() / "results" / trial_spec.filename();
}

SearchFolder SearchFolder::open(const fs::path& dir) {
  if (!fs::exists(dir / "plan.json"))
    throw std::runtime_error(dir.string() + " holds no search (no plan.json); allowed: a folder written by descent search --emit");
  SearchFolder folder{dir, read_plan_file(read_text(dir / "plan.json", "plan")), {}};
  for (int r = 1; fs::exists(dir / round_name(r) / "search.json"); ++r) folder.rounds.push_back(read_round(dir, r));
  return folder;
}

int SearchFolder::trial_count() const {
  int n = 0;
  for (const auto& r : rounds) n += static_cast<int>(r.trials.size());
  return n;
}

std::map<int, json> SearchFolder::results() const {
  std::map<int, json> out;
  for (const auto& round : rounds)
    for (const auto& trial : round.trials) {
      const fs::path path = result_path(dir / trial["file"].get<std::string>());
      if (!fs::exists(path)) continue;
      json doc = json::parse(read_text(path, "result"), nullptr, /*allow_exceptions=*/false);
      if (doc.is_discarded()) doc = failed_result("", "the result file " + path.string() + " is not JSON");
      out[trial["trial"].get<int>()] = doc;
    }
  return out;
}

std::vector<ojson> SearchFolder::unfinished(int r) const {
  const auto done = results();
  std::vector<ojson> out;
  for (const auto& trial : rounds.at(static_cast<size_t>(r - 1)).trials) {
    const auto it = done.find(trial["trial"].get<int>());
    if (it == done.end() || !is_done(it->second)) out.push_back(trial);
  }
  return out;
}

size_t SearchFolder::missing(int r) const {
  const auto done = results();
  const auto& trials = rounds.at(static_cast<size_t>(r - 1)).trials;
  return static_cast<size_t>(std::count_if(trials.begin(), trials.end(), [&](const ojson& t) {
    return done.find(t["trial"].get<int>()) == done.end();
  }));
}

SearchFolder emit_next_round(const fs::path& dir, const PlanFile& plan, const std::string& descent) {
  const bool fresh = !fs::exists(dir / "plan.json");
  if (fresh && fs::exists(dir) && !fs::is_empty(dir))
    throw std::runtime_error(dir.string() + " is not empty and holds no search; allowed: a new or empty folder, "
                             "or a folder this plan was emitted into (to emit its next round)");
  if (fresh) {
    fs::create_directories(dir / "logs");
    write_atomically(dir / "plan.json", to_json(plan).dump(2) + "\n");
  }
  SearchFolder folder = SearchFolder::open(dir);
  if (to_json(folder.plan) != to_json(plan))
    throw std::runtime_error(dir.string() + " holds another plan (its plan.json differs); allowed: a new or empty "
                             "folder, or the folder of this plan");
  const int last = static_cast<int>(folder.rounds.size());
  if (last == plan.rounds)
    throw std::runtime_error("every round of the plan (" + std::to_string(plan.rounds) + ") is emitted in " +
                             dir.string() + "; collect them: descent search collect " + dir.string());
  ojson params = plan.params;
  if (last > 0) {
    if (const size_t open = folder.missing(last))
      throw std::runtime_error("round " + std::to_string(last) + " has " + std::to_string(open) +
                               " trials without a result; run its launcher again (finished trials are skipped), "
                               "then emit the next round");
    const ojson zoom = answer_of({{"kind", "zoom"}, {"params", folder.rounds.back().params},
                              {"results", scored(collect(plan, folder.rounds, folder.results()))},
                              {"best", plan.refine_best}});
    params = zoom["params"];
  }
  write_round(folder, last + 1, answer_of(round_request(plan, last + 1, params)));
  write_launchers(folder.dir, descent, folder.trial_count() - static_cast<int>(folder.rounds.back().trials.size()) + 1,
                  folder.trial_count());
  return folder;
}

nlohmann::ordered_json collect_folder(const SearchFolder& folder) {
  const auto collected = collect(folder.plan, folder.rounds, folder.results());
  write_atomically(folder.dir / "results.json", collected.dump(2) + "\n");
  write_atomically(folder.dir / "results.csv", results_csv(collected));
  return collected;
}

}  // namespace descent::cli
