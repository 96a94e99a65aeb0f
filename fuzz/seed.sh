#!/usr/bin/env bash
# Build the seed corpus of every fuzz target from the real reports:
# tests/fixtures/* and, when present, the shared corpus (NIANBAO_CORPUS, by default
# ../shared/corpus beside the repo). fuzz/corpus is git-ignored: it is generated here.
#
# Usage: fuzz/seed.sh            (idempotent; keeps what the fuzzer added)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
shared=${NIANBAO_CORPUS:-$repo/../shared/corpus}
if [ -d "$shared" ]; then shared=$(cd "$shared" && pwd); fi
targets=(parse_report parse_bytes parse_pdf)

sources=()
while IFS= read -r -d '' f; do sources+=("$f"); done < <(
  find "$repo/tests/fixtures" -type f ! -name '*.expected.json' -print0
  if [ -d "$shared" ]; then
    find "$shared" -type f ! -name '*.json' ! -name 'README*' ! -name 'SOURCES*' -print0
  fi
)

for t in "${targets[@]}"; do
  dir="$here/corpus/$t"
  mkdir -p "$dir"
  n=0
  for f in "${sources[@]}"; do
    # parse_pdf reads PDFs only: whole when small (the encrypted and scanned fixtures
    # of tests/fixtures/pdf), the first 64 KiB of the large ones (a truncated file)
    if [ "$t" = parse_pdf ]; then
      case "$f" in *.pdf) ;; *) continue ;; esac
    fi
    case "$f" in
      "$shared"/*) rel="shared/${f#"$shared/"}" ;;
      *) rel=${f#"$repo/tests/"} ;;
    esac
    name="seed-$(printf '%s' "$rel" | tr '/ ' '__')"
    case "$f" in
      *.pdf)
        if [ "$t" = parse_pdf ] && [ "$(wc -c <"$f")" -le 131072 ]; then cp "$f" "$dir/$name"
        elif [ "$t" = parse_pdf ]; then head -c 65536 "$f" >"$dir/$name"
        else head -c 4096 "$f" >"$dir/$name"; fi
        ;;
      *)
        # keep the corpus small enough for libFuzzer's default max_len
        if [ "$(wc -c <"$f")" -le 131072 ]; then cp "$f" "$dir/$name"; else continue; fi
        ;;
    esac
    n=$((n + 1))
  done
  echo "seed.sh: $n seeds in fuzz/corpus/$t"
done
