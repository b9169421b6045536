#!/bin/bash
# kafka-topics of the Kafka distribution (not published as such on Maven Central).
# A short-lived client: a small heap, and the quick JIT tier only (CPU per run 3.8 → 2.5 s here).
exec java -Xmx128m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dlog4j2.configurationFile=/opt/kafka/config/log4j2-tools.properties \
  -cp '/opt/kafka/libs/*:/opt/kafka/tools/*' org.apache.kafka.tools.TopicCommand "$@"
