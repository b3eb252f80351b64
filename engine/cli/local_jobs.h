#pragma once
// Runs commands as child processes, at most `jobs` at a time (the local cores of `descent
// search --jobs N`): each trial in a process of its own, as the launchers run them.
#include <functional>
#include <string>
#include <vector>

namespace descent::cli {

struct Job {
  std::vector<std::string> argv;  // argv[0]: the program's path
  std::string log;                // its stdout and stderr go here
};

// Runs every job, `jobs` at a time, in order; done(i, exit_status) after job i ends
// (exit_status: the exit code, or 128 + the signal that killed it).
void run_jobs(const std::vector<Job>& list, int jobs, const std::function<void(size_t, int)>& done);

// This program's path (/proc/self/exe), for running its own subcommands.
std::string self_path();

}  // namespace descent::cli
