#!/usr/bin/env bash
# The local cluster's own test (npm run test:cluster): records the host's state, brings the
# cluster up, checks it (node Ready, system pods Ready, DNS through the Service, a claim bound to a
# static volume, `up` a second time changes nothing), installs Daybook on it (Kafka and
# PostgreSQL of k8s/local, the chart, helm test, an API smoke through the entry point:
# scripts/cluster/install.sh; then a person's journey in Chromium: scripts/cluster/journey.ts;
# then an upgrade and a rollback under traffic and a pod of each service killed:
# scripts/cluster/operations.ts; DAYBOOK_TEST_CLUSTER_APP=0 skips that part),
# takes it down, and
# fails if the host's state differs from before in anything the cluster touches
# (scripts/cluster/host-state.sh).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE="${DAYBOOK_CLUSTER_DIR:-/var/lib/daybook-cluster}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
log() { printf '[test:cluster] %s\n' "$*" >&2; }
fail() { log "FAIL: $*"; exit 1; }

if [[ -d "$STATE" ]]; then log "a cluster is up: taking it down first"; bash "$HERE/cluster.sh" down; fi
bash "$HERE/host-state.sh" >"$WORK/before"

APP="${DAYBOOK_TEST_CLUSTER_APP:-1}"
if [[ "$APP" == 1 ]]; then
  # Before up, so that up imports them: the app images (content-hashed, nothing to do when
  # unchanged) and the Kafka and PostgreSQL images (cached by recipe).
  ti=$(date +%s)
  bash "$HERE/../images/build.sh" >/dev/null
  bash "$HERE/data/images.sh" >/dev/null
  log "images: $(($(date +%s) - ti)) s"
fi

t0=$(date +%s)
bash "$HERE/cluster.sh" up
t1=$(date +%s)
log "up: $((t1 - t0)) s"

KUBE_BIN="$(bash "$HERE/build.sh" kubernetes 2>/dev/null)"
k() { "$KUBE_BIN/kubectl" --kubeconfig "$STATE/kubeconfig" "$@"; }

k wait --for=condition=Ready node --all --timeout=60s >/dev/null || fail "node not Ready"
for ns in kube-system dapr-system; do
  k -n "$ns" wait --for=condition=Ready pod --all --timeout=180s >/dev/null || { k get pods -A; fail "pods of $ns not Ready"; }
done
log "node and system pods Ready: $(k get pods -A --no-headers | wc -l) pods"

# DNS: the cluster's resolver answers a Service name (host -> Service IP -> CoreDNS pod).
node -e '
  const { Resolver } = require("node:dns").promises;
  const r = new Resolver({ timeout: 2000, tries: 5 }); r.setServers(["10.96.0.10"]);
  r.resolve4("kubernetes.default.svc.cluster.local").then((a) => {
    if (a[0] !== "10.96.0.1") throw new Error("unexpected answer " + a); console.log("[test:cluster] DNS: kubernetes.default -> " + a[0]);
  }).catch((e) => { console.error(e); process.exit(1); });' || fail "DNS through 10.96.0.10"

# Storage: a claim of the default class binds to a static volume once a pod uses it.
k apply -f - >/dev/null <<'YAML'
apiVersion: v1
kind: PersistentVolumeClaim
metadata: { name: cluster-test, namespace: default }
spec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: 1Gi } } }
---
apiVersion: v1
kind: Pod
metadata: { name: cluster-test, namespace: default }
spec:
  containers:
    - name: pause
      image: localhost/pause:3.10
      imagePullPolicy: Never
      volumeMounts: [{ name: data, mountPath: /data }]
  volumes: [{ name: data, persistentVolumeClaim: { claimName: cluster-test } }]
YAML
k wait --for=condition=Ready pod/cluster-test --timeout=90s >/dev/null || fail "pod with a claim not Ready"
[[ "$(k get pvc cluster-test -o jsonpath='{.status.phase}')" == Bound ]] || fail "claim not Bound"
log "storage: claim Bound to $(k get pvc cluster-test -o jsonpath='{.spec.volumeName}')"

# Dapr: the injector adds a daprd sidecar (the sidecar image) to an annotated pod, and it gets Ready
# (its certificate from sentry).
k apply -f - >/dev/null <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: dapr-test
  namespace: default
  annotations: { dapr.io/enabled: "true", dapr.io/app-id: cluster-test }
spec:
  containers: [{ name: app, image: localhost/pause:3.10, imagePullPolicy: Never }]
YAML
k wait --for=condition=Ready pod/dapr-test --timeout=120s >/dev/null || { k describe pod dapr-test | tail -20; fail "pod with a Dapr sidecar not Ready"; }
containers="$(k get pod dapr-test -o jsonpath='{.spec.containers[*].name}')"
[[ "$containers" == *daprd* ]] || fail "no daprd sidecar injected (containers: $containers)"
log "Dapr: sidecar injected and Ready (containers: $containers)"

# Entry point: a NodePort on the node's IP answers from the host (here CoreDNS's health port on
# 30080, the port the ingress controller takes later).
ip="$(ip -4 route get 1.1.1.1 | sed -n 's/.* src \([0-9.]*\).*/\1/p')"
k apply -f - >/dev/null <<'YAML'
apiVersion: v1
kind: Service
metadata: { name: entry-test, namespace: kube-system }
spec:
  type: NodePort
  selector: { k8s-app: kube-dns }
  ports: [{ port: 8080, targetPort: 8080, nodePort: 30080 }]
YAML
for _ in $(seq 30); do curl -fsS "http://$ip:30080/health" >/dev/null 2>&1 && break; sleep 1; done
curl -fsS "http://$ip:30080/health" >/dev/null || fail "NodePort http://$ip:30080 not reachable from the host"
log "entry point: http://$ip:30080 reachable from the host"
k -n kube-system delete svc entry-test >/dev/null

if [[ "$APP" == 1 ]]; then
  # Daybook: prerequisites, chart (Ready), helm test, API smoke through the entry point.
  ti=$(date +%s)
  bash "$HERE/install.sh" || { k get pods -A >&2; fail "install of Daybook"; }
  log "Daybook installed, tested and smoked: $(($(date +%s) - ti)) s"
  # The broker's topics are those of k8s/base/kafka/topics.yaml (Strimzi's KafkaTopics).
  want="$(sed -n '/^kind: KafkaTopic/,/^---/s/^  name: //p' "$HERE/../../k8s/base/kafka/topics.yaml" | sort)"
  have="$(k -n kafka exec daybook-kafka-0 -- kafka-topics --bootstrap-server localhost:9092 --list | grep -v '^__' | sort)"
  [[ "$want" == "$have" ]] || fail "Kafka's topics differ from k8s/base/kafka/topics.yaml: $(diff <(echo "$want") <(echo "$have") | tr '\n' ' ')"
  log "Kafka topics = k8s/base/kafka/topics.yaml ($(echo "$have" | wc -l) topics)"
  k get pods -A --no-headers | awk '{print $1}' | sort | uniq -c | tr '\n' ' ' | sed 's/^/[test:cluster] pods per namespace: /' >&2; echo >&2

  ip="$(ip -4 route get 1.1.1.1 | sed -n 's/.* src \([0-9.]*\).*/\1/p')"
  # A person's journey in Chromium through the entry point: sign up, quick add, a recurring
  # task completed, a reminder fired into the inbox, live sync between two browsers.
  ti=$(date +%s)
  (cd "$HERE/../.." && node --import tsx scripts/cluster/journey.ts "http://$ip:30080") || fail "the journey in the browser"
  log "journey in the browser: $(($(date +%s) - ti)) s"

  # What an operator does under traffic: upgrade to a new tag and roll back with zero failed
  # requests, then a pod of each service killed with nothing acknowledged lost.
  ti=$(date +%s)
  # shellcheck disable=SC1091
  . "${DAYBOOK_CACHE:-$HOME/.cache/daybook}/images/current.env"
  HELM_BIN="$(bash "$HERE/build.sh" helm 2>/dev/null)"
  (cd "$HERE/../.." && KUBECTL="$KUBE_BIN/kubectl --kubeconfig $STATE/kubeconfig" \
    HELM="$HELM_BIN/helm --kubeconfig $STATE/kubeconfig" \
    CTR="ctr --address /run/daybook-cluster/containerd/containerd.sock -n k8s.io" \
    DAYBOOK_IMAGE_TAG="$DAYBOOK_IMAGE_TAG" node --import tsx scripts/cluster/operations.ts "http://$ip:30080") \
    || { k -n daybook get pods -o wide >&2; fail "operations under traffic"; }
  log "upgrade, rollback and pod kills: $(($(date +%s) - ti)) s"
fi

t2=$(date +%s)
bash "$HERE/cluster.sh" up >/dev/null
log "up again (idempotent): $(($(date +%s) - t2)) s"
bash "$HERE/cluster.sh" status | grep -E 'memory|Ready' >&2

bash "$HERE/cluster.sh" down
bash "$HERE/host-state.sh" >"$WORK/after"
if ! diff -u "$WORK/before" "$WORK/after" >"$WORK/diff"; then
  cat "$WORK/diff" >&2
  fail "the host's state differs after down"
fi
log "PASS: down left the host as it found it (up $((t1 - t0)) s)"
