#!/usr/bin/env bash
# Fetch the pinned third-party web assets from the npm registry, copy them into
# tocsin/web/static/vendor/, and check each file's SHA-256 against VENDORED.md.
#
#   scripts/vendor-assets.sh          fetch, verify, then copy
#   scripts/vendor-assets.sh --check  fetch and verify only; the tree is left untouched
#
# Files are verified in the temporary directory before anything is copied, so a mismatch never
# leaves a half-updated vendor directory behind.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENDOR="$ROOT/tocsin/web/static/vendor"
MANIFEST="$VENDOR/VENDORED.md"

# package@version  file-in-package  vendored-file (relative to $VENDOR)
ASSETS=(
  "htmx.org@2.0.11 dist/htmx.min.js htmx/htmx.min.js"
  "htmx.org@2.0.11 LICENSE htmx/LICENSE"
  "world-atlas@2.0.2 countries-50m.json world-atlas/countries-50m.json"
  "world-atlas@2.0.2 LICENSE world-atlas/LICENSE"
  "swagger-ui-dist@5.35.0 swagger-ui-bundle.js swagger-ui/swagger-ui-bundle.js"
  "swagger-ui-dist@5.35.0 swagger-ui.css swagger-ui/swagger-ui.css"
)

check_only=0
case "${1:-}" in
  "") ;;
  --check) check_only=1 ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

command -v npm >/dev/null || { echo "error: npm is needed (apt-get install npm)" >&2; exit 1; }
[[ -f "$MANIFEST" ]] || { echo "error: $MANIFEST is missing" >&2; exit 1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# The SHA-256 that VENDORED.md records for a vendored file: the row whose "Vendored file"
# column is exactly `path`.
expected_sha() {
  local path="$1"
  awk -F'|' -v want="\`$path\`" '
    { gsub(/^[ \t]+|[ \t]+$/, "", $5); gsub(/^[ \t]+|[ \t]+$/, "", $6) }
    $5 == want { gsub(/`/, "", $6); print $6; found = 1 }
    END { if (!found) exit 1 }
  ' "$MANIFEST"
}

# Unpack each package once.
declare -A unpacked=()
for asset in "${ASSETS[@]}"; do
  read -r spec _ _ <<<"$asset"
  [[ -n "${unpacked[$spec]:-}" ]] && continue
  dir="$WORK/${spec//[@\/]/_}"
  mkdir -p "$dir"
  echo "fetching $spec"
  tarball="$(cd "$dir" && npm pack --silent "$spec")"
  tar -xzf "$dir/$tarball" -C "$dir"
  unpacked[$spec]="$dir/package"
done

failed=0
for asset in "${ASSETS[@]}"; do
  read -r spec src dest <<<"$asset"
  file="${unpacked[$spec]}/$src"
  if [[ ! -f "$file" ]]; then
    echo "MISSING  $spec has no $src" >&2
    failed=1
    continue
  fi
  actual="$(sha256sum "$file" | cut -d' ' -f1)"
  if ! want="$(expected_sha "$dest")"; then
    echo "UNLISTED $dest has no row in VENDORED.md (its SHA-256 is $actual)" >&2
    failed=1
  elif [[ "$actual" != "$want" ]]; then
    echo "MISMATCH $dest from $spec:$src" >&2
    echo "         VENDORED.md: $want" >&2
    echo "         downloaded:  $actual" >&2
    failed=1
  else
    echo "ok       $dest  $actual"
  fi
done

if [[ "$failed" -ne 0 ]]; then
  echo "error: vendored assets do not match VENDORED.md; nothing was copied" >&2
  exit 1
fi

if [[ "$check_only" -eq 1 ]]; then
  echo "all files match VENDORED.md (--check: nothing copied)"
  exit 0
fi

for asset in "${ASSETS[@]}"; do
  read -r spec src dest <<<"$asset"
  mkdir -p "$(dirname "$VENDOR/$dest")"
  cp "${unpacked[$spec]}/$src" "$VENDOR/$dest"
done
echo "copied ${#ASSETS[@]} files into ${VENDOR#"$ROOT"/}"
