# Sourced by scripts/test and scripts/bench-paging: installs Debian's PostgreSQL server when it is
# missing and starts one on 127.0.0.1:$PG_PORT in a temporary directory, as the postgres user when
# run as root (initdb and postgres refuse root). Sets PG_BIN, PG_DIR and PG_PORT; stop_pg stops it
# and removes the directory. Exits the calling script, with the server's log, if it cannot start.
# Needs an `install` function (apt-get install "$@").

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start_pg() {
  if [[ -z "$(pg_bin)" || ! -x "$(pg_bin)/initdb" ]]; then install postgresql; fi
  PG_BIN=$(pg_bin)
  [[ -x "$PG_BIN/initdb" ]] || { echo "$0: no PostgreSQL server after installing postgresql" >&2; exit 1; }
  PG_DIR=$(mktemp -d /tmp/weir-pg.XXXXXX)
  # Below the ephemeral range (32768 on Linux), so that no outgoing connection can hold the port.
  PG_PORT=${1:-25432}
  if [[ $(id -u) -eq 0 ]]; then chown postgres "$PG_DIR"; fi
  as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U weir --auth=trust -E UTF8 >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log" >&2; echo "$0: initdb failed" >&2; exit 1; }
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c max_connections=300 -c fsync=off" start >/dev/null \
    || { cat "$PG_DIR/server.log" >&2; echo "$0: PostgreSQL did not start on 127.0.0.1:$PG_PORT" >&2; exit 1; }
  echo "$0: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT ($PG_DIR)"
}

stop_pg() {
  [[ -n "${PG_DIR:-}" ]] || return 0
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
