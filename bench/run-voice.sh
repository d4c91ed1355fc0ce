#!/usr/bin/env bash
# Runs the voice benchmark where it can work: a built renderer, a private D-Bus session with
# an unlocked keyring (the harness keeps the key in a real keychain), loopback networking.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
[ -f out/renderer/index.html ] || electron-vite build >/dev/null
export HOME="$(mktemp -d -t frok-bench-home-XXXXXX)"
exec dbus-run-session -- sh -c 'printf frok | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec node --experimental-transform-types --no-warnings --import ./scripts/register-ts-resolver.mjs bench/voice.bench.ts'
