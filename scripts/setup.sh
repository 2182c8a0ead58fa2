#!/usr/bin/env bash
# Installs everything gouji's build and tests need, from package registries only.
# Idempotent: every step checks first, says what it found, and skips what is already there.
#
#   scripts/setup.sh        (./x setup runs this; ./x serve, build and test run it first)
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130 # must equal the wasm-bindgen crate version in Cargo.toml
WASM_OPT_VERSION=132         # npm binaryen, pinned in package.json / package-lock.json

export PATH="$HOME/.cargo/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export DEBIAN_FRONTEND=noninteractive

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

command -v cargo >/dev/null || die "cargo not found: install Rust with rustup first"
command -v rustup >/dev/null || die "rustup not found: it is needed to add the wasm32 target"
command -v node >/dev/null || die "node not found: install Node.js 20 or newer"
command -v npm >/dev/null || die "npm not found"

# Root runs apt-get directly; anyone else needs sudo.
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root (or sudo) to run: $*"
  fi
}

# 1. The wasm32 target.
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rust target wasm32-unknown-unknown: installed"
else
  say "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# 2. Trunk, pinned (plain `cargo install trunk` picks 0.22, which needs a newer rustc).
have_trunk="$(trunk --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$have_trunk" = "$TRUNK_VERSION" ]; then
  say "trunk $TRUNK_VERSION: installed"
else
  say "installing trunk $TRUNK_VERSION (found: ${have_trunk:-none}); this compiles for several minutes"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

# 3. wasm-bindgen-cli, exactly the crate's version (no --locked: its lockfile fails to build).
have_bindgen="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$have_bindgen" = "$WASM_BINDGEN_VERSION" ]; then
  say "wasm-bindgen $WASM_BINDGEN_VERSION: installed"
else
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (found: ${have_bindgen:-none}); this compiles for several minutes"
  cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION"
fi

# 4 and 6. npm packages, installed with `npm ci` from the committed lockfiles, only when the
# installed tree differs from the lockfile.
npm_tree_matches() { # DIR: every package in DIR/package-lock.json is installed at its version
  node -e '
    const fs = require("fs"), path = require("path");
    const dir = process.argv[1];
    const lock = JSON.parse(fs.readFileSync(path.join(dir, "package-lock.json"), "utf8"));
    for (const [where, info] of Object.entries(lock.packages || {})) {
      if (!where || info.link) continue;
      try {
        const pj = JSON.parse(fs.readFileSync(path.join(dir, where, "package.json"), "utf8"));
        if (pj.version !== info.version) process.exit(1);
      } catch { process.exit(1); }
    }' "$1"
}
npm_install() { # DIR WHAT
  if npm_tree_matches "$1"; then
    say "$2: installed ($1/node_modules matches package-lock.json)"
  else
    say "installing $2 with npm ci in $1"
    (cd "$1" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# 4. wasm-opt from npm's binaryen (Debian's binaryen is too old), repo-local in node_modules/.bin.
npm_install . "wasm-opt (npm binaryen $WASM_OPT_VERSION)"
have_opt="$(node_modules/.bin/wasm-opt --version 2>/dev/null | awk '{print $3}' || true)"
[ "$have_opt" = "$WASM_OPT_VERSION" ] || die "node_modules/.bin/wasm-opt reports '${have_opt:-nothing}', expected $WASM_OPT_VERSION"

# 5. Debian's chromium and CJK fonts for the browser tests and screenshots.
if [ -x /usr/bin/chromium ] && dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
  say "chromium and fonts-noto-cjk: installed"
else
  say "installing chromium and fonts-noto-cjk with apt-get"
  if ! as_root apt-get install -y --no-install-recommends chromium fonts-noto-cjk; then
    say "apt-get install failed; running apt-get update and trying again"
    as_root apt-get update
    as_root apt-get install -y --no-install-recommends chromium fonts-noto-cjk
  fi
fi

# 6. The browser-test packages: playwright-core (never `playwright`, never a browser download).
npm_install tests/e2e "browser-test packages (playwright-core, fflate, axe-core)"

say "done"
