#!/usr/bin/env bash
# `npm run test:stress`: proves the suite does not flake under load. Keeps every core busy
# with a spinning Node process (one per core, `nproc` of them), then runs `npm test` five
# times in a row, stopping at the first failure and saying which run it was. The spinners
# are killed on exit, however the script ends.
#
#   npm run test:stress            # five runs
#   FROK_STRESS_RUNS=2 npm run test:stress
#   npm run test:stress -- test/e2e/voice.test.ts   # arguments go to every `npm test`
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"

runs="${FROK_STRESS_RUNS:-5}"
cores="$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)"
spinners=()

stop_spinners() {
  for pid in "${spinners[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${spinners[@]}"; do wait "$pid" 2>/dev/null || true; done
  spinners=()
}
trap stop_spinners EXIT
trap 'exit 130' INT TERM

for _ in $(seq 1 "$cores"); do
  node -e 'for(;;);' &
  spinners+=("$!")
done
echo "stress: ${#spinners[@]} busy loops running (one per core: pids ${spinners[*]}); ${runs} runs of npm test"

for run in $(seq 1 "$runs"); do
  printf '\n\033[1m== stress run %s of %s\033[0m\n' "$run" "$runs"
  started=$SECONDS
  if ! npm test -- "$@"; then
    echo
    echo "stress: run ${run} of ${runs} FAILED (after $((SECONDS - started)) s); runs 1..$((run - 1)) passed."
    exit 1
  fi
  echo "stress: run ${run} of ${runs} passed in $((SECONDS - started)) s"
done
echo
echo "stress: all ${runs} runs passed with ${#spinners[@]} cores kept busy."
