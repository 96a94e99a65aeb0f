#!/usr/bin/env bash
# Prints the directory cargo builds the workspace into, as cargo itself resolves it
# from the current directory: CARGO_TARGET_DIR (a relative one taken from the current
# directory), else `build.target-dir` of a `.cargo/config.toml` cargo reads from here,
# else target/ at the workspace root. The scripts that run what cargo built (the CLI,
# the wasm module, the timing example) find it here, so that they run the build they
# just made wherever the target directory is set. Call it from the directory the
# build was run from.
#
#   bash scripts/target-dir.sh              # the directory
#   bash scripts/target-dir.sh release/nianbao
#                                           # a program built there; an error naming
#                                           # the path when it is not there
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
meta="$(cargo metadata --format-version 1 --no-deps --offline --manifest-path "$repo/Cargo.toml")"
dir="$(printf '%s' "$meta" | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')"
# a path JSON had to escape (a quote or a backslash in it) is not read here
if [ -z "$dir" ] || [[ "$dir" == *\\* ]]; then
  echo "target-dir.sh: could not read target_directory from cargo metadata" >&2
  exit 1
fi
if [ $# -eq 0 ]; then
  printf '%s\n' "$dir"
elif [ -x "$dir/$1" ] && [ -f "$dir/$1" ]; then
  printf '%s\n' "$dir/$1"
else
  echo "target-dir.sh: $1 was built, but is not at $dir/$1" >&2
  exit 1
fi
