#include "cli/search_commands.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>
#include <stdexcept>

#include "cli/local_jobs.h"
#include "cli/search_folder.h"
#include "spec/spec.h"
#include "train/session.h"
#include "train/summary.h"

namespace descent::cli {
namespace {

using ojson = nlohmann::ordered_json;

PlanFile load_plan(const std::string& path) {
  try {
    return read_plan_file(read_text(path, "plan file"));
  } catch (const SpecError& e) {  // name the file: the plan's fields are the file's
    throw SpecError(e.field(), e.given(), e.allowed() + " (in " + path + ")");
  }
}

// A results.json row without its spec: what a finished trial prints.
ojson line_of(ojson row) {
  row.erase("spec");
  return row;
}

// "3 of 12 trials done, 1 failed, 0 missing; best: trial 7 (dev error 0.042)".
std::string tally(const ojson& collected) {
  const size_t all = collected["trials"].size(), failed = collected["failed"].size(),
               missing = collected["missing"].size();
  std::string text = std::to_string(all - failed - missing) + " of " + std::to_string(all) + " trials done, " +
                     std::to_string(failed) + " failed, " + std::to_string(missing) + " missing";
  if (!collected["best"].is_null()) text += "; best: trial " + collected["best"].dump();
  return text;
}

void print_final(const ojson& collected, const fs::path& dir) {
  ojson best = nullptr;
  for (const auto& row : collected["trials"])
    if (row["trial"] == collected["best"]) best = line_of(row);
  std::cout << ojson{{"ranking", collected["ranking"]}, {"best", best}, {"sensitivity", collected["sensitivity"]},
                     {"missing", collected["missing"]}, {"failed", collected["failed"]},
                     {"results", (dir / "results.json").string()}}.dump()
            << std::endl;
  std::cerr << "descent search: " << tally(collected) << "; " << (dir / "results.json").string() << " and results.csv"
            << std::endl;
}

}  // namespace

int search_trial(const std::string& spec_path) {
  const fs::path spec_file(spec_path);
  const fs::path out = result_path(spec_file);
  if (fs::exists(out) && is_done(nlohmann::json::parse(read_text(out, "result"), nullptr, false))) {
    std::cout << spec_path << ": finished before (" << out.string() << "); skipped" << std::endl;
    return 0;
  }
  ojson result;
  try {
    Session session(parse_spec(read_text(spec_file, "trial spec")));
    const auto t0 = std::chrono::steady_clock::now();
    while (!session.finished()) session.step(session.steps_per_epoch());
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    result = done_result(to_json(session.summary()), std::round(seconds * 1000) / 1000);
  } catch (const SpecError& e) {
    result = failed_result(e.field(), e.what());
  } catch (const std::exception& e) {
    result = failed_result("", e.what());
  }
  write_atomically(out, result.dump(2) + "\n");
  std::cout << spec_path << ": " << result["status"].get<std::string>() << " (" << out.string() << ")" << std::endl;
  return is_done(result) ? 0 : 1;
}

int search_collect(const std::string& dir) {
  const auto folder = SearchFolder::open(dir);
  print_final(collect_folder(folder), folder.dir);
  return 0;
}

int search_emit(const std::string& plan_path, const std::string& dir) {
  const auto folder = emit_next_round(dir, load_plan(plan_path), self_path());
  const RoundPlan& round = folder.rounds.back();
  const int last = folder.trial_count(), first = last - static_cast<int>(round.trials.size()) + 1;
  std::cerr << "descent search: round " << round.round << " of " << folder.plan.rounds << ", trials " << first << "-"
            << last << " in " << (folder.dir / "trials.txt").string() << ".\n"
            << "  Run them: " << (folder.dir / "run-parallel.sh").string()
            << " (GNU parallel; --sshloginfile FILE for more hosts), or: cd " << folder.dir.string()
            << " && sbatch run-slurm.sh\n"
            << "  Then: descent search collect " << folder.dir.string()
            << (round.round < folder.plan.rounds ? ", and emit the next round with the same --emit command" : "")
            << std::endl;
  std::cout << ojson{{"round", round.round}, {"rounds", folder.plan.rounds}, {"first", first}, {"last", last},
                     {"dir", folder.dir.string()}}.dump()
            << std::endl;
  return 0;
}

int search_local(const std::string& plan_path, std::string dir, int jobs) {
  const PlanFile plan = load_plan(plan_path);
  if (dir.empty()) dir = fs::path(plan_path).replace_extension("").string() + "-search";
  const std::string self = self_path();
  // A folder this plan was run in before resumes: its finished trials are kept.
  int emitted = 0;
  if (fs::exists(fs::path(dir) / "plan.json")) {
    const SearchFolder before = SearchFolder::open(dir);
    if (to_json(before.plan) != to_json(plan))
      throw std::runtime_error(dir + " holds another plan (its plan.json differs); allowed: a new or empty folder, "
                               "or the folder of this plan (to resume it)");
    emitted = static_cast<int>(before.rounds.size());
  }
  for (int r = 1; r <= plan.rounds; ++r) {
    SearchFolder folder = r <= emitted ? SearchFolder::open(dir) : emit_next_round(dir, plan, self);
    if (r > emitted) emitted = r;
    const RoundPlan& round = folder.rounds.at(static_cast<size_t>(r - 1));
    std::vector<Job> list;
    std::vector<nlohmann::ordered_json> trials = folder.unfinished(r);
    for (const auto& trial : trials) {
      const std::string file = trial["file"].get<std::string>();
      list.push_back({{self, "search", "trial", (folder.dir / file).string()},
                      (folder.dir / "logs" / (fs::path(file).stem().string() + ".out")).string()});
    }
    // The trials finished before print first, then each as it ends.
    const auto before = folder.results();
    for (const auto& trial : round.trials) {
      const auto it = before.find(trial["trial"].get<int>());
      if (it != before.end() && is_done(it->second)) std::cout << line_of(trial_row(round, trial, &it->second)).dump() << std::endl;
    }
    run_jobs(list, std::max(1, jobs), [&](size_t i, int) {
      const fs::path out = result_path(folder.dir / trials[i]["file"].get<std::string>());
      nlohmann::json result = fs::exists(out) ? nlohmann::json::parse(read_text(out, "result"), nullptr, false)
                                              : nlohmann::json(failed_result("", "the trial ended without a result"));
      std::cout << line_of(trial_row(round, trials[i], &result)).dump() << std::endl;
    });
  }
  const auto folder = SearchFolder::open(dir);
  print_final(collect_folder(folder), folder.dir);
  return 0;
}

}  // namespace descent::cli
