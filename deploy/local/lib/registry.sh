# shellcheck shell=bash
# Schema registry with Confluent's REST API: Apicurio Registry 3.0.x (its /apis/ccompat/v7 API), the
# Quarkus distribution from Maven Central, storing schemas in Kafka (kafkasql: topic kafkasql-journal).
# Why not Karapace: it is not published on PyPI. Why 3.0.x: 3.1+ needs Java 21, this machine has 17.

REGISTRY_VERSION="${PRIZEDRAW_APICURIO_VERSION:-3.0.9}"
REGISTRY_PORT=8081
REGISTRY_MARKER="apicurio-registry-app"
REGISTRY_HOME="$STACK_CACHE/apicurio-registry-$REGISTRY_VERSION"
REGISTRY_JAR="$REGISTRY_HOME/apicurio-registry-app-$REGISTRY_VERSION-runner.jar"
# Confluent clients take this as their base URL (`/subjects`, `/schemas/ids/N` are appended).
REGISTRY_URL="http://127.0.0.1:$REGISTRY_PORT/apis/ccompat/v7"

registry_installed() { [[ -f "$REGISTRY_JAR" ]]; }

registry_install() {
  need_cmd java "install a Java 17+ runtime"
  need_cmd mvn "install Maven 3.8+; it fetches Apicurio Registry from Maven Central"
  say "registry: fetching Apicurio Registry $REGISTRY_VERSION from Maven Central (mvn, ~110 MB)…"
  local tmp="$REGISTRY_HOME.tmp.$$"
  rm -rf "$tmp" && mkdir -p "$tmp"
  # Plugin 2.8 on purpose: 3.x also resolves the artifact's parent pom, which Central lacks for 3.0.9
  # (io.apicurio:apicurio-registry:pom:3.0.9 is 404); 2.8 copies the file alone.
  logged registry mvn -q -B org.apache.maven.plugins:maven-dependency-plugin:2.8:copy \
    -Dartifact="io.apicurio:apicurio-registry-app:$REGISTRY_VERSION:tar.gz:all" -DoutputDirectory="$tmp"
  tar -xzf "$tmp/apicurio-registry-app-$REGISTRY_VERSION-all.tar.gz" -C "$tmp"
  rm -f "$tmp/apicurio-registry-app-$REGISTRY_VERSION-all.tar.gz"
  [[ -f "$tmp/${REGISTRY_JAR##*/}" ]] || die "registry: ${REGISTRY_JAR##*/} not found in the distribution"
  rm -rf "$REGISTRY_HOME" && mv "$tmp" "$REGISTRY_HOME"
}

registry_prepare() {
  need_cmd java "install a Java 17+ runtime"
  require_port_free registry "$REGISTRY_PORT"
  kafka_ready || die "registry: Kafka is not answering on 127.0.0.1:$KAFKA_PORT (the registry stores its schemas there)"
}

registry_launch() {
  launch registry java -Xms128m -Xmx384m -Djava.awt.headless=true \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$REGISTRY_PORT" \
    -Dapicurio.storage.kind=kafkasql -Dapicurio.kafkasql.bootstrap.servers="127.0.0.1:$KAFKA_PORT" \
    -Dquarkus.log.console.format='%d{HH:mm:ss,SSS} %-5p [%c{2.}] %s%e%n' \
    -jar "$REGISTRY_JAR"
}

registry_ready() { curl -sf --max-time 3 -o /dev/null "$REGISTRY_URL/subjects"; }

# A registry of one test's own (test/support/private-registry.ts), which the test stops and starts: the same
# jar on port $2, its schemas in an H2 database file under $1 rather than in Kafka (no broker needed, and they
# survive its restarts as a real registry's do; WRITE_DELAY=0 so a SIGKILL loses no registered schema). Becomes
# the server (exec), so the caller owns the process.
# Run: bash -c 'source deploy/local/lib/common.sh && source deploy/local/lib/registry.sh && registry_exec_private DIR PORT'
registry_exec_private() {
  local dir="$1" port="$2"
  registry_installed || die "registry: not installed; run deploy/local/stack up registry once"
  need_cmd java "install a Java 17+ runtime"
  exec java -Xms64m -Xmx256m -Djava.awt.headless=true \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
    -Dapicurio.storage.kind=sql -Dapicurio.storage.sql.kind=h2 \
    -Dapicurio.datasource.url="jdbc:h2:file:$dir/registry;WRITE_DELAY=0" \
    -jar "$REGISTRY_JAR"
}

# The registry's address only: services encode through a registry when SCHEMA_REGISTRY_URL is set, and the
# tests, the demo and the benchmarks measure the default (plain JSON) unless they opt in with this address.
registry_env() { say "export PRIZEDRAW_REGISTRY_URL=$REGISTRY_URL"; }
