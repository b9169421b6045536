#!/bin/bash
# Entrypoint of localhost/daybook-kafka: one KRaft node (broker + controller) of a StatefulSet.
# The base configuration is mounted at /etc/kafka/server.properties (k8s/local/kafka.yaml); this
# adds what differs per pod (node.id from the pod's ordinal, the advertised name from the
# headless Service), formats the storage on the first start, then runs the broker.
set -euo pipefail
: "${KAFKA_HOME:=/opt/kafka}" "${KAFKA_DATA:=/var/lib/kafka/data}" "${KAFKA_HEAP_OPTS:=-Xms256m -Xmx512m}"
: "${KAFKA_CLUSTER_ID:?set KAFKA_CLUSTER_ID (22 characters, base64url)}" "${KAFKA_ADVERTISED_HOST:?}"
ordinal="${HOSTNAME##*-}"
[[ "$ordinal" =~ ^[0-9]+$ ]] || ordinal=0
config=/tmp/server.properties
{
  cat /etc/kafka/server.properties
  echo
  echo "node.id=$ordinal"
  echo "log.dirs=$KAFKA_DATA"
  echo "advertised.listeners=PLAINTEXT://$KAFKA_ADVERTISED_HOST:9092"
} >"$config"
# shellcheck disable=SC2206
jvm=($KAFKA_HEAP_OPTS -XX:+UseG1GC -Djava.awt.headless=true
  "-Dlog4j2.configurationFile=$KAFKA_HOME/config/log4j2.properties" -cp "$KAFKA_HOME/libs/*")
mkdir -p "$KAFKA_DATA"
if [[ ! -f "$KAFKA_DATA/meta.properties" ]]; then
  echo "formatting KRaft storage in $KAFKA_DATA (cluster $KAFKA_CLUSTER_ID, node $ordinal)"
  java "${jvm[@]}" kafka.tools.StorageTool format --standalone -t "$KAFKA_CLUSTER_ID" -c "$config"
fi
exec java "${jvm[@]}" kafka.Kafka "$config"
