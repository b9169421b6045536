#!/usr/bin/env bash
# Offline checks of everything under helm/, k8s/ and .github/workflows/: no cluster, no
# network except (once) the Go module proxy to build helm when it is missing.
#
#   scripts/validate-k8s.sh
#
# 1. The chart's copies of the Dapr files equal dapr/components/*.yaml and dapr/config.yaml.
# 2. helm lint --strict and helm template for the default, minikube and OKE values.
# 3. kubectl kustomize renders the k8s/ overlays (if kubectl exists).
# 4. Dashboards are valid JSON; promtool checks and unit-tests the alert rules (if present);
#    every metric a panel or an alert names is one the code, daprd or an exporter exports
#    (scripts/check-metrics.ts).
# 5. actionlint checks the workflows (if present).
# A missing optional tool is reported as SKIP; any failed check makes the exit status 1.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CHART="$ROOT/helm/daybook"
CACHE_DIR="${DAYBOOK_CACHE:-$HOME/.cache/daybook}"
HELM_VERSION="${HELM_VERSION:-v3.19.0}"
# Render for the Kubernetes minor OKE and minikube run today, independent of how helm was built.
KUBE_VERSION="${KUBE_VERSION:-1.34.0}"
export PATH="$CACHE_DIR/bin:$PATH"

failures=0
pass() { printf '  PASS  %s\n' "$*"; }
fail() { printf '  FAIL  %s\n' "$*"; failures=$((failures + 1)); }
skip() { printf '  SKIP  %s\n' "$*"; }
step() { printf '\n== %s\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# Runs a command quietly; on failure prints its output so the cause is visible in CI.
check() {
  local what="$1"; shift
  if "$@" >"$WORK/out" 2>&1; then pass "$what"; else fail "$what"; sed 's/^/        /' "$WORK/out"; fi
}

ensure_helm() {
  if have helm; then return 0; fi
  if ! have go; then
    echo "helm is not installed and Go is missing to build it (install Go, or helm $HELM_VERSION)" >&2
    return 1
  fi
  echo "helm not found: building helm $HELM_VERSION from the Go module proxy into $CACHE_DIR/bin (once)" >&2
  # The ldflags mirror helm's Makefile: without them `helm version` is empty and the
  # built-in Kubernetes version falls back to 1.20 (v3.19 is built on client-go 0.34).
  mkdir -p "$CACHE_DIR/bin"
  GOBIN="$CACHE_DIR/bin" CGO_ENABLED=0 go install -trimpath -ldflags "-s -w \
    -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION \
    -X helm.sh/helm/v3/internal/version.gitTreeState=clean \
    -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMajor=1 \
    -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMinor=34 \
    -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMajor=1 \
    -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor=34" \
    "helm.sh/helm/v3/cmd/helm@$HELM_VERSION" || return 1
  have helm
}

step "Dapr components: chart copy == dapr/"
check "helm/daybook/files/dapr/components == dapr/components" \
  diff -ru "$ROOT/dapr/components" "$CHART/files/dapr/components"
check "helm/daybook/files/dapr/config.yaml == dapr/config.yaml" \
  diff -u "$ROOT/dapr/config.yaml" "$CHART/files/dapr/config.yaml"
check "helm/daybook/files/dapr/secret-access.yaml == dapr/secret-access.yaml" \
  diff -u "$ROOT/dapr/secret-access.yaml" "$CHART/files/dapr/secret-access.yaml"
if [[ $failures -gt 0 ]]; then
  echo "        fix: cp dapr/components/*.yaml helm/daybook/files/dapr/components/ && cp dapr/config.yaml dapr/secret-access.yaml helm/daybook/files/dapr/"
fi

step "Helm chart"
if ensure_helm; then
  echo "  using $(helm version --short 2>/dev/null) ($(command -v helm)), rendering for Kubernetes $KUBE_VERSION"
  for env in default minikube local oke; do
    args=()
    [[ $env != default ]] && args=(-f "$CHART/values-$env.yaml")
    check "helm lint --strict ($env)" helm lint --strict --kube-version "$KUBE_VERSION" "$CHART" "${args[@]}"
    if helm template daybook "$CHART" --namespace daybook --kube-version "$KUBE_VERSION" "${args[@]}" \
      >"$WORK/render-$env.yaml" 2>"$WORK/out"; then
      pass "helm template ($env): $(grep -c '^kind:' "$WORK/render-$env.yaml") objects"
    else
      fail "helm template ($env)"; sed 's/^/        /' "$WORK/out"
    fi
  done
  # Each switch must really switch: one service off, everything optional on.
  check "helm template (tasks.enabled=false, all toggles on)" \
    helm template daybook "$CHART" --namespace daybook --kube-version "$KUBE_VERSION" \
      --set tasks.enabled=false --set global.networkPolicies=true --set global.serviceMonitor=true \
      --set gateway.stripPrefix=true --set monitoring.rulesConfigMap=true
  check "helm template (web and gateway off, shared Gateway)" \
    helm template daybook "$CHART" --namespace daybook --kube-version "$KUBE_VERSION" \
      --set web.enabled=false --set gateway.create=false --set 'gateway.parentRefs[0].name=shared'
  if [[ -s "$WORK/render-oke.yaml" ]]; then
    if grep -q 'runbook_url: docs/runbooks/daybook-' "$WORK/render-oke.yaml" && ! grep -q RUNBOOK_BASE_URL "$WORK/render-oke.yaml"; then
      pass "OKE render: PrometheusRule with runbook_url on its alerts"
    else fail "OKE render: no PrometheusRule with runbook_url links"; fi
  fi
  if [[ -s "$WORK/render-default.yaml" ]]; then
    # One per app of dapr.yaml (every service is enabled by default), the web gateway and
    # the Kafka lag exporter.
    deployments="$(grep -c '^kind: Deployment' "$WORK/render-default.yaml")"
    expected="$(($(grep -c '^  - appID:' "$ROOT/dapr.yaml") + 2))"
    if [[ $deployments -eq $expected ]]; then pass "default render has $expected Deployments (one per app of dapr.yaml, web, kafka-lag-exporter)"
    else fail "default render has $deployments Deployments, expected $expected (one per app of dapr.yaml, web, kafka-lag-exporter)"; fi
    # The web gateway reaches every service at its Service; the route sends / to it.
    services="$(grep -c '^  - appID:' "$ROOT/dapr.yaml")"
    targets="$(grep -A1 'name: WEB_SERVICES' "$WORK/render-default.yaml" | tail -1 | grep -o '=http://daybook-[a-z]*\.daybook\.svc:80' | wc -l)"
    if [[ $targets -eq $services ]]; then pass "web gateway: WEB_SERVICES names all $services services"
    else fail "web gateway: WEB_SERVICES names $targets services, expected $services"; fi
    if grep -B3 -A3 'value: /$' "$WORK/render-default.yaml" | grep -q 'name: daybook-web'; then pass "HTTPRoute: / -> daybook-web"
    else fail "HTTPRoute has no / rule to daybook-web"; fi
  fi
  # The chart's Gateway API objects against the CRDs of the Gateway API release Traefik v3.7
  # is built on (from the Go module proxy), with kubeconform: no cluster needed.
  if have kubeconform && have go; then
    GW_API_VERSION="${GW_API_VERSION:-v1.6.1}"
    if gwdir="$(cd "$WORK" && go mod download -json "sigs.k8s.io/gateway-api@$GW_API_VERSION" 2>/dev/null | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')" && [[ -d "$gwdir" ]]; then
      node --import tsx "$ROOT/scripts/crd-schemas.ts" "$WORK/schemas" \
        "$gwdir/config/crd/standard/gateway.networking.k8s.io_gateways.yaml" \
        "$gwdir/config/crd/standard/gateway.networking.k8s.io_httproutes.yaml"
      for env in default oke; do
        [[ -s "$WORK/render-$env.yaml" ]] || continue
        # -summary must count both objects as valid: missing schemas would only skip them.
        check "kubeconform: Gateway + HTTPRoute ($env) against Gateway API $GW_API_VERSION CRDs" \
          bash -c 'out="$(kubeconform -strict -summary -ignore-missing-schemas -schema-location "$1" "$2")"; echo "$out"; grep -q "Valid: 2, Invalid: 0, Errors: 0" <<<"$out"' _ \
            "$WORK/schemas/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json" "$WORK/render-$env.yaml"
      done
    else
      skip "sigs.k8s.io/gateway-api@$GW_API_VERSION not downloadable: Gateway API objects not validated"
    fi
  else
    skip "kubeconform or go missing (go install github.com/yannh/kubeconform/cmd/kubeconform@latest): Gateway API objects not validated"
  fi
else
  fail "helm is not available and could not be built"
fi

step "Cluster prerequisites (k8s/)"
if have kubectl; then
  for dir in overlays/minikube overlays/oke ci; do
    check "kubectl kustomize k8s/$dir" kubectl kustomize "$ROOT/k8s/$dir"
  done
else
  skip "kubectl not installed: k8s/ kustomizations not rendered"
fi

step "Observability"
json_ok() {
  if have jq; then jq empty "$1"
  elif have python3; then python3 -m json.tool "$1" >/dev/null
  elif have node; then node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' "$1"
  else return 2; fi
}
OBS="$CHART/files/observability"
for f in "$OBS"/dashboards/*.json; do
  json_ok "$f" >"$WORK/out" 2>&1
  case $? in
    0) pass "valid JSON: ${f#"$ROOT"/}" ;;
    2) skip "no jq, python3 or node to parse ${f#"$ROOT"/}" ;;
    *) fail "invalid JSON: ${f#"$ROOT"/}"; sed 's/^/        /' "$WORK/out" ;;
  esac
done
if have promtool; then
  check "promtool check rules (helm/daybook/files/observability/rules.yaml)" promtool check rules "$OBS/rules.yaml"
  check "promtool test rules (helm/daybook/files/observability/rules.test.yaml)" \
    bash -c "cd '$OBS' && promtool test rules rules.test.yaml"
else
  skip "promtool not installed (apt-get install prometheus): alert rules not checked"
fi
check "every panel query and alert names only exported metrics (scripts/check-metrics.ts)" \
  node --import tsx "$ROOT/scripts/check-metrics.ts"

step "GitHub workflows"
if have actionlint; then
  check "actionlint .github/workflows/*.yml" bash -c "cd '$ROOT' && actionlint"
else
  skip "actionlint not installed (go install github.com/rhysd/actionlint/cmd/actionlint@latest): workflows not checked"
fi

echo
if [[ $failures -eq 0 ]]; then
  echo "validate-k8s: all checks passed"
else
  echo "validate-k8s: $failures check(s) failed"
  exit 1
fi
