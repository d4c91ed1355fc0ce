#!/usr/bin/env bash
# Checks, before `npm test` spends minutes on typecheck, lint and build, that this machine has
# everything the tests need, and lists ALL that is missing at once with the commands that
# install it. Exit status 1 when something is missing. scripts/test.sh calls it first.
#   FROK_CHROMIUM=/path/to/chromium   a Chromium elsewhere than /usr/bin/chromium (as the e2e tests allow)
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"

missing=()      # one line each: what is missing, and why the tests need it
apt_packages=() # Debian/Ubuntu packages that bring the missing programs
npm_fix=""      # the npm command that fixes node_modules, if needed

need_program() { # program, apt package, what it is for
  command -v "$1" >/dev/null 2>&1 && return 0
  missing+=("$1 ($3)")
  apt_packages+=("$2")
}

# Node >= 22.12 (node_modules/.bin brings Node 24 once npm has installed it).
if ! command -v node >/dev/null 2>&1; then
  missing+=("node (Node.js >= 22.12 runs npm, the build and the tests; install it from https://nodejs.org or with nvm)")
elif ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=12)?0:1)'; then
  missing+=("Node.js >= 22.12 (found $(node --version); install a newer one from https://nodejs.org or with nvm)")
fi

# node_modules, installed without the Electron binary (the tests stand Electron in).
if [ ! -d node_modules ] || [ ! -x node_modules/.bin/vitest ]; then
  missing+=("node_modules (the project's packages are not installed)")
  npm_fix="ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci"
elif [ "$(uname -s)" = "Linux" ] && [ ! -f node_modules/keytar/build/Release/keytar.node ]; then
  # npm skips the optional keytar quietly when libsecret's headers are missing.
  missing+=("keytar's native module (npm skipped it: libsecret's headers were missing; the keychain tests need it)")
  apt_packages+=("libsecret-1-dev" "build-essential" "python3")
  npm_fix="npm rebuild keytar"
fi

chromium="${FROK_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  missing+=("$chromium (the end-to-end tests drive the renderer in Chromium; set FROK_CHROMIUM to use another)")
  apt_packages+=("chromium")
fi

if [ "$(uname -s)" = "Linux" ]; then
  need_program gnome-keyring-daemon gnome-keyring "a real Secret Service for the keychain tests"
  need_program dbus-daemon dbus "a private D-Bus session for the keychain tests"
  need_program dbus-run-session dbus "a private D-Bus session for the keychain tests"
  need_program unshare util-linux "a loopback-only network for the tests"
fi
need_program espeak-ng espeak-ng "spoken questions for the voice tests"
need_program sox sox "audio conversion for the voice tests"

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

{
  echo "npm test cannot run yet; this machine is missing:"
  for item in "${missing[@]}"; do echo "  - $item"; done
  echo
  echo "Install it with:"
  if [ ${#apt_packages[@]} -gt 0 ]; then
    # Each package once, in the order first needed.
    unique=$(printf '%s\n' "${apt_packages[@]}" | awk '!seen[$0]++' | tr '\n' ' ')
    echo "  sudo apt-get install -y ${unique% }"
  fi
  if [ -n "$npm_fix" ]; then echo "  $npm_fix"; fi
  echo "then run npm test again."
} >&2
exit 1
