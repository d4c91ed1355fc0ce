#!/usr/bin/env bash
# The project's one test command (`npm test`): typecheck, lint, build the bundles, then
# run the unit, integration and end-to-end tests in an isolated environment, and close
# with one plain "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "$0")/.."
# npm puts node_modules/.bin first on PATH; set it here too so `bash scripts/test.sh` works alone.
# That .bin holds Node 24 from the registry's `node` package, whatever Node ran npm.
export PATH="$PWD/node_modules/.bin:$PATH"
# Everything the tests need (packages, Chromium, keyring, D-Bus, audio tools), all missing ones at once.
bash scripts/check-prerequisites.sh

node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<22||(a===22&&b<12)) { console.error("FROK needs Node >= 22.12; found "+process.version+". Run npm install first (it brings Node 24)."); process.exit(1) }'

step() { printf '\n\033[1m== %s\033[0m\n' "$1"; }

step "typecheck"; tsc --noEmit -p tsconfig.json
step "lint"; eslint . --max-warnings=0
step "build (electron-vite)"; electron-vite build >/tmp/frok-build.log 2>&1 || { cat /tmp/frok-build.log; exit 1; }
step "tests (unit, integration, end-to-end)"; bash scripts/run-tests-isolated.sh "$@"
