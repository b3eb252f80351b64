#pragma once
// The two launchers `descent search --emit` writes beside trials.txt: run-parallel.sh (GNU
// parallel, on this machine or across hosts with --sshloginfile) and run-slurm.sh (an sbatch
// job array, one trial per index). Both run `descent search trial <spec>`, which skips a
// finished trial, so a rerun resumes after a node dies.
#include <filesystem>
#include <string>

namespace descent::cli {

// Writes both launchers into dir; the Slurm array covers trials [first, last] (the latest round).
void write_launchers(const std::filesystem::path& dir, const std::string& descent, int first, int last);

}  // namespace descent::cli
