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

# A Kafka cluster of a test's own, for tests that crash or restart a broker (never the shared one on 9092):
# the same jars and settings, but the KRaft controller (node 2, port $3) and the broker (node 1, clients on
# port $2) run as two processes, and a test restarts only the broker. In one combined process a restarted
# broker first replays the metadata its own controller logged before the crash, in which it still leads every
# partition: its transaction coordinator resumes a commit, then the controller fences the old registration,
# the leaders turn unknown, and the coordinator skips their commit markers as if the partitions had been
# deleted. Those transactions stay open on the partitions for good (a hanging transaction: read_committed
# readers stop at it). A controller that lives on has fenced the killed broker before it comes back.
# $4 is the role (controller or broker); config, data and format log go under $1. Formats the storage on
# first use (one cluster id for both, in $1/cluster-id), then becomes the process (exec), so the caller owns
# it and its output.
# Run: bash -c 'source deploy/local/lib/common.sh && source deploy/local/lib/kafka.sh && kafka_exec_private DIR PORT CPORT ROLE'
kafka_exec_private() {
  local dir="$1" port="$2" controller="$3" role="$4" node listeners heap format_args=()
  kafka_installed || die "kafka: not installed; run deploy/local/stack up kafka once"
  case "$role" in
    controller) node=2 listeners="CONTROLLER://127.0.0.1:$controller" heap="-Xms64m -Xmx256m" format_args=(--standalone) ;;
    broker) node=1 listeners="PLAINTEXT://127.0.0.1:$port" heap="$KAFKA_HEAP" ;;
    *) die "kafka: unknown role '$role' (controller or broker)" ;;
  esac
  mkdir -p "$dir"
  # Both nodes start at once: the first to link its id in place names the cluster (ln does not overwrite).
  kafka_cluster_id >"$dir/cluster-id.$role"
  ln "$dir/cluster-id.$role" "$dir/cluster-id" 2>/dev/null || true
  rm -f "$dir/cluster-id.$role"
  # Later keys win when Java reads a properties file: the shared settings, then this node's own.
  { cat "$STACK_HOME/kafka/server.properties"
    printf '\nprocess.roles=%s\nnode.id=%s\n' "$role" "$node"
    printf 'listeners=%s\nadvertised.listeners=%s\n' "$listeners" "$listeners"
    printf 'controller.quorum.bootstrap.servers=127.0.0.1:%s\nlog.dirs=%s\n' "$controller" "$dir/$role-data"
    # A broker killed with SIGKILL cannot register again until its old registration's session expires
    # (9 s by default): tests restart this one several times.
    printf 'broker.session.timeout.ms=3000\nbroker.heartbeat.interval.ms=500\n'; } >"$dir/$role.properties"
  if [[ ! -f "$dir/$role-data/meta.properties" ]]; then
    kafka_java kafka.tools.StorageTool format "${format_args[@]}" --ignore-formatted \
      -t "$(cat "$dir/cluster-id")" -c "$dir/$role.properties" >"$dir/$role-format.log" 2>&1 \
      || { cat "$dir/$role-format.log" >&2; die "kafka: formatting $dir/$role-data failed"; }
  fi
  # C1 only (TieredStopAtLevel=1): a test's broker lives for seconds and carries little, so the C2 compiler
  # would cost start-up time and CPU that the other tests running alongside need. Five alternating runs of a
  # start, a crash-restart and a clean restart on the loaded machine: 14.0, 16.8, 12.0, 15.3, 18.8 s with it;
  # 23.8, 24.1, 21.7, 16.3, 20.9 s without. The shared broker keeps C2.
  # shellcheck disable=SC2086 # the heap holds several JVM options
  exec java -server $heap -XX:TieredStopAtLevel=1 -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$STACK_HOME/kafka/log4j2.properties" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$dir/$role.properties"
}
