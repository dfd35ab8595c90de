#!/usr/bin/env bash
# The deploy topology without containers: PostgreSQL (the embedded one shipped in the jar), two
# packaged omnigate instances sharing one set of secrets, and Debian's haproxy with the same
# deploy/haproxy/haproxy.cfg the compose file uses, all on local ports.
#
#   deploy/local/run.sh start    build first: ./mvnw -B package -DskipTests
#   deploy/local/run.sh stop
#   deploy/local/run.sh status
#
# Settings (environment): RUN_DIR (default target/local-topology: logs, pid files, secrets, data),
# LB_PORT (8080), OMNIGATE_1_PORT (8081), OMNIGATE_2_PORT (8082), PG_PORT (5433),
# START_TIMEOUT seconds (300; a loaded machine is slow), JAVA (java).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RUN_DIR="$(mkdir -p "${RUN_DIR:-$ROOT/target/local-topology}" && cd "${RUN_DIR:-$ROOT/target/local-topology}" && pwd)"
APP="$ROOT/target/quarkus-app"
LB_PORT="${LB_PORT:-8080}"
OMNIGATE_1_PORT="${OMNIGATE_1_PORT:-8081}"
OMNIGATE_2_PORT="${OMNIGATE_2_PORT:-8082}"
PG_PORT="${PG_PORT:-5433}"
START_TIMEOUT="${START_TIMEOUT:-300}"
JAVA="${JAVA:-java}"

log() { echo "[run.sh] $*"; }

# wait_for <what> <pid> <command...>: until the command succeeds, the process dies or time runs out.
wait_for() {
  local what="$1" pid="$2" deadline=$((SECONDS + START_TIMEOUT))
  shift 2
  until "$@" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { log "$what exited; see $RUN_DIR"; exit 1; }
    [ "$SECONDS" -lt "$deadline" ] || { log "$what not ready after ${START_TIMEOUT}s; see $RUN_DIR"; exit 1; }
    sleep 1
  done
}

ready() { curl -fsS -o /dev/null "http://127.0.0.1:$1/q/health/ready"; }

start_postgres() {
  "$JAVA" -cp "$APP/lib/main/*:$APP/app/*" io.omnigate.platform.EmbeddedPostgresMain \
    "$PG_PORT" "$RUN_DIR/postgres" >"$RUN_DIR/postgres.log" 2>&1 &
  echo $! >"$RUN_DIR/postgres.pid"
  wait_for PostgreSQL $! grep -q "PostgreSQL ready" "$RUN_DIR/postgres.log"
  log "PostgreSQL on port $PG_PORT"
}

# start_instance <n> <port>: the same secrets for every instance, a data directory of its own.
start_instance() {
  (
    set -a
    # shellcheck disable=SC1091
    . "$RUN_DIR/secrets/omnigate.env"
    set +a
    export QUARKUS_HTTP_PORT="$2"
    export QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$PG_PORT/postgres"
    export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres"
    export QUARKUS_DATASOURCE_USERNAME=postgres
    # The embedded server trusts local connections, so the generated password is not checked here.
    export MP_JWT_VERIFY_PUBLICKEY_LOCATION="$RUN_DIR/secrets/jwt-verify.pem"
    export SMALLRYE_JWT_SIGN_KEY_LOCATION="$RUN_DIR/secrets/jwt-sign.pem"
    export OMNIGATE_DATA_DIR="$RUN_DIR/omnigate-$1"
    exec "$JAVA" -Xmx512m -jar "$APP/quarkus-run.jar" >"$RUN_DIR/omnigate-$1.log" 2>&1
  ) &
  echo $! >"$RUN_DIR/omnigate-$1.pid"
}

start_haproxy() {
  # haproxy.cfg allows 20000 connections, which needs about 40000 file descriptors: raise the
  # limit where allowed, or else run with as many connections as the limit permits (-n).
  local limit=()
  ulimit -n 65536 2>/dev/null || true
  if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 40100 ]; then
    limit=(-n $((($(ulimit -n) - 100) / 2)))
  fi
  LB_PORT="$LB_PORT" OMNIGATE_1_ADDR="127.0.0.1:$OMNIGATE_1_PORT" OMNIGATE_2_ADDR="127.0.0.1:$OMNIGATE_2_PORT" \
    haproxy -W -db "${limit[@]}" -f "$ROOT/deploy/haproxy/haproxy.cfg" >"$RUN_DIR/haproxy.log" 2>&1 &
  echo $! >"$RUN_DIR/haproxy.pid"
  wait_for haproxy $! ready "$LB_PORT"
  log "haproxy on port $LB_PORT -> $OMNIGATE_1_PORT, $OMNIGATE_2_PORT"
}

start() {
  [ -f "$APP/quarkus-run.jar" ] || { log "no $APP/quarkus-run.jar: run ./mvnw -B package -DskipTests"; exit 1; }
  command -v haproxy >/dev/null || { log "haproxy is not installed (apt-get install haproxy)"; exit 1; }
  trap 'status=$?; [ "$status" -eq 0 ] || { log "start failed: stopping what started"; stop; }' EXIT
  mkdir -p "$RUN_DIR/secrets"
  "$ROOT/deploy/secrets/generate.sh" "$RUN_DIR/secrets" >"$RUN_DIR/secrets.log" 2>&1
  start_postgres
  start_instance 1 "$OMNIGATE_1_PORT"
  start_instance 2 "$OMNIGATE_2_PORT"
  wait_for "omnigate 1" "$(cat "$RUN_DIR/omnigate-1.pid")" ready "$OMNIGATE_1_PORT"
  wait_for "omnigate 2" "$(cat "$RUN_DIR/omnigate-2.pid")" ready "$OMNIGATE_2_PORT"
  log "omnigate on ports $OMNIGATE_1_PORT and $OMNIGATE_2_PORT"
  start_haproxy
  log "ready: http://localhost:$LB_PORT (admin token: OMNIGATE_AUTH_BOOTSTRAP_TOKEN in $RUN_DIR/secrets/omnigate.env)"
}

# stop_one <name>: SIGTERM, then up to 60 s for it to exit, then SIGKILL.
stop_one() {
  local file="$RUN_DIR/$1.pid" pid
  [ -f "$file" ] || return 0
  pid="$(cat "$file")"
  if kill -TERM "$pid" 2>/dev/null; then
    for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    log "stopped $1"
  fi
  rm -f "$file"
}

stop() {
  stop_one haproxy
  stop_one omnigate-1
  stop_one omnigate-2
  stop_one postgres
}

status() {
  for name in postgres omnigate-1 omnigate-2 haproxy; do
    if [ -f "$RUN_DIR/$name.pid" ] && kill -0 "$(cat "$RUN_DIR/$name.pid")" 2>/dev/null; then
      echo "$name running (pid $(cat "$RUN_DIR/$name.pid"))"
    else
      echo "$name not running"
    fi
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
