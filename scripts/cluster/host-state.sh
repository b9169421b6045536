#!/usr/bin/env bash
# Prints the parts of the host's state the local cluster may touch, normalised so that two
# snapshots diff clean when nothing of ours is left: iptables chains and rules, network links,
# mounts, kernel settings, processes, cgroups and the fixed-path folders of the runtime.
#
#   scripts/cluster/host-state.sh > before; …; scripts/cluster/host-state.sh | diff before -
set -uo pipefail

section() { printf '\n## %s\n' "$1"; }

section iptables
for ipt in iptables-save ip6tables-save; do
  command -v "$ipt" >/dev/null || continue
  # Counters and comments of generation times vary between runs: drop them. A table with only
  # its built-in chains at ACCEPT and no rule equals no table (with the nf_tables backend, a
  # table stays once anything has used it): leave such tables out.
  "$ipt" 2>/dev/null | sed -E -e 's/\[[0-9]+:[0-9]+\]//' -e '/^#/d' | awk -v p="$ipt: " '
    /^\*/ { table = $0; n = 0; keep = 0; next }
    /^COMMIT/ { if (keep) { print p table; for (i = 1; i <= n; i++) print p lines[i]; print p "COMMIT" } next }
    { lines[++n] = $0; if (!($0 ~ /^:(PREROUTING|INPUT|FORWARD|OUTPUT|POSTROUTING) ACCEPT *$/)) keep = 1 }'

done

section links
ip -o link show | awk '{print $2, $3}' | sed -E 's/@[^:]*:/:/' | sort

section addresses-routes
ip -br addr | sort
ip route | sort

section mounts
# Not other tools' scratch mounts (mmdebstrap under /tmp, buildah/podman storage) nor the sandbox's.
awk '{print $1, $2, $3}' /proc/mounts | grep -Ev ' (/tmp/|/var/lib/containers/|/run/containers/|/run/user/|/mnt/sandboxing/)' | sort

section sysctls
sysctl -a 2>/dev/null | grep -E '^(vm\.(overcommit|panic|swappiness|max_map_count)|kernel\.(panic|keys\.)|net\.ipv4\.(ip_forward|ip_local_port_range|conf\.(all|default)\.)|net\.ipv6\.conf\.(all|default)\.|net\.netfilter\.nf_conntrack_(max|buckets|tcp_timeout_established|tcp_timeout_close_wait|tcp_be_liberal)|net\.bridge\.|net\.core\.somaxconn|fs\.inotify\.max)' | sort

section processes
# The cluster's daemons by name, and any process in a pod's cgroup (daprd and the Scheduler also
# run outside the cluster, for `npm start` and the tests).
ps -eo comm= | grep -E '^(etcd|kube-|kubelet|containerd|runc|pause|coredns)' | sort | uniq -c
echo "processes in pod cgroups: $(find /sys/fs/cgroup/pids/kubepods /sys/fs/cgroup/pids/k8s.io -name cgroup.procs -exec cat {} + 2>/dev/null | wc -l)"

section cgroups
find /sys/fs/cgroup -mindepth 1 -maxdepth 3 -type d \( -name 'kubepods*' -o -name k8s.io -o -name 'kube*' \) 2>/dev/null | sort

section folders
for d in /var/lib/kubelet /var/lib/cni /run/netns /etc/cni /opt/containerd /var/lib/containerd /run/containerd \
  /var/lib/daybook-cluster /run/daybook-cluster /var/log/pods /var/log/containers /run/containerd; do
  [[ -e "$d" ]] && echo "$d"
done
exit 0
