#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan, build/fuzz) and runs each for a bounded
# time on its corpus: fuzz_spec on the lesson specs (public/lessons/*.json, one seed per run)
# and the hand-made seeds, with the spec dictionary; fuzz_csv on the hand-made CSV seeds; the
# two at once, a core each.
# Prints the executions each reached; exits non-zero when any fuzzer found a crash, a leak,
# undefined behaviour, a timeout or an out-of-memory (the reproducer is left in build/fuzz).
#   FUZZ_SECONDS=60 (per fuzzer)   FUZZ_JOBS=$(nproc) (build)   FUZZ_SEED=1 (0: a new one each run;
#   the test command keeps 1 so that a red run can be replayed)
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
SECONDS_EACH=${FUZZ_SECONDS:-60}
BUILD=build/fuzz

CC=clang-14 CXX=clang++-14 cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DDESCENT_FUZZ=ON > /dev/null &&
  cmake --build "$BUILD" -j"${FUZZ_JOBS:-$(nproc)}" --target fuzz_spec fuzz_csv || { echo "fuzz build failed"; exit 1; }

# The lesson specs, one file per run: the writable corpus (the fuzzer adds what it finds).
mkdir -p "$BUILD/corpus/spec" "$BUILD/corpus/csv" "$BUILD/artifacts"
node -e '
  const fs = require("fs"), path = require("path");
  const [dir, out] = process.argv.slice(1);
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".json") && f !== "index.json")) {
    const lesson = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
    (lesson.runs || []).forEach((run, i) =>
      fs.writeFileSync(path.join(out, `lesson-${path.basename(file, ".json")}-${i}.json`), JSON.stringify(run.spec)));
  }' public/lessons "$BUILD/corpus/spec" || { echo "could not extract the lesson specs"; exit 1; }

# Each fuzzer runs on a core of its own, both at once; each prints its summary when both end.
fuzz() {
  local name=$1
  shift
  local log="$BUILD/$name.log"
  "$BUILD/tests/fuzz/$name" -max_total_time="$SECONDS_EACH" -seed="${FUZZ_SEED:-1}" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$BUILD/artifacts/$name-" "$@" > "$log" 2>&1
  local rc=$?
  local execs
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  echo "-- $name: ${execs:-?} executions in ${SECONDS_EACH} s, exit $rc"
  if ((rc != 0)); then
    grep -E "ERROR|SUMMARY|runtime error|Test unit written|deadly signal" "$log" | head -20
    echo "   (full log: $log)"
  fi
  return $rc
}

fuzz fuzz_spec -dict=tests/fuzz/spec.dict -max_len=4096 "$BUILD/corpus/spec" tests/fuzz/seeds/spec > "$BUILD/fuzz_spec.summary" &
spec=$!
fuzz fuzz_csv -max_len=4096 "$BUILD/corpus/csv" tests/fuzz/seeds/csv > "$BUILD/fuzz_csv.summary" &
csv=$!
status=0
wait $spec || status=1
wait $csv || status=1
cat "$BUILD/fuzz_spec.summary" "$BUILD/fuzz_csv.summary"
exit $status
