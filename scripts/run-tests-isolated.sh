#!/usr/bin/env bash
# Runs vitest where the tests cannot touch the person's own machine state:
#  - a fresh HOME, so settings and keyrings start empty;
#  - on Linux, a private D-Bus session with an unlocked GNOME Keyring, so keytar talks to
#    a real Secret Service;
#  - as root on Linux, a loopback-only network namespace, so no test can reach anything
#    but 127.0.0.1 (every fake listens there).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
results="$PWD/.vitest-results.json"
rm -f "$results"

inner() {
  set +e
  vitest run --reporter=default --reporter=json --outputFile.json="$results" "$@"
  status=$?
  set -e
  node scripts/print-test-summary.mjs "$results" || true
  return $status
}

if [ "${FROK_TEST_ISOLATED:-}" = "1" ]; then
  inner "$@"
  exit $?
fi

export FROK_TEST_ISOLATED=1
export HOME="$(mktemp -d -t frok-test-home-XXXXXX)"
export XDG_RUNTIME_DIR="$HOME/.run" && mkdir -p -m 700 "$XDG_RUNTIME_DIR"

cmd=(bash "$0" "$@")
if [ "$(uname -s)" = "Linux" ]; then
  if command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
    cmd=(dbus-run-session -- sh -c 'printf frok | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "$@"' sh "${cmd[@]}")
  else
    echo "note: dbus-run-session or gnome-keyring-daemon missing; the keychain tests will fail (apt-get install dbus gnome-keyring)." >&2
  fi
  if [ "$(id -u)" = "0" ] && command -v unshare >/dev/null && unshare -n true 2>/dev/null; then
    cmd=(unshare -n sh -c 'ip link set lo up && exec "$@"' sh "${cmd[@]}")
  else
    echo "note: not isolating the network (needs root and unshare); the tests still only use 127.0.0.1." >&2
  fi
fi
exec "${cmd[@]}"
