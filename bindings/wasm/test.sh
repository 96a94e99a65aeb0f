#!/usr/bin/env bash
# Build the npm package `nianbao`, pack it, install the tarball into a temporary
# project, and run the Node tests (golden corpus, API and errors, TypeScript types, the
# web page in Chromium) against that install. Non-interactive; exits non-zero on any
# failure. On a new machine it installs what it needs: the wasm target and the
# wasm-bindgen CLI (build.sh), npm dev dependencies (`npm ci`), Debian's chromium.
#
#   bash bindings/wasm/test.sh
#
# Environment: CARGO_TARGET_DIR, NIANBAO_TOOLS (see build.sh); NIANBAO_SKIP_BROWSER=1
# skips the browser test; NIANBAO_CORPUS overrides <repo>/../shared/corpus.
set -euo pipefail
export CI="${CI:-true}"
export DEBIAN_FRONTEND=noninteractive
export npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
log() { printf '[test] %s\n' "$*" >&2; }

# --- chromium (Debian's; playwright's own browser downloads do not work here) ------------
# (and a small CJK font, so that the screenshot shows Chinese rather than boxes)
if [ -z "${NIANBAO_SKIP_BROWSER:-}" ]; then
  packages=()
  [ -x "${CHROMIUM:-/usr/bin/chromium}" ] || packages+=(chromium)
  if ! command -v fc-list >/dev/null || [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then packages+=(fonts-wqy-microhei); fi
  if [ "${#packages[@]}" -gt 0 ]; then
    log "installing ${packages[*]} (apt)"
    sudo_cmd=""
    if [ "$(id -u)" != 0 ]; then sudo_cmd="sudo -n"; fi
    $sudo_cmd apt-get update -qq </dev/null
    $sudo_cmd apt-get install -y -qq --no-install-recommends "${packages[@]}" </dev/null >/dev/null
  fi
fi

# --- build the package, and the native CLI the results are compared with --------------
bash "$here/build.sh" </dev/null
target_dir="$(bash "$repo/scripts/target-dir.sh")"
log "building the native CLI (release) for the comparison test"
cargo build --release --manifest-path "$repo/Cargo.toml" -p nianbao-cli </dev/null

# --- pack and install into a fresh project ----------------------------------------------
work="$(mktemp -d "${TMPDIR:-/tmp}/nianbao-npm-test.XXXXXX")"
trap 'rm -rf "$work"' EXIT
(cd "$here/pkg/nianbao" && npm pack --silent --pack-destination "$work" </dev/null >/dev/null)
tarball="$(ls "$work"/nianbao-*.tgz)"
log "packed $(basename "$tarball") ($(wc -c <"$tarball") bytes)"
mkdir -p "$work/app"
printf '{ "name": "nianbao-install-test", "private": true, "type": "module" }\n' >"$work/app/package.json"
(cd "$work/app" && npm install --silent --no-package-lock "$tarball" </dev/null)
cp -r "$here/tests" "$work/app/tests"

# --- run -----------------------------------------------------------------------------------
log "node --test against $(cd "$work/app" && node -p 'require.resolve("nianbao/package.json")')"
cd "$work/app"
NIANBAO_REPO="$repo" NIANBAO_CLI="$target_dir/release/nianbao" \
  node --test --test-reporter=spec --test-concurrency=1 tests/*.test.mjs </dev/null
