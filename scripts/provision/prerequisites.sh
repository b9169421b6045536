#!/usr/bin/env bash
# System packages Daybook needs on a bare Debian/Ubuntu machine: the PostgreSQL server,
# Java (Kafka broker) with Maven (to fetch Kafka's jars), kcat for
# looking at topics, Chromium for the browser tests, and wrk (the load generator of
# `npm run bench:tasks -- --generator wrk`). Installed only when missing.
set -euo pipefail
need=()
command -v pg_ctl >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need+=(postgresql)
command -v java >/dev/null 2>&1 || need+=(openjdk-17-jre-headless)
command -v mvn >/dev/null 2>&1 || need+=(maven)
command -v kcat >/dev/null 2>&1 || need+=(kcat)
# libfaketime: the suite runs a second time with its clock moved (scripts/test-clock.sh).
command -v faketime >/dev/null 2>&1 || need+=(faketime)
command -v wrk >/dev/null 2>&1 || need+=(wrk)
if [[ "${DAYBOOK_BROWSER_TESTS:-1}" == "1" ]]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
fi
if ! command -v go >/dev/null 2>&1 && [[ ! -x "${DAYBOOK_CACHE:-$HOME/.cache/daybook}/dapr/v${DAPR_VERSION:-1.18.2}/daprd" ]]; then
  # Debian's golang-go is too old for Dapr 1.18 (it needs Go 1.24+): ask for a real one.
  echo "[setup] Go 1.24+ is needed once, to build Dapr: install it from https://go.dev/dl and retry" >&2
  exit 1
fi
if (( ${#need[@]} == 0 )); then exit 0; fi
if [[ "$(id -u)" != "0" ]]; then
  echo "[setup] missing system packages: ${need[*]} — install them (sudo apt-get install ${need[*]}) and retry" >&2
  exit 1
fi
echo "[setup] apt-get install ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q "${need[@]}" >/dev/null
