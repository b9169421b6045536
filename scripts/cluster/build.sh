#!/usr/bin/env bash
# Builds the local cluster's binaries from the Go module proxy, cached outside the repo keyed by
# version (the pattern of scripts/provision/dapr.sh). Each component prints its cache dir.
#
#   scripts/cluster/build.sh kubernetes|helm|coredns|dapr-control-plane
#
# kubernetes: k8s.io/kubernetes's go.mod points its staging modules at ./staging (absent from the
# module zip) and has a go.work: copy the module, drop go.work, point every staging replace at the
# published k8s.io/X v0.<minor>.<patch>, build with -mod=mod.
set -euo pipefail

KUBE_VERSION="${KUBE_VERSION:-1.34.4}"
HELM_VERSION="${HELM_VERSION:-v3.19.0}" # the version scripts/validate-k8s.sh builds: one helm for both
COREDNS_VERSION="${COREDNS_VERSION:-1.14.7}"
CACHE_DIR="${DAYBOOK_CACHE:-$HOME/.cache/daybook}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
log() { printf '[cluster:build] %s\n' "$*" >&2; }
need_go() { command -v go >/dev/null || { log "Go toolchain not found: install Go 1.24+"; exit 1; }; }

# Copies a module from the proxy into a writable folder; prints that folder.
module_src() {
  local mod="$1" version="$2" dest="$3"
  if [[ ! -f "$dest/go.mod" ]]; then
    log "downloading $mod@$version"
    local dir
    dir="$(go mod download -json "$mod@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
    [[ -d "$dir" ]] || { log "go mod download $mod@$version failed"; exit 1; }
    rm -rf "$dest.tmp"; mkdir -p "$(dirname "$dest")"; cp -r "$dir" "$dest.tmp"; chmod -R u+w "$dest.tmp"; mv "$dest.tmp" "$dest"
  fi
}

build_kubernetes() {
  local out="$CACHE_DIR/kubernetes/v$KUBE_VERSION" cmds=(kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubectl)
  if [[ -x "$out/kubectl" && -x "$out/kubelet" ]]; then log "kubernetes v$KUBE_VERSION cached in $out"; echo "$out"; return; fi
  need_go
  log "building kubernetes v$KUBE_VERSION from the Go module proxy (first time only: ~7 min on 2 cores)"
  local src="$CACHE_DIR/kubernetes/src-v$KUBE_VERSION" staging="v0.${KUBE_VERSION#1.}"
  module_src k8s.io/kubernetes "v$KUBE_VERSION" "$src"
  cd "$src"
  rm -f go.work go.work.sum
  sed -i -E "s#=> \./staging/src/(k8s\.io/[^ ]+)\$#=> \1 $staging#" go.mod
  local minor="${KUBE_VERSION#1.}"; minor="${minor%%.*}"
  local v=k8s.io/component-base/version
  local ldflags="-s -w -X $v.gitVersion=v$KUBE_VERSION -X $v.gitMajor=1 -X $v.gitMinor=$minor -X $v.gitTreeState=clean"
  mkdir -p "$out.tmp"
  for cmd in "${cmds[@]}"; do
    log "go build ./cmd/$cmd"
    GOFLAGS=-mod=mod CGO_ENABLED=0 go build -trimpath -ldflags "$ldflags" -o "$out.tmp/$cmd" "./cmd/$cmd"
  done
  rm -rf "$out"; mv "$out.tmp" "$out"
  log "built $out"; echo "$out"
}

build_helm() {
  local bin="$CACHE_DIR/bin/helm"
  if [[ -x "$bin" ]]; then log "helm cached in $bin"; dirname "$bin"; return; fi
  need_go
  log "building helm $HELM_VERSION from the Go module proxy (~1.5 min)"
  mkdir -p "$CACHE_DIR/bin"
  GOBIN="$CACHE_DIR/bin" CGO_ENABLED=0 go install -trimpath -ldflags "-s -w \
    -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION \
    -X helm.sh/helm/v3/internal/version.gitTreeState=clean \
    -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMajor=1 \
    -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMinor=34 \
    -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMajor=1 \
    -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor=34" \
    "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"
  dirname "$bin"
}

build_coredns() {
  local out="$CACHE_DIR/coredns/v$COREDNS_VERSION"
  if [[ -x "$out/coredns" ]]; then log "coredns v$COREDNS_VERSION cached in $out"; echo "$out"; return; fi
  need_go
  log "building coredns v$COREDNS_VERSION from the Go module proxy (~2.5 min)"
  rm -rf "$out.tmp"; mkdir -p "$out.tmp"
  CGO_ENABLED=0 GOBIN="$out.tmp" go install -trimpath -ldflags "-s -w" "github.com/coredns/coredns@v$COREDNS_VERSION"
  rm -rf "$out"; mv "$out.tmp" "$out"
  log "built $out/coredns"; echo "$out"
}

# Dapr's control plane from the same module (and version) as daprd: reuses dapr.sh's source copy.
build_dapr_control_plane() {
  local version
  version="$(sed -n 's/^DAPR_VERSION="\${DAPR_VERSION:-\(.*\)}"$/\1/p' "$ROOT/scripts/provision/dapr.sh")"
  # Beside, not inside, dapr.sh's folder (dapr.sh replaces that folder when it builds).
  local out="$CACHE_DIR/dapr/control-plane-v$version" cmds=(operator injector sentry placement scheduler)
  if [[ -x "$out/operator" && -x "$out/injector" ]]; then log "dapr control plane v$version cached in $out"; echo "$out"; return; fi
  need_go
  log "building Dapr's control plane v$version from the Go module proxy (~2.5 min)"
  local src="$CACHE_DIR/dapr/src-v$version"
  module_src github.com/dapr/dapr "v$version" "$src"
  cd "$src"
  local ldflags="-s -w -X github.com/dapr/dapr/pkg/buildinfo.version=$version -X github.com/dapr/kit/logger.DaprVersion=$version"
  mkdir -p "$out.tmp"
  for cmd in "${cmds[@]}"; do
    log "go build ./cmd/$cmd"
    CGO_ENABLED=0 go build -trimpath -ldflags "$ldflags" -o "$out.tmp/$cmd" "./cmd/$cmd"
  done
  rm -rf "$out"; mv "$out.tmp" "$out"
  log "built $out"; echo "$out"
}

case "${1:-}" in
  kubernetes-version) echo "$KUBE_VERSION" ;;
  coredns-version) echo "$COREDNS_VERSION" ;;
  kubernetes) build_kubernetes ;;
  helm) build_helm ;;
  coredns) build_coredns ;;
  dapr-control-plane) build_dapr_control_plane ;;
  *) echo "usage: $0 kubernetes|helm|coredns|dapr-control-plane" >&2; exit 2 ;;
esac
