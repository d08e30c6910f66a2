# shellcheck shell=bash
# Apache Kafka, single-node KRaft (broker + controller in one JVM), jars from Maven Central.
# Clients: PLAINTEXT 127.0.0.1:9092. Controller: 127.0.0.1:9093.

KAFKA_VERSION="${PRIZEDRAW_KAFKA_VERSION:-4.3.1}"
KAFKA_PORT=9092
KAFKA_CONTROLLER_PORT=9093
KAFKA_MARKER="kafka.Kafka"
KAFKA_LIBS="$STACK_CACHE/kafka-$KAFKA_VERSION/libs"
KAFKA_DIR="$STACK_STATE/kafka"
KAFKA_HEAP="${PRIZEDRAW_KAFKA_HEAP:--Xms256m -Xmx768m}"

kafka_java() {
  # Tools: quiet logging; the broker passes its own log4j2 file first, which wins.
  java -Djava.awt.headless=true -Dlog4j2.configurationFile="$STACK_HOME/kafka/tools-log4j2.properties" \
    -cp "$KAFKA_LIBS/*" "$@"
}

# A cluster id as `kafka-storage.sh random-uuid` prints it (16 random bytes, URL-safe base64 without padding,
# never starting with '-', which the tools would read as an option), without starting a JVM for it: each
# private test broker is formatted afresh, and a JVM start costs seconds on this machine.
kafka_cluster_id() {
  local id
  while id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"; [[ "$id" == -* ]]; do :; done
  printf '%s\n' "$id"
}

kafka_installed() { [[ -f "$KAFKA_LIBS/kafka_2.13-$KAFKA_VERSION.jar" ]]; }

kafka_install() {
  need_cmd java "install a Java 17+ runtime (Debian: apt-get install openjdk-17-jre-headless)"
  need_cmd mvn "install Maven 3.8+ (Debian: apt-get install maven); it fetches Kafka from Maven Central"
  say "kafka: fetching Apache Kafka $KAFKA_VERSION and its dependencies from Maven Central (mvn)…"
  local tmp="$KAFKA_LIBS.tmp.$$"
  rm -rf "$tmp"
  # Default ~/.m2 on purpose: a second clone or a CI run on the same machine downloads nothing.
  logged kafka mvn -q -B -f "$STACK_HOME/kafka/pom.xml" -Dkafka.version="$KAFKA_VERSION" \
    dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp"
  [[ -f "$tmp/kafka_2.13-$KAFKA_VERSION.jar" ]] || die "kafka: mvn finished but kafka_2.13-$KAFKA_VERSION.jar is missing"
  # Move into place only when complete, so an interrupted download is never mistaken for an install.
  rm -rf "$KAFKA_LIBS" && mv "$tmp" "$KAFKA_LIBS"
}

kafka_prepare() {
  need_cmd java "install a Java 17+ runtime (Debian: apt-get install openjdk-17-jre-headless)"
  require_port_free kafka "$KAFKA_PORT"
  require_port_free kafka "$KAFKA_CONTROLLER_PORT"
  mkdir -p "$KAFKA_DIR"
  # The committed file has no absolute paths; the data directory is added here.
  { cat "$STACK_HOME/kafka/server.properties"; printf '\nlog.dirs=%s\n' "$KAFKA_DIR/data"; } >"$KAFKA_DIR/server.properties"
  if [[ ! -f "$KAFKA_DIR/data/meta.properties" ]]; then
    say "kafka: formatting KRaft storage in ${KAFKA_DIR#"$REPO_ROOT"/}/data"
    local cluster_id
    cluster_id="$(kafka_cluster_id)"
    rm -rf "$KAFKA_DIR/data"
    kafka_java kafka.tools.StorageTool format --standalone --ignore-formatted \
      -t "$cluster_id" -c "$KAFKA_DIR/server.properties" >>"$(log_file kafka)" 2>&1 \
      || { show_log_tail kafka; die "kafka: formatting storage failed"; }
  fi
}

kafka_launch() {
  # shellcheck disable=SC2086 # KAFKA_HEAP holds several JVM options
  launch kafka java -server $KAFKA_HEAP -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$STACK_HOME/kafka/log4j2.properties" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_DIR/server.properties"
}

# Ready = the broker answers a metadata request (the topic list), not just an open port.
kafka_ready() {
  tcp_open 127.0.0.1 "$KAFKA_PORT" || return 1
  kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$KAFKA_PORT" \
    --command-config "$STACK_HOME/kafka/probe-client.properties" --list >/dev/null
}

kafka_env() { say "export KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT"; }

# A broker of a test's own, for tests that crash or restart one (never the shared one on 9092): the same
# jars and settings, clients on port $2, controller on $3, config, data and format log under $1. Formats the
# storage on first use, then becomes the broker (exec), so the caller owns the process and its output.
# Run: bash -c 'source deploy/local/lib/common.sh && source deploy/local/lib/kafka.sh && kafka_exec_private DIR PORT CPORT'
kafka_exec_private() {
  local dir="$1" port="$2" controller="$3"
  kafka_installed || die "kafka: not installed; run deploy/local/stack up kafka once"
  mkdir -p "$dir"
  { sed -e "s/127\.0\.0\.1:$KAFKA_PORT\b/127.0.0.1:$port/g" -e "s/127\.0\.0\.1:$KAFKA_CONTROLLER_PORT\b/127.0.0.1:$controller/g" \
      "$STACK_HOME/kafka/server.properties"
    printf '\nlog.dirs=%s\n' "$dir/data"
    # A broker killed with SIGKILL cannot register again until its old registration's session expires
    # (9 s by default): tests restart this one several times.
    printf 'broker.session.timeout.ms=3000\nbroker.heartbeat.interval.ms=500\n'; } >"$dir/server.properties"
  if [[ ! -f "$dir/data/meta.properties" ]]; then
    kafka_java kafka.tools.StorageTool format --standalone --ignore-formatted \
      -t "$(kafka_cluster_id)" -c "$dir/server.properties" >"$dir/format.log" 2>&1 \
      || { cat "$dir/format.log" >&2; die "kafka: formatting $dir/data failed"; }
  fi
  # C1 only (TieredStopAtLevel=1): a test's broker lives for seconds and carries little, so the C2 compiler
  # would cost start-up time and CPU that the other tests running alongside need. Five alternating runs of a
  # start, a crash-restart and a clean restart on the loaded machine: 14.0, 16.8, 12.0, 15.3, 18.8 s with it;
  # 23.8, 24.1, 21.7, 16.3, 20.9 s without. The shared broker keeps C2.
  # shellcheck disable=SC2086 # KAFKA_HEAP holds several JVM options
  exec java -server $KAFKA_HEAP -XX:TieredStopAtLevel=1 -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$STACK_HOME/kafka/log4j2.properties" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$dir/server.properties"
}
