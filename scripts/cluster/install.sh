#!/usr/bin/env bash
# Daybook on the running local cluster (`npm run cluster -- install`, after `up`):
#   1. the Kafka and PostgreSQL images (scripts/cluster/data/images.sh, cached) and the app
#      images named by ~/.cache/daybook/images/current.env (`npm run images`) into containerd;
#   2. the prerequisites k8s/local (Kafka KRaft StatefulSet + its topics Job, PostgreSQL
#      StatefulSet) and the two Secrets the chart reads: daybook-pg-app (a fresh password) and
#      daybook-secrets (generateSecrets() of @daybook/substrate), each made only when absent;
#   3. `helm upgrade --install daybook helm/daybook -f values-local.yaml --wait` (the migration
#      Job first, as a pre-install hook), then `helm test`;
#   4. the API smoke (scripts/cluster/smoke.ts) through http://<node-ip>:30080.
# Prints the time of each step. DAYBOOK_INSTALL_SKIP_TEST=1 skips helm test and the smoke.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
STATE="${DAYBOOK_CLUSTER_DIR:-/var/lib/daybook-cluster}"
CACHE_DIR="${DAYBOOK_CACHE:-$HOME/.cache/daybook}"
ENTRY_HTTP_PORT="${DAYBOOK_CLUSTER_HTTP_PORT:-30080}"
log() { printf '[cluster:install] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
START=$(date +%s)
since() { echo "$(($(date +%s) - $1)) s"; }

[[ -f "$STATE/kubeconfig" ]] || die "the local cluster is not up (npm run cluster -- up)"
[[ -f "$CACHE_DIR/images/current.env" ]] || die "no app images: npm run images"
# shellcheck disable=SC1091
. "$CACHE_DIR/images/current.env"
KUBE_BIN="$(bash "$HERE/build.sh" kubernetes 2>/dev/null)"
HELM_BIN="$(bash "$HERE/build.sh" helm 2>/dev/null)"
k() { "$KUBE_BIN/kubectl" --kubeconfig "$STATE/kubeconfig" "$@"; }
helm_() { "$HELM_BIN/helm" --kubeconfig "$STATE/kubeconfig" "$@"; }

# 1. images
t=$(date +%s)
eval "$(bash "$HERE/data/images.sh" | grep -E '^DAYBOOK_(KAFKA|POSTGRES)_IMAGE=')"
bash "$HERE/cluster.sh" import
log "images ready: $DAYBOOK_SERVICE_IMAGE, $DAYBOOK_WEB_IMAGE, $DAYBOOK_KAFKA_IMAGE, $DAYBOOK_POSTGRES_IMAGE ($(since "$t"))"

# 2. prerequisites
t=$(date +%s)
k apply -f "$ROOT/k8s/local/namespaces.yaml" >/dev/null
if ! k -n daybook get secret daybook-pg-app >/dev/null 2>&1; then
  pw="$(openssl rand -hex 24)"
  k -n daybook create secret generic daybook-pg-app --from-literal=username=daybook --from-literal=password="$pw" \
    --from-literal=uri="postgresql://daybook:$pw@daybook-pg-rw.daybook.svc:5432/daybook" >/dev/null
  unset pw
  log "secret daybook-pg-app created (fresh password)"
fi
if ! k -n daybook get secret daybook-secrets >/dev/null 2>&1; then
  secrets="$(mktemp)"
  trap 'rm -f "$secrets"' EXIT
  (cd "$ROOT" && node --import tsx -e "console.log(JSON.stringify(require('@daybook/substrate').generateSecrets()))") >"$secrets"
  k -n daybook create secret generic daybook-secrets --from-file=secrets.json="$secrets" >/dev/null
  rm -f "$secrets"
  log "secret daybook-secrets created (generateSecrets)"
fi
# What the administrator runs on a new database (prisma/bootstrap.sql): PostgreSQL's first start runs it.
k -n daybook create configmap daybook-pg-bootstrap --from-file=bootstrap.sql="$ROOT/prisma/bootstrap.sql" \
  --dry-run=client -o yaml | k apply -f - >/dev/null
manifests="$(k kustomize "$ROOT/k8s/local" | sed -e "s#localhost/daybook-kafka:local#$DAYBOOK_KAFKA_IMAGE#" \
  -e "s#localhost/daybook-postgres:local#$DAYBOOK_POSTGRES_IMAGE#")"
# A Job's template cannot change: a new Kafka image replaces the topics Job (it is idempotent).
old="$(k -n kafka get job daybook-kafka-topics -o jsonpath='{.spec.template.spec.containers[0].image}' 2>/dev/null || true)"
[[ -z "$old" || "$old" == "$DAYBOOK_KAFKA_IMAGE" ]] || k -n kafka delete job daybook-kafka-topics --wait >/dev/null
printf '%s\n' "$manifests" | k apply -f - >/dev/null
k -n daybook rollout status statefulset/daybook-pg --timeout 300s >/dev/null || { k -n daybook logs daybook-pg-0 --tail 30 >&2 || true; die "PostgreSQL not ready"; }
log "PostgreSQL ready ($(since "$t"))"
k -n kafka rollout status statefulset/daybook-kafka --timeout 300s >/dev/null || { k -n kafka logs daybook-kafka-0 --tail 30 >&2 || true; die "Kafka not ready"; }
log "Kafka ready ($(since "$t"))"
k -n kafka wait --for=condition=complete job/daybook-kafka-topics --timeout 600s >/dev/null \
  || { k -n kafka logs job/daybook-kafka-topics --tail 30 >&2 || true; die "topics Job not complete"; }
log "prerequisites ready: PostgreSQL, Kafka, $(k -n kafka get configmap daybook-kafka-topics -o jsonpath='{.data.topics\.txt}' | grep -c .) topics ($(since "$t"))"

# 3. the chart
t=$(date +%s)
log "helm upgrade --install daybook (image tag $DAYBOOK_IMAGE_TAG)"
if ! helm_ upgrade --install daybook "$ROOT/helm/daybook" -n daybook -f "$ROOT/helm/daybook/values-local.yaml" \
  --set image.tag="$DAYBOOK_IMAGE_TAG" --wait --timeout 20m >/dev/null; then
  k -n daybook get pods -o wide >&2 || true
  die "helm install failed"
fi
INSTALL_SECONDS=$(($(date +%s) - t))
log "chart installed and Ready: $(k -n daybook get pods --no-headers | wc -l) pods in daybook (${INSTALL_SECONDS} s)"
[[ "${DAYBOOK_INSTALL_SKIP_TEST:-0}" == 1 ]] && { log "done in $(since "$START")"; exit 0; }

t=$(date +%s)
helm_ test daybook -n daybook --timeout 10m >/dev/null || { helm_ test daybook -n daybook --logs >&2 || true; die "helm test failed"; }
log "helm test passed ($(since "$t"))"

# 4. smoke through the entry point
ip="$(ip -4 route get 1.1.1.1 | sed -n 's/.* src \([0-9.]*\).*/\1/p')"
(cd "$ROOT" && node --import tsx scripts/cluster/smoke.ts "http://$ip:$ENTRY_HTTP_PORT") >&2 || die "smoke through http://$ip:$ENTRY_HTTP_PORT failed"
log "done in $(since "$START")"

# Resident memory per namespace and of the biggest pods (the processes in each pod's cgroup).
declare -A ns_mib=()
rows=""
while read -r ns name uid; do
  dir="$(find /sys/fs/cgroup/memory /sys/fs/cgroup -maxdepth 4 -type d \( -name "pod$uid" -o -name "*pod${uid//-/_}.slice" \) 2>/dev/null | head -1)"
  [[ -n "$dir" ]] || continue
  pids="$(find "$dir" -name cgroup.procs -exec cat {} + 2>/dev/null | paste -sd, -)"
  [[ -n "$pids" ]] || continue
  mib="$(ps -o rss= -p "$pids" 2>/dev/null | awk '{s+=$1} END {printf "%d", s/1024}')"
  ns_mib[$ns]=$((${ns_mib[$ns]:-0} + mib))
  rows+="$mib $ns/$name"$'\n'
done < <(k get pods -A -o jsonpath='{range .items[*]}{.metadata.namespace} {.metadata.name} {.metadata.uid}{"\n"}{end}')
for ns in "${!ns_mib[@]}"; do log "memory (RSS) $ns: ${ns_mib[$ns]} MiB"; done
log "biggest pods (MiB): $(printf '%s' "$rows" | sort -rn | head -8 | paste -sd, - | sed 's/,/, /g')"
