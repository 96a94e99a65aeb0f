#!/usr/bin/env bash
# PDFs made by real software must read as their sources (tests/pdf_made.rs): writes
# HTML pages and DOCX files of reports with known values, prints the pages to PDF with
# Chromium (headless), converts the pages to DOCX and every DOCX file to PDF with
# LibreOffice (headless), then checks each PDF against its source.
#
#   bash scripts/pdf-made.sh
#
# Installs what is missing from Debian: chromium, libreoffice-writer-nogui (about a
# minute of apt on a machine that has neither; the fonts-wqy-microhei CJK font too).
# NIANBAO_SKIP="libreoffice" leaves LibreOffice out, NIANBAO_SKIP="pdf-made" the whole
# step — locally only: with CI=true nothing is skipped and a missing tool fails.
# NIANBAO_PDF_MADE_KEEP=DIR makes the sources and PDFs there and keeps them.
set -euo pipefail
cd "$(dirname "$0")/.."
skip=" ${NIANBAO_SKIP:-} "
ci=false
[ "${CI:-}" = true ] && ci=true
log() { printf '[pdf-made] %s\n' "$*" >&2; }

if [ "$ci" = false ] && [[ "$skip" == *" pdf-made "* ]]; then
  log "skipped (NIANBAO_SKIP contains pdf-made)"
  exit 0
fi
makers="chromium"
if [ "$ci" = true ] || [[ "$skip" != *" libreoffice "* ]]; then makers="$makers libreoffice"; fi

# --- tools ---------------------------------------------------------------------------
chromium="${CHROMIUM:-/usr/bin/chromium}"
packages=()
[ -x "$chromium" ] || packages+=(chromium)
if [[ "$makers" == *libreoffice* ]] && ! command -v soffice >/dev/null; then packages+=(libreoffice-writer-nogui); fi
if ! command -v fc-list >/dev/null || [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then packages+=(fonts-wqy-microhei); fi
if [ "${#packages[@]}" -gt 0 ]; then
  log "installing ${packages[*]} (apt)"
  sudo_cmd=""
  if [ "$(id -u)" != 0 ]; then sudo_cmd="sudo -n"; fi
  start=$(date +%s)
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq </dev/null
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${packages[@]}" </dev/null >/dev/null
  log "installed in $(( $(date +%s) - start )) s"
fi
[ -x "$chromium" ] || { log "no Chromium at $chromium"; exit 1; }
if [[ "$makers" == *libreoffice* ]] && ! command -v soffice >/dev/null; then log "no soffice (LibreOffice)"; exit 1; fi

# --- sources ---------------------------------------------------------------------------
if [ -n "${NIANBAO_PDF_MADE_KEEP:-}" ]; then
  work="$NIANBAO_PDF_MADE_KEEP"
  rm -rf "$work" && mkdir -p "$work"
else
  work="$(mktemp -d "${TMPDIR:-/tmp}/nianbao-pdf-made.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
fi
export NIANBAO_PDF_MADE="$work" NIANBAO_PDF_MAKERS="$makers"
cargo test -q -p nianbao --test pdf_made -- --ignored --exact write_sources </dev/null >/dev/null
mkdir -p "$work/pdf"

# --- PDFs ------------------------------------------------------------------------------
start=$(date +%s)
for html in "$work"/src/*.html; do
  name="$(basename "$html" .html)"
  "$chromium" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --no-pdf-header-footer --user-data-dir="$work/chromium-profile" \
    --print-to-pdf="$work/pdf/$name.chromium.pdf" "file://$html" </dev/null >/dev/null 2>&1
  [ -s "$work/pdf/$name.chromium.pdf" ] || { log "Chromium made no PDF of $name.html"; exit 1; }
done
log "Chromium: $(ls "$work"/pdf/*.chromium.pdf | wc -l) PDFs in $(( $(date +%s) - start )) s"
if [[ "$makers" == *libreoffice* ]]; then
  start=$(date +%s)
  lo="$work/lo"
  mkdir -p "$lo"
  # the HTML pages that have no DOCX of their own become DOCX files first (as the
  # corpus's DOCX was made); then every DOCX file becomes a PDF. LibreOffice runs with
  # a profile of its own.
  pages=()
  for html in "$work"/src/*.html; do
    [ -e "${html%.html}.docx" ] || pages+=("$html")
  done
  office() { soffice -env:UserInstallation="file://$work/lo-profile" --headless "$@" </dev/null >/dev/null 2>&1; }
  office --convert-to docx:"MS Word 2007 XML" --outdir "$work/src" "${pages[@]}" || true
  cargo test -q -p nianbao --test pdf_made -- --ignored --exact keep_rows_whole </dev/null >/dev/null
  office --convert-to pdf --outdir "$lo" "$work"/src/*.docx || true
  for pdf in "$lo"/*.pdf; do
    [ -e "$pdf" ] || continue
    mv "$pdf" "$work/pdf/$(basename "$pdf" .pdf).libreoffice.pdf"
  done
  log "LibreOffice: $(ls "$work"/pdf/*.libreoffice.pdf 2>/dev/null | wc -l) PDFs in $(( $(date +%s) - start )) s"
fi

# --- check -----------------------------------------------------------------------------
cargo test -q -p nianbao --test pdf_made -- --exact made_pdfs_read_as_their_sources --nocapture </dev/null

