#!/usr/bin/env bash
# The local cluster's Kafka and PostgreSQL images (k8s/local/), built without a registry:
#   localhost/daybook-kafka:<kafka version>-<key>     Debian bookworm minbase + OpenJDK 17 JRE +
#       the broker jars the tests use (~/.cache/daybook/kafka/<version>/libs, Maven Central)
#       + the Kafka tools jars (kafka-topics), user 65532
#   localhost/daybook-postgres:15-<key>               Debian bookworm minbase + postgresql-15,
#       user postgres (numeric)
# Root filesystems from mmdebstrap (as scripts/images/build.sh), one-layer OCI archives written
# by cluster.sh's oci_image. Cached in ~/.cache/daybook/cluster/data/, keyed by the recipe (this
# folder's files): a second run builds nothing. Prints the image names (NAME=ref lines), which
# k8s/local's kustomization expects as localhost/daybook-kafka:local and
# localhost/daybook-postgres:local (each archive carries that name too).
set -euo pipefail
DATA_HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# oci_image from cluster.sh (sourced: only its functions and settings; it sets ROOT, HERE, CACHE_DIR).
# shellcheck source=../cluster.sh
source "$DATA_HERE/../cluster.sh"
HERE="$DATA_HERE"
OUT="$CACHE_DIR/cluster/data"
KAFKA_VERSION="$(sed -n 's#.*<kafka.version>\(.*\)</kafka.version>.*#\1#p' "$ROOT/scripts/provision/kafka/pom.xml")"
SUITE=bookworm
log() { printf '[cluster:data] %s\n' "$*" >&2; }
KEY="$(cat "$HERE"/* "$ROOT/scripts/provision/kafka/log4j2.properties" <(declare -f oci_image) | sha256sum | cut -c1-12)"
KAFKA_ARCHIVE="$OUT/kafka-$KAFKA_VERSION-$KEY.tar"
PG_ARCHIVE="$OUT/postgres-15-$KEY.tar"

rootfs() { # rootfs DIR PACKAGES...
  local dir="$1"; shift
  local include; include="$(IFS=,; echo "$*")"
  SOURCE_DATE_EPOCH=1700000000 mmdebstrap --quiet --variant=minbase --format=directory \
    --include="$include" \
    --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/* "$1"/usr/share/doc/* "$1"/usr/share/man/* "$1"/usr/share/locale/*' \
    "$SUITE" "$dir" >&2
  # The runtime mounts /dev: no device nodes in the layer.
  rm -rf "${dir:?}"/dev/*
}

build_kafka() {
  [[ -s "$KAFKA_ARCHIVE" ]] && { log "kafka image cached: $KAFKA_ARCHIVE"; return 0; }
  local t0; t0=$(date +%s)
  local libs="$CACHE_DIR/kafka/$KAFKA_VERSION/libs" tools="$CACHE_DIR/kafka/$KAFKA_VERSION/tools"
  [[ -d "$libs" ]] || { log "no broker jars in $libs: run the integration tests once (or npm start), which fetch them"; exit 1; }
  if [[ ! -d "$tools" ]]; then
    log "kafka-tools $KAFKA_VERSION jars from Maven Central"
    mvn -q -B -f "$HERE/kafka-tools.pom.xml" dependency:copy-dependencies -DoutputDirectory="$tools.tmp" \
      -DincludeScope=runtime -Dkafka.version="$KAFKA_VERSION" >&2
    mv "$tools.tmp" "$tools"
  fi
  local work; work="$(mktemp -d)"
  log "mmdebstrap $SUITE + openjdk-17-jre-headless"
  rootfs "$work/rootfs" openjdk-17-jre-headless
  local r="$work/rootfs"
  mkdir -p "$r/opt/kafka/libs" "$r/opt/kafka/config" "$r/etc/kafka" "$r/var/lib/kafka/data" "$r/usr/local/bin"
  cp "$libs"/*.jar "$r/opt/kafka/libs/"
  # The tools' jars the broker's folder lacks, in their own folder (only kafka-topics' classpath
  # has it); for a jar in both (maybe another version), the broker's.
  mkdir -p "$r/opt/kafka/tools"
  local jar base
  for jar in "$tools"/*.jar; do
    base="$(basename "$jar" | sed -E 's/-[0-9][^-]*(-[a-z0-9]+)?\.jar$//')"
    compgen -G "$r/opt/kafka/libs/$base-[0-9]*.jar" >/dev/null || cp "$jar" "$r/opt/kafka/tools/"
  done
  cp "$ROOT/scripts/provision/kafka/log4j2.properties" "$r/opt/kafka/config/log4j2.properties"
  sed -e 's/^rootLogger.level = .*/rootLogger.level = WARN/' "$ROOT/scripts/provision/kafka/log4j2.properties" >"$r/opt/kafka/config/log4j2-tools.properties"
  install -m 755 "$HERE/kafka-entrypoint.sh" "$r/usr/local/bin/kafka-entrypoint"
  install -m 755 "$HERE/kafka-topics.sh" "$r/usr/local/bin/kafka-topics"
  echo 'kafka:x:65532:65532:kafka:/var/lib/kafka:/usr/sbin/nologin' >>"$r/etc/passwd"
  echo 'kafka:x:65532:' >>"$r/etc/group"
  chown -R 65532:65532 "$r/var/lib/kafka"
  mkdir -p "$OUT"
  OCI_KEEP_OWNERS=1 OCI_USER=65532:65532 OCI_ENV='"KAFKA_HOME=/opt/kafka"' \
    oci_image "localhost/daybook-kafka:$KAFKA_VERSION-$KEY localhost/daybook-kafka:local" "$KAFKA_ARCHIVE" "$r" '["/usr/local/bin/kafka-entrypoint"]'
  rm -rf "$work"
  log "kafka image: $(du -h "$KAFKA_ARCHIVE" | cut -f1) archive, built in $(($(date +%s) - t0)) s"
}

build_postgres() {
  [[ -s "$PG_ARCHIVE" ]] && { log "postgres image cached: $PG_ARCHIVE"; return 0; }
  local t0; t0=$(date +%s)
  local work; work="$(mktemp -d)"
  log "mmdebstrap $SUITE + postgresql-15"
  rootfs "$work/rootfs" postgresql-15
  local r="$work/rootfs" uid gid
  uid="$(awk -F: '$1 == "postgres" {print $3}' "$r/etc/passwd")"; gid="$(awk -F: '$1 == "postgres" {print $4}' "$r/etc/passwd")"
  [[ -n "$uid" ]] || { log "no postgres user in the rootfs"; exit 1; }
  # The cluster the package's postinst made (/var/lib/postgresql/15/main): the entrypoint
  # makes its own in $PGDATA.
  rm -rf "$r/var/lib/postgresql/15" "$r/etc/postgresql/15"
  # The socket folder, writable by postgres (and sticky, as the official image's).
  mkdir -p "$r/run/postgresql" "$r/var/lib/postgresql/data"
  chown "$uid:$gid" "$r/run/postgresql" "$r/var/lib/postgresql" "$r/var/lib/postgresql/data"
  chmod 3777 "$r/run/postgresql"
  install -m 755 "$HERE/postgres-entrypoint.sh" "$r/usr/local/bin/postgres-entrypoint"
  mkdir -p "$OUT"
  OCI_KEEP_OWNERS=1 OCI_USER="$uid:$gid" OCI_ENV='"PGDATA=/var/lib/postgresql/data/pgdata"' \
    oci_image "localhost/daybook-postgres:15-$KEY localhost/daybook-postgres:local" "$PG_ARCHIVE" "$r" '["/usr/local/bin/postgres-entrypoint"]'
  rm -rf "$work"
  log "postgres image (user $uid:$gid): $(du -h "$PG_ARCHIVE" | cut -f1) archive, built in $(($(date +%s) - t0)) s"
}

[[ "$(id -u)" == 0 ]] || { log "needs root (mmdebstrap into a directory, file owners)"; exit 1; }
command -v mmdebstrap >/dev/null || { log "apt-get install mmdebstrap"; DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends mmdebstrap >/dev/null; }
build_kafka
build_postgres
# Only this key's archives stay (cluster.sh imports every archive of the folder).
find "$OUT" -maxdepth 1 -name '*.tar' ! -name "*-$KEY.tar" -delete
echo "DAYBOOK_KAFKA_IMAGE=localhost/daybook-kafka:$KAFKA_VERSION-$KEY"
echo "DAYBOOK_POSTGRES_IMAGE=localhost/daybook-postgres:15-$KEY"
