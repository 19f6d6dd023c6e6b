# shellcheck shell=bash
# Throw-away PostgreSQL 15 clusters for tests: source this file, then postgres_start DIR PORT / postgres_stop DIR.

POSTGRES_BIN=${POSTGRES_BIN:-/usr/lib/postgresql/15/bin}

# The server refuses to run as root, so root runs it as a system user made for the purpose.
_postgres_user() {
  if [ "$(id -u)" -eq 0 ]; then
    echo pgtest
  else
    id -un
  fi
}

_postgres_as_user() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u pgtest -- "$@"
  else
    "$@"
  fi
}

_postgres_fail() {
  local dir=$1 message=$2
  echo "postgres: $message" >&2
  if [ -f "$dir/server.log" ]; then
    echo "---- $dir/server.log (last 50 lines) ----" >&2
    tail -n 50 "$dir/server.log" >&2
  fi
  return 1
}

# postgres_start DIR PORT: creates the cluster in DIR if missing, starts it on 127.0.0.1:PORT and a unix
# socket in DIR (trust auth, fsync off), creates database "test" and exports TEST_POSTGRES_URL.
# Running it again on a running cluster only re-exports the URL. DIR's parents must be traversable by
# the server's user (with root, pgtest).
postgres_start() {
  local dir=${1:?usage: postgres_start DIR PORT} port=${2:?usage: postgres_start DIR PORT}
  local user
  user=$(_postgres_user)
  if [ "$(id -u)" -eq 0 ] && ! id -u pgtest >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin pgtest ||
      _postgres_fail "$dir" "cannot create user pgtest" || return 1
  fi
  mkdir -p "$dir" || return 1
  dir=$(cd "$dir" && pwd) || return 1
  if [ "$(id -u)" -eq 0 ]; then
    chown pgtest: "$dir" || return 1
  fi
  chmod 700 "$dir" || return 1

  if [ ! -f "$dir/data/PG_VERSION" ]; then
    _postgres_as_user "$POSTGRES_BIN/initdb" -D "$dir/data" -U "$user" --auth=trust --encoding=UTF8 \
      --locale=C >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; _postgres_fail "$dir" "initdb failed in $dir/data"; return 1; }
  fi

  if ! _postgres_as_user "$POSTGRES_BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    _postgres_as_user "$POSTGRES_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null ||
      { _postgres_fail "$dir" "server did not start on port $port"; return 1; }
  fi

  local tries=0
  until "$POSTGRES_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U "$user"; do
    tries=$((tries + 1))
    if [ "$tries" -ge 60 ]; then
      _postgres_fail "$dir" "server on port $port not ready after 30 s"
      return 1
    fi
    sleep 0.5
  done

  local exists
  exists=$("$POSTGRES_BIN/psql" -h 127.0.0.1 -p "$port" -U "$user" -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'test'") ||
    { _postgres_fail "$dir" "cannot query the server on port $port"; return 1; }
  if [ "$exists" != 1 ]; then
    "$POSTGRES_BIN/createdb" -h 127.0.0.1 -p "$port" -U "$user" test ||
      { _postgres_fail "$dir" "cannot create database test"; return 1; }
  fi
  export TEST_POSTGRES_URL="postgresql://$user@127.0.0.1:$port/test"
}

# postgres_stop DIR: stops the cluster in DIR if it is running.
postgres_stop() {
  local dir=${1:?usage: postgres_stop DIR}
  [ -f "$dir/data/PG_VERSION" ] || return 0
  if _postgres_as_user "$POSTGRES_BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    _postgres_as_user "$POSTGRES_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null ||
      { _postgres_fail "$dir" "server in $dir did not stop"; return 1; }
  fi
}
