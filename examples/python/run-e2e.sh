#!/usr/bin/env bash
# CI check of the Python client: starts a broker (`vma broker`), a scorer (`vma serve`) and the online
# trainer (`vma trainer`) in a temporary directory, runs e2e_check.py against them, and always stops
# all three. Exit status: e2e_check.py's (0 = every event scored exactly once, no dead letter of ours).
#
#   examples/python/run-e2e.sh [e2e_check.py options, e.g. --exemplars 300 --events 400]
#
# Environment:
#   VMA        launcher command (default: <repo>/bin/vma), e.g. "java -Xmx3g -jar /path/vma-launcher.jar"
#   PYTHON     interpreter with python3-confluent-kafka and python3-avro (default: /usr/bin/python3)
#   VMA_E2E_DIR  parent of the temporary working directory (default: $TMPDIR or /tmp)
#   VMA_E2E_KEEP=1  keep the working directory (logs, state) even when the check passes
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
# shellcheck disable=SC2206 # VMA may be a command with arguments on purpose
vma=(${VMA:-$repo/bin/vma})
python="${PYTHON:-/usr/bin/python3}"
# bin/vma sets these itself; a plain `java -jar` does not. One BLAS thread each: three JVMs share the cores.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-passive}"
export OPENBLAS_THREAD_TIMEOUT="${OPENBLAS_THREAD_TIMEOUT:-4}"
# Three JVMs on one machine: bin/vma's default heap (8 GB) each is more than a CI runner has.
export VMA_JAVA_OPTS="${VMA_JAVA_OPTS:--Xmx2g -Xmn256m}"
export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ in the source tree

"$python" -c 'import confluent_kafka, avro' 2>/dev/null || {
  echo "run-e2e: $python lacks confluent_kafka or avro (apt-get install -y python3-confluent-kafka python3-avro)" >&2
  exit 2
}

work="$(mktemp -d "${VMA_E2E_DIR:-${TMPDIR:-/tmp}}/vma-py-e2e.XXXXXX")"
pids=()
names=()
status=1

log() { echo "[$(date +%H:%M:%S)] run-e2e: $*"; }

stop_all() {
  local i pid
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do          # trainer, scorer, then broker
    pid="${pids[$i]}"
    kill -TERM "$pid" 2>/dev/null || continue
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    if kill -0 "$pid" 2>/dev/null; then
      log "${names[$i]} (pid $pid) still running 10 s after TERM: killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
  pids=()
}

cleanup() {
  trap - EXIT INT TERM
  stop_all
  if [[ $status -ne 0 ]]; then
    for name in broker serve trainer; do
      [[ -f "$work/$name.log" ]] || continue
      echo "----- last lines of $name.log ($work/$name.log)"
      tail -n 25 "$work/$name.log"
    done
    log "FAILED; logs and state kept in $work"
  elif [[ "${VMA_E2E_KEEP:-0}" == 1 ]]; then
    log "logs and state kept in $work"
  else
    rm -rf "$work"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'status=130; exit 130' INT TERM

start() {  # start NAME ARGS...: run the launcher in $work, logging to $work/NAME.log
  local name="$1"; shift
  (cd "$work" && exec "${vma[@]}" "$@") >"$work/$name.log" 2>&1 &
  pids+=("$!")
  names+=("$name")
  log "started $name (pid $!): ${vma[*]} $*"
}

wait_for() {  # wait_for NAME PATTERN SECONDS: until NAME's log has PATTERN; fail if it dies or times out
  local name="$1" pattern="$2" seconds="$3" i pid
  for ((i = 0; i < ${#names[@]}; i++)); do [[ "${names[$i]}" == "$name" ]] && pid="${pids[$i]}"; done
  for _ in $(seq 1 $((seconds * 4))); do
    grep -q -- "$pattern" "$work/$name.log" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { log "$name exited before it was ready"; return 1; }
    sleep 0.25
  done
  log "$name not ready after $seconds s"
  return 1
}

started=$SECONDS
log "working directory $work"
start broker broker -s "kafka.embedded.dir=$work/kafka"
wait_for broker "broker ready: --bootstrap-servers" 90
bootstrap="$(sed -n 's/.*broker ready: --bootstrap-servers \([^ ]*\).*/\1/p' "$work/broker.log" | head -n 1)"
log "broker at $bootstrap"

http_port="$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
start serve serve --bootstrap-servers "$bootstrap" -s "http.port=$http_port" \
  -s "streams.state.dir=$work/streams-state" -s "kafka.embedded.dir=$work/unused-kafka"
start trainer trainer --bootstrap-servers "$bootstrap" -s http.port=0 -s "kafka.embedded.dir=$work/unused-kafka"
wait_for serve "scorer running" 120

set +e
(cd "$here" && "$python" e2e_check.py --bootstrap-servers "$bootstrap" --http "http://127.0.0.1:$http_port" \
  --score-timeout 100 "$@")
status=$?
set -e
for ((i = 0; i < ${#names[@]}; i++)); do
  kill -0 "${pids[$i]}" 2>/dev/null || { log "${names[$i]} had exited during the check"; [[ $status -ne 0 ]] || status=1; }
done
log "e2e_check.py exit status $status after $((SECONDS - started)) s in all"
