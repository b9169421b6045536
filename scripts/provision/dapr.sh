#!/usr/bin/env bash
# Builds daprd and the Dapr Scheduler at one pinned release from the Go module proxy
# (no Dapr binary is published in any registry reachable here, and `dapr init` downloads
# from the internet). Binaries are cached outside the repo, keyed by version; a daprd
# already on PATH or in ~/.dapr/bin with the same version is reused.
set -euo pipefail

# 1.18.3 requires durabletask-go v0.12.4, which the module proxy serves as 403 "not available".
DAPR_VERSION="${DAPR_VERSION:-1.18.2}"
CACHE_DIR="${DAYBOOK_CACHE:-$HOME/.cache/daybook}"
OUT_DIR="$CACHE_DIR/dapr/v$DAPR_VERSION"
log() { printf '[provision:dapr] %s\n' "$*" >&2; }

version_of() { "$1" --version 2>/dev/null | head -n1 | tr -d '[:space:]'; }

if [[ -x "$OUT_DIR/daprd" && -x "$OUT_DIR/scheduler" ]]; then
  log "daprd + scheduler v$DAPR_VERSION cached in $OUT_DIR"
  echo "$OUT_DIR"; exit 0
fi

# Reuse an installed runtime of the same version (dapr init puts both in ~/.dapr/bin).
for dir in "$HOME/.dapr/bin" $(dirname "$(command -v daprd 2>/dev/null || echo /nonexistent/x)"); do
  if [[ -x "$dir/daprd" && -x "$dir/scheduler" && "$(version_of "$dir/daprd")" == "$DAPR_VERSION" ]]; then
    log "reusing daprd + scheduler v$DAPR_VERSION from $dir"
    mkdir -p "$OUT_DIR"; ln -sf "$dir/daprd" "$OUT_DIR/daprd"; ln -sf "$dir/scheduler" "$OUT_DIR/scheduler"
    echo "$OUT_DIR"; exit 0
  fi
done

command -v go >/dev/null || { log "Go toolchain not found: install Go 1.24+ to build Dapr"; exit 1; }
log "building daprd + scheduler v$DAPR_VERSION from the Go module proxy (first time only: 10-25 min on 2 cores)"
SRC_DIR="$CACHE_DIR/dapr/src-v$DAPR_VERSION"
mkdir -p "$CACHE_DIR/dapr"
if [[ ! -f "$SRC_DIR/go.mod" ]]; then
  log "downloading github.com/dapr/dapr@v$DAPR_VERSION"
  MOD_DIR="$(go mod download -json "github.com/dapr/dapr@v$DAPR_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [[ -d "$MOD_DIR" ]] || { log "go mod download failed"; exit 1; }
  rm -rf "$SRC_DIR.tmp"; cp -r "$MOD_DIR" "$SRC_DIR.tmp"; chmod -R u+w "$SRC_DIR.tmp"; mv "$SRC_DIR.tmp" "$SRC_DIR"
fi
cd "$SRC_DIR"
LDFLAGS="-s -w -X github.com/dapr/dapr/pkg/buildinfo.version=$DAPR_VERSION -X github.com/dapr/kit/logger.DaprVersion=$DAPR_VERSION"
mkdir -p "$OUT_DIR.tmp"
for cmd in daprd scheduler; do
  log "go build ./cmd/$cmd"
  CGO_ENABLED=0 go build -trimpath -tags allcomponents -ldflags "$LDFLAGS" -o "$OUT_DIR.tmp/$cmd" "./cmd/$cmd"
done
rm -rf "$OUT_DIR"; mv "$OUT_DIR.tmp" "$OUT_DIR"
log "built $OUT_DIR/{daprd,scheduler}"
echo "$OUT_DIR"
