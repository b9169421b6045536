#!/usr/bin/env bash
# Builds Mailpit (the local SMTP sink with a web UI and a JSON API) at one pinned release from
# the Go module proxy, cached outside the repo keyed by version, like daprd (dapr.sh).
set -euo pipefail

MAILPIT_VERSION="${MAILPIT_VERSION:-1.33.1}"
CACHE_DIR="${DAYBOOK_CACHE:-$HOME/.cache/daybook}"
OUT_DIR="$CACHE_DIR/mailpit/v$MAILPIT_VERSION"
log() { printf '[provision:mailpit] %s\n' "$*" >&2; }

if [[ -x "$OUT_DIR/mailpit" ]]; then
  log "mailpit v$MAILPIT_VERSION cached in $OUT_DIR"
  echo "$OUT_DIR"; exit 0
fi
command -v go >/dev/null || { log "Go toolchain not found: install Go 1.24+ to build Mailpit"; exit 1; }
log "building mailpit v$MAILPIT_VERSION from the Go module proxy (first time only: about 2 min)"
rm -rf "$OUT_DIR.tmp"; mkdir -p "$OUT_DIR.tmp"
CGO_ENABLED=0 GOBIN="$OUT_DIR.tmp" go install -trimpath -ldflags "-s -w" "github.com/axllent/mailpit@v$MAILPIT_VERSION"
rm -rf "$OUT_DIR"; mv "$OUT_DIR.tmp" "$OUT_DIR"
log "built $OUT_DIR/mailpit"
echo "$OUT_DIR"
