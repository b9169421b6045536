#!/bin/bash
# kafka-topics of the Kafka distribution (not published as such on Maven Central).
exec java -Xmx256m -Dlog4j2.configurationFile=/opt/kafka/config/log4j2-tools.properties \
  -cp '/opt/kafka/libs/*:/opt/kafka/tools/*' org.apache.kafka.tools.TopicCommand "$@"
