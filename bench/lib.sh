# Shared by the benchmark scripts (bench/run, bench/posts, bench/bbodok): tools, processes, nginx, the server, wrk.
# Source it after setting: repo, duration, connections, threads, warmup; it sets up $work and the EXIT trap.
# shellcheck shell=bash

say() { echo "bench: $*" >&2; }
die() { say "$*"; exit 1; }
cores=$(nproc)

# --- tools ---------------------------------------------------------------------------------------
nginx_bin=$(command -v nginx || true)
[[ -z "$nginx_bin" && -x /usr/sbin/nginx ]] && nginx_bin=/usr/sbin/nginx
missing=()
command -v wrk >/dev/null || missing+=(wrk)
[[ -n "$nginx_bin" ]] || missing+=(nginx-light)
command -v curl >/dev/null || missing+=(curl)
if ((${#missing[@]})); then
  die "missing ${missing[*]}; run scripts/bootstrap (or: apt-get install -y ${missing[*]})"
fi


# --- build ---------------------------------------------------------------------------------------
# bench_app (set before sourcing this file): daengtionary (default) or bbodok.
bench_app=${bench_app:-daengtionary}
# BENCH_SERVER_BIN: another binary (with BENCH_SKIP_BUILD=1), e.g. a sanitizer build to dry-run a script.
server_bin=${BENCH_SERVER_BIN:-build/release/apps/$bench_app/$bench_app}
build_server() {
  if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
    say "building release (build/release)"
    cmake --preset release >/dev/null
    cmake --build --preset release --target "$bench_app" -j"${BENCH_BUILD_JOBS:-$cores}" >&2
  fi
  [[ -x "$server_bin" ]] || die "$server_bin not found; build it or unset BENCH_SKIP_BUILD"
}

# --- processes and clean-up ----------------------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/daeng-bench.XXXXXX")
nginx_pid=""
server_pid=""

stop_pid() {  # pid: TERM, wait up to 10 s, then KILL
  local pid=$1
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
stop_server() { stop_pid "$server_pid"; server_pid=""; }
# Keeps the running server aside (still stopped at exit), so that start_server can start a second one beside it.
parked_pids=()
park_server() { parked_pids+=("$server_pid"); server_pid=""; }
stop_parked_servers() {
  local pid
  for pid in "${parked_pids[@]}"; do stop_pid "$pid"; done
  parked_pids=()
}
stop_nginx() { stop_pid "$nginx_pid"; nginx_pid=""; }
cleanup() {
  trap - EXIT INT TERM
  stop_server
  stop_parked_servers
  stop_nginx
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local port
  for _ in $(seq 200); do
    port=$((20000 + RANDOM % 40000))
    if port_is_free "$port"; then echo "$port"; return; fi
  done
  die "no free loopback port found"
}

wait_http() {  # url, pid, log: waits up to 20 s for a 200
  local url=$1 pid=$2 log=$3
  for _ in $(seq 200); do
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; die "process for $url exited during start-up"; }
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)" == 200 ]] && return 0
    sleep 0.1
  done
  cat "$log" >&2
  die "$url did not answer 200 within 20 s"
}

start_nginx() {  # workers
  local workers=$1 dir=$work/nginx
  nginx_port=$(free_port)
  mkdir -p "$dir/logs" "$dir/tmp" "$dir/www/static"
  chmod 755 "$work" "$dir" "$dir/www" "$dir/www/static"  # nginx's workers drop root and must read the files
  # keepalive_requests is raised from nginx's default of 1000 because daengtionary keeps a connection
  # for any number of requests; otherwise nginx alone would pay for wrk reconnecting.
  cat >"$dir/nginx.conf" <<CONF
daemon off;
worker_processes $workers;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    location / {
      default_type application/json;
      return 200 '{"status":"UP"}';
    }
    # Files a script drops here (a route's own body) are served as they are: a reference of the same size.
    location /static/ {
      root $dir/www;
      default_type application/json;
    }
  }
}
CONF
  "$nginx_bin" -p "$dir" -c "$dir/nginx.conf" >"$dir/logs/stdout.log" 2>&1 &
  nginx_pid=$!
  wait_http "http://127.0.0.1:$nginx_port/" "$nginx_pid" "$dir/logs/error.log"
}

# io_threads (0 = one per core), access_log (true/false), log file, [SQL URL; default: a fresh SQLite file],
# [seed arguments: run `daengtionary seed` with them first], [metrics: true (default) or false].
# Sets $server_port and $server_dir.
start_server() {
  local io_threads=$1 access_log=$2 log=$3 sql_url=${4:-} seed_args=${5:-} metrics=${6:-true} dir
  dir=$(mktemp -d "$work/server.XXXXXX")
  server_dir=$dir
  server_port=$(free_port)
  local env=(
    DAENGTIONARY_HTTP_ADDRESS=127.0.0.1
    DAENGTIONARY_HTTP_PORT="$server_port"
    DAENGTIONARY_HTTP_IO_THREADS="$io_threads"
    DAENGTIONARY_HTTP_ACCESS_LOG="$access_log"
    DAENGTIONARY_METRICS_ENABLED="$metrics"
    DAENGTIONARY_SQL_URL="${sql_url:-sqlite:$dir/daengtionary.db}"
    DAENGTIONARY_SQL_MIGRATIONS="$repo/migrations/daengtionary"
    DAENGTIONARY_STORAGE_ROOT="$dir/images"
    DAENGTIONARY_STORAGE_PUBLIC_BASE_URL="http://127.0.0.1:$server_port"
    DAENGTIONARY_JWT_SECRET="$(head -c 48 /dev/urandom | base64 -w0)"
  )
  if [[ -n "$seed_args" ]]; then
    # shellcheck disable=SC2086 # seed_args is a word list
    env "${env[@]}" "$server_bin" --config "$repo/config/daengtionary.toml" seed --data "$repo/seed/daengtionary" \
      $seed_args >"$log" 2>&1 || { cat "$log" >&2; die "daengtionary seed failed"; }
  fi
  env "${env[@]}" "$server_bin" --config "$repo/config/daengtionary.toml" >>"$log" 2>&1 &
  server_pid=$!
  wait_http "http://127.0.0.1:$server_port/health" "$server_pid" "$log"
}


# --- wrk -----------------------------------------------------------------------------------------
to_ms() {  # wrk latency such as 812.00us, 1.23ms, 1.01s, 2.00m
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
    printf "%.2f", n }'
}

median() { tr ' ' '\n' | grep . | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }  # of numbers on stdin

rows=()       # markdown table rows
failures=()   # messages; any makes the exit status non-zero
nginx_rps=""

# label, config, url, [header], [wrk Lua script]: runs wrk, appends a row; sets $rps and $p99 (ms).
measure() {
  local label=$1 config=$2 url=$3 header=${4:-} script=${5:-} out non2xx socket ratio errors load
  local args=(-t"$threads" -c"$connections" --latency)
  [[ -n "$header" ]] && args+=(-H "$header")
  [[ -n "$script" ]] && args+=(-s "$script")
  if [[ "$warmup" != 0 && "$warmup" != 0s ]]; then wrk "${args[@]}" -d"$warmup" "$url" >/dev/null; fi
  load=$(cut -d' ' -f1 /proc/loadavg)
  out=$work/wrk.$RANDOM.txt
  say "wrk ${args[*]/#Authorization*/Authorization: Bearer …} -d$duration $url   [$config, $label]"
  wrk "${args[@]}" -d"$duration" "$url" >"$out"
  cat "$out" >>"$work/wrk-all.txt"
  rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$out")
  p99=$(awk '$1 == "99%" {print $2}' "$out")
  [[ -n "$rps" && -n "$p99" ]] || { cat "$out" >&2; die "could not parse wrk output for $url"; }
  p99=$(to_ms "$p99")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$out"); non2xx=${non2xx:-0}
  socket=$(awk '/Socket errors:/ {gsub(/[^0-9]/, " "); s = 0; for (i = 1; i <= NF; i++) s += $i; print s}' "$out"); socket=${socket:-0}
  errors="$non2xx / $socket"
  if [[ -z "$nginx_rps" ]]; then ratio="1.00"; else ratio=$(awk -v a="$rps" -v b="$nginx_rps" 'BEGIN {printf "%.2f", a / b}'); fi
  ((non2xx == 0)) || failures+=("$config, $label: $non2xx non-2xx responses")
  ((socket == 0)) || failures+=("$config, $label: $socket socket errors ($(grep 'Socket errors' "$out" | sed 's/^ *//'))")
  rows+=("| $config | $label | $rps | $p99 | $ratio | $errors | $load |")
}

check_server_log() {  # config, log: warnings and errors during the run are failures
  local config=$1 log=$2 count
  count=$(grep -cE '^[^ ]+ (warning|error|critical) ' "$log" || true)
  if ((count > 0)); then
    failures+=("$config: server logged $count warning/error lines, e.g. $(grep -m1 -E '^[^ ]+ (warning|error|critical) ' "$log")")
  fi
}


# --- run metadata --------------------------------------------------------------------------------
# On a shared machine, optionally wait for other work (compiles, tests) to calm down first; then note
# what the report's header needs.
begin_run() {
  quiet_note=""
  if [[ -n "${BENCH_WAIT_LOAD:-}" ]]; then
    waited=0
    until awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v t="$BENCH_WAIT_LOAD" 'BEGIN {exit !(l < t)}'; do
      if ((waited >= ${BENCH_WAIT_MAX:-600})); then
        quiet_note=" (gave up waiting for load < $BENCH_WAIT_LOAD after ${waited}s)"
        break
      fi
      ((waited % 60)) || say "waiting for 1-minute load $(cut -d' ' -f1 /proc/loadavg) to fall below $BENCH_WAIT_LOAD"
      sleep 5; waited=$((waited + 5))
    done
  fi
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  started=$(date -u '+%Y-%m-%d %H:%M:%S UTC')
  commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
  dirty=""
  if git -C "$repo" --no-optional-locks status --porcelain 2>/dev/null | grep -q .; then dirty=" (working tree has uncommitted changes)"; fi
  cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
  floor_rows=()
}
