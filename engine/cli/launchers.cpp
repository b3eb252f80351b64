#include "cli/launchers.h"

#include <fstream>
#include <stdexcept>

namespace descent::cli {
namespace {

// text with every "@NAME@" replaced.
std::string filled(std::string text, const std::string& name, const std::string& value) {
  for (size_t at; (at = text.find("@" + name + "@")) != std::string::npos;) text.replace(at, name.size() + 2, value);
  return text;
}

// Single-quoted for the shell.
std::string quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

constexpr const char* kParallel = R"SH(#!/usr/bin/env bash
# Runs this search's trials with GNU parallel (written by descent search --emit).
#   ./run-parallel.sh                          every core of this machine, one trial per core
#   JOBS=4 ./run-parallel.sh                   4 trials at a time
#   ./run-parallel.sh --sshloginfile hosts     spread over the hosts listed (this folder on a
#                                              file system they share; DESCENT the runner's
#                                              path on them, if not @DESCENT@)
# A rerun skips the finished trials (resume after a host dies); then: descent search collect .
set -euo pipefail
cd "$(dirname "$0")"
DESCENT="${DESCENT:-@DESCENT@}"
exec parallel --will-cite --joblog logs/parallel-joblog.txt --jobs "${JOBS:-100%}" --workdir "$PWD" "$@" \
  "$DESCENT" search trial {} :::: trials.txt
)SH";

constexpr const char* kSlurm = R"SH(#!/usr/bin/env bash
# One trial per Slurm array index: index n runs line n of trials.txt (written by descent search
# --emit; the array covers the latest round's trials). Submit from this folder:
#   sbatch run-slurm.sh
# A resubmission skips the finished trials (resume after a node dies); then: descent search collect .
#SBATCH --job-name=descent-search
#SBATCH --array=@FIRST@-@LAST@
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=1
#SBATCH --output=logs/slurm-%A_%a.out
set -euo pipefail
cd "${SLURM_SUBMIT_DIR:-$(dirname "$0")}"
DESCENT="${DESCENT:-@DESCENT@}"
: "${SLURM_ARRAY_TASK_ID:?is not set: submit with sbatch, or set it to a line number of trials.txt}"
trial="$(sed -n "${SLURM_ARRAY_TASK_ID}p" trials.txt)"
if [ -z "$trial" ]; then
  echo "run-slurm.sh: trials.txt has no line ${SLURM_ARRAY_TASK_ID}; allowed: 1 to $(wc -l < trials.txt)" >&2
  exit 2
fi
exec "$DESCENT" search trial "$trial"
)SH";

void write_script(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path);
  if (!(out << text).flush()) throw std::runtime_error("cannot write " + path.string());
  out.close();
  using std::filesystem::perms;
  std::filesystem::permissions(path, perms::owner_exec | perms::group_exec | perms::others_exec,
                               std::filesystem::perm_options::add);
}

}  // namespace

void write_launchers(const std::filesystem::path& dir, const std::string& descent, int first, int last) {
  // The default runner's path goes in double quotes ("${DESCENT:-...}"): refuse what they would expand.
  if (descent.find_first_of("\"$`\\") != std::string::npos)
    throw std::runtime_error("the runner's path " + quoted(descent) + " holds a character the launchers cannot quote");
  write_script(dir / "run-parallel.sh", filled(kParallel, "DESCENT", descent));
  write_script(dir / "run-slurm.sh",
               filled(filled(filled(kSlurm, "DESCENT", descent), "FIRST", std::to_string(first)), "LAST", std::to_string(last)));
}

}  // namespace descent::cli
