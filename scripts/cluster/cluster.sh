#!/usr/bin/env bash
# A single-node Kubernetes cluster on this machine, with no registry and no change to the host's
# kernel settings (docs/deploy/kubernetes.md, "Local cluster").
#
#   npm run cluster -- up       build (once, cached) and start; prints the kubeconfig and entry point
#   npm run cluster -- status   node and pods
#   npm run cluster -- down     stop everything and remove every trace from the host
#   npm run cluster -- install  Kafka, PostgreSQL (k8s/local) and the chart, helm test, API smoke
#                               (scripts/cluster/install.sh)
#
# Kubernetes, helm, CoreDNS and Dapr's control plane are built from the Go module proxy
# (scripts/cluster/build.sh, cached in ~/.cache/daybook); containerd, runc, the CNI plugins and etcd
# come from Debian. containerd, the kubelet and kube-proxy run in one private mount namespace with
# placeholder files over the kernel settings the kubelet would otherwise set on the host.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/scripts/cluster"
CACHE_DIR="${DAYBOOK_CACHE:-$HOME/.cache/daybook}"
STATE="${DAYBOOK_CLUSTER_DIR:-/var/lib/daybook-cluster}"
RUN_DIR=/run/daybook-cluster
CONTAINERD_SOCK="$RUN_DIR/containerd/containerd.sock"
NODE_NAME=daybook
POD_CIDR=10.244.0.0/24
CLUSTER_CIDR=10.244.0.0/16
SERVICE_CIDR=10.96.0.0/16
API_SERVICE_IP=10.96.0.1
DNS_SERVICE_IP=10.96.0.10
ETCD_PORT=12379 # not 2379: the Dapr Scheduler of `npm start` embeds an etcd there
API_PORT=6443
# The ingress controller's Service uses these NodePorts: the entry point from the host.
ENTRY_HTTP_PORT="${DAYBOOK_CLUSTER_HTTP_PORT:-30080}"
PAUSE_IMAGE=localhost/pause:3.10
DAPR_VERSION="$(sed -n 's/^DAPR_VERSION="\${DAPR_VERSION:-\(.*\)}"$/\1/p' "$ROOT/scripts/provision/dapr.sh")"
# Kernel settings the kubelet writes at start (pkg/kubelet/cm/container_manager_linux.go): each is
# shadowed, inside the node's mount namespace, by a file holding the host's current value.
# Folders the runtime creates at fixed paths: down removes those that up did not find.
FIXED_PATHS="/var/lib/kubelet /var/lib/cni /run/netns /etc/cni /var/log/containers /var/log/pods /run/containerd"
SHADOWED_SYSCTLS=(vm/overcommit_memory vm/panic_on_oom kernel/panic kernel/panic_on_oops kernel/keys/root_maxkeys kernel/keys/root_maxbytes)

log() { printf '[cluster] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
elapsed() { echo "$(($(date +%s) - START))s"; }
START=$(date +%s)

node_ip() { ip -4 route get 1.1.1.1 2>/dev/null | sed -n 's/.* src \([0-9.]*\).*/\1/p'; }

kubectl_() { "$KUBE_BIN/kubectl" --kubeconfig "$STATE/kubeconfig" "$@"; }

pid_alive() { [[ -f "$STATE/pids/$1" ]] && kill -0 "$(cat "$STATE/pids/$1")" 2>/dev/null; }

# Waits until a command succeeds, up to $1 seconds.
wait_for() {
  local timeout="$1" what="$2"; shift 2
  local deadline=$(($(date +%s) + timeout))
  until "$@" >/dev/null 2>&1; do
    (($(date +%s) < deadline)) || die "timed out after ${timeout}s waiting for $what"
    sleep 1
  done
}

# --- prerequisites -------------------------------------------------------------------------------

ensure_packages() {
  local need=()
  command -v containerd >/dev/null || need+=(containerd)
  command -v runc >/dev/null || need+=(runc)
  [[ -x /usr/lib/cni/bridge ]] || need+=(containernetworking-plugins)
  command -v etcd >/dev/null || need+=(etcd-server)
  command -v conntrack >/dev/null || need+=(conntrack)
  command -v iptables >/dev/null || need+=(iptables)
  command -v openssl >/dev/null || need+=(openssl)
  command -v gcc >/dev/null || need+=(gcc libc6-dev)
  ((${#need[@]} == 0)) && return 0
  [[ "$(id -u)" == 0 ]] || die "missing packages: ${need[*]} (sudo apt-get install ${need[*]})"
  log "apt-get install ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -q >/dev/null
  apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${need[@]}" >/dev/null
}

# --- images (OCI archives written directly: static binaries need no base image) ------------------

# oci_image "NAME:TAG..." ARCHIVE ROOTFS_DIR ENTRYPOINT_JSON — an OCI image archive of one layer
# made of ROOTFS_DIR, runnable as a non-root user (65532, as Dapr's distroless images), under each
# of the names given.
# OCI_USER (uid:gid), OCI_ENV (extra JSON strings for Env) and OCI_KEEP_OWNERS=1 (keep the files'
# owners instead of root) change that, for the data images (scripts/cluster/data/images.sh).
oci_image() {
  local refs="$1" archive="$2" rootfs="$3" entrypoint="$4" user="${OCI_USER:-65532:65532}" env="${OCI_ENV:+,$OCI_ENV}"
  local work; work="$(mktemp -d)"
  mkdir -p "$work/blobs/sha256"
  local owners=(--owner=0 --group=0)
  [[ "${OCI_KEEP_OWNERS:-0}" == 1 ]] && owners=()
  tar --sort=name "${owners[@]}" --numeric-owner --mtime=@0 -C "$rootfs" -cf "$work/layer.tar" .
  local layer_sha layer_size config_sha config_size manifest_sha manifest_size
  layer_sha="$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"; layer_size="$(stat -c %s "$work/layer.tar")"
  mv "$work/layer.tar" "$work/blobs/sha256/$layer_sha"
  printf '{"architecture":"amd64","os":"linux","config":{"User":"%s","Entrypoint":%s,"Env":["PATH=/usr/local/bin:/usr/bin:/bin"%s],"WorkingDir":"/"},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]},"history":[{"created_by":"scripts/cluster/cluster.sh"}]}' \
    "$user" "$entrypoint" "$env" "$layer_sha" >"$work/config.json"
  config_sha="$(sha256sum "$work/config.json" | cut -d' ' -f1)"; config_size="$(stat -c %s "$work/config.json")"
  mv "$work/config.json" "$work/blobs/sha256/$config_sha"
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:%s","size":%s}]}' \
    "$config_sha" "$config_size" "$layer_sha" "$layer_size" >"$work/manifest.json"
  manifest_sha="$(sha256sum "$work/manifest.json" | cut -d' ' -f1)"; manifest_size="$(stat -c %s "$work/manifest.json")"
  mv "$work/manifest.json" "$work/blobs/sha256/$manifest_sha"
  local entries="" r
  for r in $refs; do
    entries+="${entries:+,}$(printf '{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"platform":{"architecture":"amd64","os":"linux"},"annotations":{"io.containerd.image.name":"%s","org.opencontainers.image.ref.name":"%s"}}' \
      "$manifest_sha" "$manifest_size" "$r" "${r##*:}")"
  done
  printf '{"schemaVersion":2,"manifests":[%s]}' "$entries" >"$work/index.json"
  echo '{"imageLayoutVersion":"1.0.0"}' >"$work/oci-layout"
  tar -C "$work" -cf "$archive.tmp" oci-layout index.json blobs && mv "$archive.tmp" "$archive"
  rm -rf "$work"
}

# A minimal root filesystem for Go binaries: passwd/group with the non-root user, /tmp, CA bundle.
base_rootfs() {
  local dir="$1"
  mkdir -p "$dir/etc" "$dir/tmp" "$dir/usr/local/bin" "$dir/etc/ssl/certs"
  chmod 1777 "$dir/tmp"
  printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' >"$dir/etc/passwd"
  printf 'root:x:0:\nnonroot:x:65532:\n' >"$dir/etc/group"
  [[ -f /etc/ssl/certs/ca-certificates.crt ]] && cp /etc/ssl/certs/ca-certificates.crt "$dir/etc/ssl/certs/"
  echo 'hosts: files dns' >"$dir/etc/nsswitch.conf"
}

build_images() {
  local dir="$CACHE_DIR/cluster/images" kube_src="$CACHE_DIR/kubernetes/src-v$KUBE_VERSION"
  mkdir -p "$dir"
  if [[ ! -f "$dir/pause-3.10.tar" ]]; then
    log "image $PAUSE_IMAGE (static pause from the Kubernetes sources)"
    local r; r="$(mktemp -d)"; mkdir -p "$r/rootfs"
    gcc -Os -static -DVERSION=v3.10 -o "$r/rootfs/pause" "$kube_src/build/pause/linux/pause.c"
    oci_image "$PAUSE_IMAGE" "$dir/pause-3.10.tar" "$r/rootfs" '["/pause"]'
    rm -rf "$r"
  fi
  if [[ ! -f "$dir/coredns-$COREDNS_VERSION.tar" ]]; then
    log "image localhost/coredns:$COREDNS_VERSION"
    local r; r="$(mktemp -d)"; base_rootfs "$r"
    cp "$COREDNS_BIN/coredns" "$r/coredns"
    oci_image "localhost/coredns:$COREDNS_VERSION" "$dir/coredns-$COREDNS_VERSION.tar" "$r" '["/coredns"]'
    rm -rf "$r"
  fi
  # Dapr's chart runs each service from its own image, localhost/<name>:<version> running /<name>
  # (operator, injector, sentry, placement, scheduler; daprd for the injected sidecar): one layer
  # holding the six binaries, under the six names.
  if [[ "${DAYBOOK_CLUSTER_DAPR:-1}" == 1 && ! -f "$dir/dapr-$DAPR_VERSION.tar" ]]; then
    log "images localhost/{operator,injector,sentry,placement,scheduler,daprd}:$DAPR_VERSION"
    local r; r="$(mktemp -d)"; base_rootfs "$r"
    cp "$DAPR_CP_BIN"/{operator,injector,sentry,placement,scheduler} "$r/"
    cp -L "$DAPRD_DIR/daprd" "$r/daprd"
    local refs="" n
    for n in operator injector sentry placement scheduler daprd; do refs+=" localhost/$n:$DAPR_VERSION"; done
    oci_image "$refs" "$dir/dapr-$DAPR_VERSION.tar" "$r" '["/daprd"]'
    rm -rf "$r"
  fi
}

cluster_archives() { ls "$CACHE_DIR"/cluster/images/*.tar 2>/dev/null || true; }
app_archives() {
  [[ -f "$CACHE_DIR/images/current.env" ]] && sed -n 's/^DAYBOOK_[A-Z]*_ARCHIVE=//p' "$CACHE_DIR/images/current.env"
  # Kafka and PostgreSQL for k8s/local (scripts/cluster/data/images.sh).
  ls "$CACHE_DIR"/cluster/data/*.tar 2>/dev/null || true
}

# Imports OCI archives into containerd's k8s.io namespace, skipping those already there: the
# cluster's own (~/.cache/daybook/cluster/images) and the app images named by
# ~/.cache/daybook/images/current.env (DAYBOOK_SERVICE_ARCHIVE, DAYBOOK_WEB_ARCHIVE, written by
# the image build), or the archives given.
import_images() {
  local archives=("$@") archive name
  ((${#archives[@]})) || archives=($(cluster_archives) $(app_archives))
  local present; present="$(ctr --address "$CONTAINERD_SOCK" -n k8s.io images ls -q)"
  for archive in "${archives[@]}"; do
    [[ -f "$archive" ]] || continue
    # Skip when every name in the archive's index is present already.
    local missing=0 names
    names="$(tar -xOf "$archive" index.json 2>/dev/null | grep -oE '"(io.containerd.image.name|org.opencontainers.image.ref.name)":"[^"]*/[^"]*"' | cut -d'"' -f4)"
    [[ -n "$names" ]] || missing=1
    for name in $names; do grep -qxF "$name" <<<"$present" || missing=1; done
    ((missing)) || continue
    log "import $(basename "$archive")"
    ctr --address "$CONTAINERD_SOCK" -n k8s.io images import "$archive" >/dev/null || die "ctr images import $archive failed"
  done
  log "images: $(ctr --address "$CONTAINERD_SOCK" -n k8s.io images ls -q | grep -c '^localhost/') local images in containerd ($(elapsed))"
}

# --- certificates and kubeconfigs ---------------------------------------------------------------

pki() {
  local p="$STATE/pki" ip="$1"
  [[ -f "$p/done" ]] && return 0
  log "certificates (openssl)"
  mkdir -p "$p"; chmod 700 "$p"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$p/ca.key" -out "$p/ca.crt" -days 3650 -subj "/CN=daybook-cluster-ca" 2>/dev/null
  openssl genrsa -out "$p/sa.key" 2048 2>/dev/null
  openssl rsa -in "$p/sa.key" -pubout -out "$p/sa.pub" 2>/dev/null
  # cert NAME SUBJECT [SANS]
  cert() {
    local ext; ext="$(mktemp)"
    printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=%s\n' "${4:-clientAuth}" >"$ext"
    [[ -n "${3:-}" ]] && echo "subjectAltName=$3" >>"$ext"
    openssl req -newkey rsa:2048 -nodes -keyout "$p/$1.key" -out "$p/$1.csr" -subj "$2" 2>/dev/null
    openssl x509 -req -in "$p/$1.csr" -CA "$p/ca.crt" -CAkey "$p/ca.key" -CAcreateserial -out "$p/$1.crt" -days 3650 -extfile "$ext" 2>/dev/null
    rm -f "$p/$1.csr" "$ext"
  }
  cert apiserver "/CN=kube-apiserver" \
    "DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,DNS:localhost,DNS:$NODE_NAME,IP:127.0.0.1,IP:$API_SERVICE_IP,IP:$ip" serverAuth
  cert kubelet "/CN=$NODE_NAME" "DNS:$NODE_NAME,DNS:localhost,IP:127.0.0.1,IP:$ip" serverAuth
  cert apiserver-kubelet-client "/O=system:masters/CN=kube-apiserver-kubelet-client"
  cert admin "/O=system:masters/CN=daybook-admin"
  cert controller-manager "/CN=system:kube-controller-manager"
  cert scheduler "/CN=system:kube-scheduler"
  cert node "/O=system:nodes/CN=system:node:$NODE_NAME"
  cert kube-proxy "/CN=system:kube-proxy"
  local who
  for who in admin controller-manager scheduler node kube-proxy; do
    local kc="$STATE/$who.kubeconfig"; [[ $who == admin ]] && kc="$STATE/kubeconfig"
    "$KUBE_BIN/kubectl" config --kubeconfig "$kc" set-cluster daybook --server "https://127.0.0.1:$API_PORT" --certificate-authority "$p/ca.crt" --embed-certs >/dev/null
    "$KUBE_BIN/kubectl" config --kubeconfig "$kc" set-credentials "$who" --client-certificate "$p/$who.crt" --client-key "$p/$who.key" --embed-certs >/dev/null
    "$KUBE_BIN/kubectl" config --kubeconfig "$kc" set-context daybook --cluster daybook --user "$who" >/dev/null
    "$KUBE_BIN/kubectl" config --kubeconfig "$kc" use-context daybook >/dev/null
  done
  touch "$p/done"
}

# --- configuration files ------------------------------------------------------------------------

write_configs() {
  local ip="$1"
  mkdir -p "$STATE/etc" "$STATE/cni/net.d" "$STATE/cni/ipam" "$STATE/cni/cache" "$STATE/logs" "$STATE/pids" "$STATE/volumes" "$STATE/kubelet"
  cat >"$STATE/etc/containerd.toml" <<EOF
version = 2
root = "$STATE/containerd"
state = "$RUN_DIR/containerd"
[grpc]
  address = "$CONTAINERD_SOCK"
[ttrpc]
  address = "$RUN_DIR/containerd/containerd.sock.ttrpc"
[plugins."io.containerd.internal.v1.opt"]
  path = "$STATE/containerd-opt"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$PAUSE_IMAGE"
  # This VM lacks CAP_SYS_RESOURCE: containerd must not lower/raise OOM scores beyond its own.
  restrict_oom_score_adj = true
  disable_apparmor = true
  # Pod network namespaces under containerd's state folder, not the host's /run/netns.
  netns_mounts_under_state_dir = true
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$STATE/cni/net.d"
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
EOF
  cat >"$STATE/cni/net.d/10-daybook.conflist" <<EOF
{
  "cniVersion": "0.4.0",
  "name": "daybook",
  "plugins": [
    {
      "type": "bridge", "bridge": "cni0", "isGateway": true, "ipMasq": true, "hairpinMode": true,
      "ipam": { "type": "host-local", "dataDir": "$STATE/cni/ipam", "ranges": [[{ "subnet": "$POD_CIDR" }]], "routes": [{ "dst": "0.0.0.0/0" }] }
    },
    { "type": "portmap", "capabilities": { "portMappings": true } }
  ]
}
EOF
  cat >"$STATE/etc/kubelet.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
authentication:
  anonymous: { enabled: false }
  webhook: { enabled: true }
  x509: { clientCAFile: "$STATE/pki/ca.crt" }
authorization: { mode: Webhook }
tlsCertFile: "$STATE/pki/kubelet.crt"
tlsPrivateKeyFile: "$STATE/pki/kubelet.key"
cgroupDriver: cgroupfs
failCgroupV1: false
failSwapOn: false
containerRuntimeEndpoint: "unix://$CONTAINERD_SOCK"
clusterDNS: ["$DNS_SERVICE_IP"]
clusterDomain: cluster.local
resolvConf: /etc/resolv.conf
podLogsDir: "$STATE/pod-logs"
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
# Images are imported, never pulled: never garbage-collect them, never evict on a shared disk.
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard: { memory.available: "100Mi", nodefs.available: "1%", imagefs.available: "1%", nodefs.inodesFree: "1%" }
protectKernelDefaults: false
serializeImagePulls: false
maxPods: 110
EOF
  cat >"$STATE/etc/kube-proxy.yaml" <<EOF
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection: { kubeconfig: "$STATE/kube-proxy.kubeconfig" }
hostnameOverride: $NODE_NAME
mode: iptables
clusterCIDR: $CLUSTER_CIDR
metricsBindAddress: 127.0.0.1:10249
healthzBindAddress: 127.0.0.1:10256
# 0 = leave the host's conntrack sysctls alone; no route_localnet (NodePorts on the node IP only).
conntrack: { maxPerCore: 0, min: 0, tcpEstablishedTimeout: 0s, tcpCloseWaitTimeout: 0s }
iptables: { localhostNodePorts: false, masqueradeAll: true }
EOF
}

# --- processes ----------------------------------------------------------------------------------

# start NAME COMMAND...: a daemon of the control plane, logged to $STATE/logs/NAME.log.
start() {
  local name="$1"; shift
  if pid_alive "$name"; then return 0; fi
  setsid "$@" >>"$STATE/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$STATE/pids/$name"
}

start_etcd() {
  start etcd etcd --name daybook --data-dir "$STATE/etcd" \
    --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls http://127.0.0.1:12380 --initial-advertise-peer-urls http://127.0.0.1:12380 \
    --initial-cluster daybook=http://127.0.0.1:12380 --listen-metrics-urls http://127.0.0.1:12381 \
    --quota-backend-bytes 2147483648 --log-level warn
  wait_for 30 etcd curl -fsS "http://127.0.0.1:$ETCD_PORT/health"
}

start_apiserver() {
  local ip="$1" p="$STATE/pki"
  start kube-apiserver "$KUBE_BIN/kube-apiserver" --etcd-servers "http://127.0.0.1:$ETCD_PORT" \
    --bind-address 0.0.0.0 --secure-port "$API_PORT" --advertise-address "$ip" \
    --service-cluster-ip-range "$SERVICE_CIDR" --service-node-port-range 30000-32767 \
    --client-ca-file "$p/ca.crt" --tls-cert-file "$p/apiserver.crt" --tls-private-key-file "$p/apiserver.key" \
    --kubelet-client-certificate "$p/apiserver-kubelet-client.crt" --kubelet-client-key "$p/apiserver-kubelet-client.key" \
    --service-account-key-file "$p/sa.pub" --service-account-signing-key-file "$p/sa.key" \
    --service-account-issuer https://kubernetes.default.svc.cluster.local \
    --authorization-mode Node,RBAC --enable-admission-plugins NodeRestriction --allow-privileged=true \
    --kubelet-preferred-address-types InternalIP,Hostname --profiling=false --v=1
  wait_for 90 "kube-apiserver /readyz" kubectl_ get --raw /readyz
}

start_controllers() {
  local p="$STATE/pki"
  # After /readyz: the RBAC bootstrap roles exist, so the controllers start with their rights.
  start kube-controller-manager "$KUBE_BIN/kube-controller-manager" --kubeconfig "$STATE/controller-manager.kubeconfig" \
    --authentication-kubeconfig "$STATE/controller-manager.kubeconfig" --authorization-kubeconfig "$STATE/controller-manager.kubeconfig" \
    --cluster-signing-cert-file "$p/ca.crt" --cluster-signing-key-file "$p/ca.key" --root-ca-file "$p/ca.crt" \
    --service-account-private-key-file "$p/sa.key" --use-service-account-credentials=true \
    --bind-address 127.0.0.1 --leader-elect=false --profiling=false --v=1
  start kube-scheduler "$KUBE_BIN/kube-scheduler" --kubeconfig "$STATE/scheduler.kubeconfig" \
    --authentication-kubeconfig "$STATE/scheduler.kubeconfig" --authorization-kubeconfig "$STATE/scheduler.kubeconfig" \
    --bind-address 127.0.0.1 --leader-elect=false --profiling=false --v=1
}

# The node: containerd, kubelet and kube-proxy in one private mount namespace (they must share it:
# the kubelet's volume mounts are bind-mounted into containers by containerd).
start_node() {
  local ip="$1"
  if pid_alive node; then return 0; fi
  mkdir -p "$STATE/sysctl" "$RUN_DIR"
  local s
  for s in "${SHADOWED_SYSCTLS[@]}"; do cat "/proc/sys/$s" >"$STATE/sysctl/${s//\//.}"; done
  cat >"$STATE/etc/node.sh" <<EOF
#!/usr/bin/env bash
# Runs inside: unshare --mount --propagation private
set -euo pipefail
for s in ${SHADOWED_SYSCTLS[*]}; do mount --bind "$STATE/sysctl/\${s//\//.}" "/proc/sys/\$s"; done
containerd --config "$STATE/etc/containerd.toml" >>"$STATE/logs/containerd.log" 2>&1 &
echo \$! >"$STATE/pids/containerd"
for _ in \$(seq 60); do [[ -S "$CONTAINERD_SOCK" ]] && ctr --address "$CONTAINERD_SOCK" version >/dev/null 2>&1 && break; sleep 0.5; done
touch "$STATE/containerd.ready"
for _ in \$(seq 600); do [[ -f "$STATE/images.ready" ]] && break; sleep 0.5; done
"$KUBE_BIN/kubelet" --config "$STATE/etc/kubelet.yaml" --kubeconfig "$STATE/node.kubeconfig" \\
  --root-dir "$STATE/kubelet" --cert-dir "$STATE/kubelet/pki" --hostname-override $NODE_NAME --node-ip $ip --v=1 \\
  >>"$STATE/logs/kubelet.log" 2>&1 &
echo \$! >"$STATE/pids/kubelet"
"$KUBE_BIN/kube-proxy" --config "$STATE/etc/kube-proxy.yaml" >>"$STATE/logs/kube-proxy.log" 2>&1 &
echo \$! >"$STATE/pids/kube-proxy"
wait
EOF
  rm -f "$STATE/containerd.ready" "$STATE/images.ready"
  start node unshare --mount --propagation private bash "$STATE/etc/node.sh"
  wait_for 60 containerd test -f "$STATE/containerd.ready"
}

# --- cluster add-ons ----------------------------------------------------------------------------

apply_addons() {
  log "CoreDNS, storage class, volumes"
  sed -e "s/@COREDNS_VERSION@/$COREDNS_VERSION/g" -e "s/@DNS_SERVICE_IP@/$DNS_SERVICE_IP/g" "$HERE/manifests/coredns.yaml" | kubectl_ apply -f - >/dev/null
  kubectl_ apply -f "$HERE/manifests/storage.yaml" >/dev/null
  # Static hostPath volumes for the StatefulSets (no dynamic provisioner): PVs local-0..N.
  local i
  for i in $(seq 0 $((${DAYBOOK_CLUSTER_VOLUMES:-8} - 1))); do
    mkdir -p "$STATE/volumes/pv-$i"; chmod 777 "$STATE/volumes/pv-$i"
    sed -e "s#@NAME@#local-$i#" -e "s#@PATH@#$STATE/volumes/pv-$i#" -e "s#@NODE@#$NODE_NAME#" "$HERE/manifests/pv.yaml"
    echo "---"
  done | kubectl_ apply -f - >/dev/null
}

install_dapr() {
  local chart="$CACHE_DIR/dapr/src-v$DAPR_VERSION/charts/dapr"
  if "$HELM_BIN/helm" --kubeconfig "$STATE/kubeconfig" status dapr -n dapr-system >/dev/null 2>&1; then
    log "Dapr $DAPR_VERSION already installed"; return 0
  fi
  log "helm install dapr $DAPR_VERSION (the dapr module's chart, local images)"
  "$HELM_BIN/helm" --kubeconfig "$STATE/kubeconfig" install dapr "$chart" -n dapr-system --create-namespace \
    --set global.registry=localhost,global.tag="$DAPR_VERSION",global.imagePullPolicy=Never \
    --set dapr_scheduler.cluster.inMemoryStorage=true,global.ha.enabled=false \
    --wait --timeout 6m >/dev/null
}

# --- commands -----------------------------------------------------------------------------------

binaries() {
  KUBE_VERSION="$(bash "$HERE/build.sh" kubernetes-version)"
  KUBE_BIN="$(bash "$HERE/build.sh" kubernetes)"
  HELM_BIN="$(bash "$HERE/build.sh" helm)"
  COREDNS_VERSION="$(bash "$HERE/build.sh" coredns-version)"
  COREDNS_BIN="$(bash "$HERE/build.sh" coredns)"
  if [[ "${DAYBOOK_CLUSTER_DAPR:-1}" == 1 ]]; then
    DAPR_CP_BIN="$(bash "$HERE/build.sh" dapr-control-plane)"
    DAPRD_DIR="$(bash "$ROOT/scripts/provision/dapr.sh")"
  fi
}

up() {
  [[ "$(id -u)" == 0 ]] || die "the local cluster needs root (containerd, iptables, mounts)"
  ensure_packages
  binaries
  build_images
  local ip; ip="$(node_ip)"; [[ -n "$ip" ]] || die "no IPv4 address with a default route"
  if [[ ! -f "$STATE/host/state.before" ]]; then
    # The host as it was before the cluster: down compares the host with it when it is done.
    local before; before="$(bash "$HERE/host-state.sh")"
    mkdir -p "$STATE/host"; printf '%s\n' "$before" >"$STATE/host/state.before"
  fi
  # The one host setting the CNI bridge changes: recorded before the first start, restored by down.
  [[ -f "$STATE/host/ip_forward" ]] || cat /proc/sys/net/ipv4/ip_forward >"$STATE/host/ip_forward"
  [[ -f "$STATE/host/existing" ]] || for d in $FIXED_PATHS; do [[ -e $d ]] && echo "$d"; done >"$STATE/host/existing" || true
  write_configs "$ip"
  pki "$ip"
  log "etcd, kube-apiserver ($(elapsed))"
  start_etcd
  start_apiserver "$ip"
  start_controllers
  log "containerd, kubelet, kube-proxy ($(elapsed))"
  start_node "$ip"
  import_images $(cluster_archives)
  touch "$STATE/images.ready"
  # The app images (~1 GB) are needed only by the chart: imported while the node and add-ons start.
  local app_import=""
  if [[ -n "$(app_archives)" ]]; then import_images $(app_archives) & app_import=$!; fi
  wait_for 120 "node $NODE_NAME Ready" bash -c "'$KUBE_BIN/kubectl' --kubeconfig '$STATE/kubeconfig' get node $NODE_NAME -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}' | grep -q True"
  log "node Ready ($(elapsed))"
  apply_addons
  kubectl_ -n kube-system rollout status deploy/coredns --timeout 180s >/dev/null
  log "CoreDNS ready ($(elapsed))"
  [[ "${DAYBOOK_CLUSTER_DAPR:-1}" == 1 ]] && install_dapr
  [[ -z "$app_import" ]] || wait "$app_import" || die "importing the app images failed"
  log "up in $(elapsed)"
  cat <<EOF
Cluster up: node $NODE_NAME ($ip), Kubernetes v$KUBE_VERSION, Dapr $DAPR_VERSION
  export KUBECONFIG=$STATE/kubeconfig
  kubectl: $KUBE_BIN/kubectl   helm: $HELM_BIN/helm
  entry point: http://$ip:$ENTRY_HTTP_PORT (NodePort of the ingress controller's Service)
  storage class: local (default), static hostPath volumes in $STATE/volumes
EOF
}

status() {
  if [[ ! -d "$STATE/pids" ]]; then echo "cluster: down"; return 0; fi
  KUBE_BIN="$(bash "$HERE/build.sh" kubernetes 2>/dev/null)"
  local name
  for name in etcd kube-apiserver kube-controller-manager kube-scheduler node containerd kubelet kube-proxy; do
    if pid_alive "$name"; then printf '  %-24s running (pid %s)\n' "$name" "$(cat "$STATE/pids/$name")"; else printf '  %-24s stopped\n' "$name"; fi
  done
  echo "  memory (RSS): $(memory_mib) MiB (daemons, shims, pods)"
  kubectl_ get nodes -o wide 2>&1 || true
  kubectl_ get pods -A -o wide 2>&1 || true
  echo "KUBECONFIG=$STATE/kubeconfig  entry point: http://$(node_ip):$ENTRY_HTTP_PORT"
}

# Resident memory of everything the cluster runs: its daemons, the shims and every pod's processes.
memory_mib() {
  local pids=() f
  for f in "$STATE"/pids/*; do [[ -f $f ]] && pids+=("$(cat "$f")"); done
  mapfile -t -O "${#pids[@]}" pids < <(pgrep -f -- "-address $CONTAINERD_SOCK" || true)
  mapfile -t -O "${#pids[@]}" pids < <(find /sys/fs/cgroup/memory/kubepods -name cgroup.procs -exec cat {} + 2>/dev/null)
  ((${#pids[@]})) || { echo 0; return; }
  ps -o rss= -p "$(IFS=,; echo "${pids[*]}")" 2>/dev/null | awk '{s+=$1} END {printf "%d", s/1024}'
}

# Sends SIGTERM to processes, waits up to 10 s for all of them to exit, then SIGKILLs the rest.
stop_pid() {
  local pids=("$@") i alive
  ((${#pids[@]})) || return 0
  kill "${pids[@]}" 2>/dev/null || true
  for i in $(seq 50); do
    alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    ((alive)) || return 0
    sleep 0.2
  done
  kill -9 "${pids[@]}" 2>/dev/null || true
}

# The pids of the named daemons still alive.
daemon_pids() { local n; for n in "$@"; do pid_alive "$n" && cat "$STATE/pids/$n"; done; return 0; }

# Removes the rules and chains named KUBE-* and CNI-* (kube-proxy, kubelet, CNI plugins) from
# every table, leaving every other rule of the host as it is.
clean_iptables() {
  local ipt="$1" table chain rule
  command -v "$ipt" >/dev/null || return 0
  for table in filter nat mangle raw; do
    "$ipt" -t "$table" -S >/dev/null 2>&1 || continue
    # Jumps into our chains from built-in or foreign chains.
    "$ipt" -t "$table" -S | grep -E '^-A ' | grep -E -- '-j (KUBE-|CNI-)|--comment "?(kube|cni|CNI)' \
      | grep -Ev '^-A (KUBE-|CNI-)' | while read -r rule; do
        eval "$ipt -t $table ${rule/-A /-D }" 2>/dev/null || true
      done || true
    for chain in $("$ipt" -t "$table" -S | sed -n -E 's/^-N ((KUBE-|CNI-)[^ ]*).*/\1/p'); do "$ipt" -t "$table" -F "$chain"; done
    for chain in $("$ipt" -t "$table" -S | sed -n -E 's/^-N ((KUBE-|CNI-)[^ ]*).*/\1/p'); do "$ipt" -t "$table" -X "$chain" 2>/dev/null || true; done
  done
}

# Kills every process in, then removes, the cgroups the kubelet and containerd made.
clean_cgroups() {
  local dirs d pid
  mapfile -t dirs < <(find /sys/fs/cgroup -mindepth 1 -maxdepth 3 -type d \( -name kubepods -o -name kubepods.slice -o -name k8s.io \) 2>/dev/null)
  for d in "${dirs[@]}"; do
    while read -r pid; do kill -9 "$pid" 2>/dev/null || true; done < <(find "$d" -name cgroup.procs -exec cat {} + 2>/dev/null)
  done
  for d in "${dirs[@]}"; do find "$d" -depth -type d -exec rmdir {} \; 2>/dev/null || true; done
}

down() {
  [[ "$(id -u)" == 0 ]] || die "down needs root"
  if [[ ! -d "$STATE" ]]; then log "nothing to stop"; return 0; fi
  local name pid
  log "stopping kubelet, kube-proxy"
  stop_pid $(daemon_pids kubelet kube-proxy)
  # Containers and their shims: every task in containerd's k8s.io namespace, then containerd.
  if [[ -S "$CONTAINERD_SOCK" ]]; then
    log "stopping containers"
    for name in $(ctr --address "$CONTAINERD_SOCK" -n k8s.io tasks ls -q 2>/dev/null); do
      ctr --address "$CONTAINERD_SOCK" -n k8s.io tasks kill -s SIGKILL "$name" >/dev/null 2>&1 || true
    done
  fi
  clean_cgroups
  # Shims started by our containerd (they name its socket on their command line).
  stop_pid $(pgrep -f -- "-address $CONTAINERD_SOCK" || true)
  log "stopping containerd, control plane, etcd"
  stop_pid $(daemon_pids containerd node kube-scheduler kube-controller-manager kube-apiserver)
  stop_pid $(daemon_pids etcd)
  clean_cgroups
  log "removing iptables chains, cni0, namespaces, state"
  clean_iptables iptables
  clean_iptables ip6tables
  ip link show cni0 >/dev/null 2>&1 && ip link delete cni0
  if [[ -f "$STATE/host/ip_forward" ]]; then echo "$(cat "$STATE/host/ip_forward")" >/proc/sys/net/ipv4/ip_forward; fi
  # Folders the runtime creates at fixed paths, removed only when up found them absent.
  local d
  # The kubelet links every container's log into /var/log/containers (a fixed path).
  [[ -d /var/log/containers ]] && find /var/log/containers -lname "$STATE/*" -delete
  for d in $FIXED_PATHS; do
    grep -qx "$d" "$STATE/host/existing" 2>/dev/null && continue
    [[ -e "$d" ]] || continue
    [[ $d == /var/log/containers ]] && ! rmdir "$d" 2>/dev/null && continue
    if [[ $d == /run/netns ]]; then for f in /run/netns/cni-*; do [[ -e $f ]] && { umount "$f" 2>/dev/null || true; rm -f "$f"; }; done; fi
    rm -rf "$d"
  done
  # Mounts left on the host (none expected: they lived in the node's mount namespace).
  grep -F -e "$STATE" -e "$RUN_DIR" /proc/mounts | awk '{print $2}' | sort -r | while read -r m; do umount -l "$m" || true; done || true
  local before="" diff
  [[ -f "$STATE/host/state.before" ]] && before="$(cat "$STATE/host/state.before")"
  rm -rf "$STATE" "$RUN_DIR"
  log "down in $(elapsed)"
  if [[ -n "$before" ]]; then
    if diff=$(diff <(printf '%s\n' "$before") <(bash "$HERE/host-state.sh")); then
      log "host state: as before up"
    else
      log "host state differs from before up (scripts/cluster/host-state.sh):"; printf '%s\n' "$diff" >&2
    fi
  fi
}

[[ "${BASH_SOURCE[0]}" == "$0" ]] || return 0 # sourced (for a look at one function)
case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  import) shift; import_images "$@" ;;
  install) exec bash "$HERE/install.sh" ;;
  *) echo "usage: npm run cluster -- up|down|status|install|import [oci-archive...]" >&2; exit 2 ;;
esac
