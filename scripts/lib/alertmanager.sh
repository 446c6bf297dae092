# Sourced by scripts/test: installs Debian's prometheus-alertmanager when it is missing and starts
# one on 127.0.0.1:$AM_PORT in a temporary directory, without clustering, with one route whose
# webhook receiver is http://127.0.0.1:$AM_RECEIVER_PORT/am (a receiver the tests listen on) and
# short group waits, so a test sees an alert go through Alertmanager end to end. Sets AM_DIR,
# AM_PORT, AM_RECEIVER_PORT; stop_am stops it. Exits the calling script, with Alertmanager's log,
# if it cannot start. Needs an `install` function (apt-get install "$@").

am_bin() { command -v prometheus-alertmanager || command -v alertmanager || true; }

start_am() {
  [[ -n "$(am_bin)" ]] || install --no-install-recommends prometheus-alertmanager
  local bin
  bin=$(am_bin)
  [[ -n "$bin" ]] || { echo "$0: no alertmanager after installing prometheus-alertmanager" >&2; exit 1; }
  # Below the ephemeral range (32768 on Linux), so that no outgoing connection can hold the ports.
  AM_PORT=${1:-29493}
  AM_RECEIVER_PORT=${2:-29494}
  AM_DIR=$(mktemp -d /tmp/weir-am.XXXXXX)
  cat >"$AM_DIR/alertmanager.yml" <<YAML
route:
  receiver: weir-tests
  group_by: ['alertname', 'task', 'key']
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: weir-tests
    webhook_configs:
      - url: http://127.0.0.1:$AM_RECEIVER_PORT/am
        send_resolved: true
YAML
  "$bin" --config.file="$AM_DIR/alertmanager.yml" --storage.path="$AM_DIR/data" \
    --web.listen-address="127.0.0.1:$AM_PORT" --cluster.listen-address= >"$AM_DIR/alertmanager.log" 2>&1 &
  AM_PID=$!
  for _ in $(seq 1 100); do
    if curl -fsS "http://127.0.0.1:$AM_PORT/-/ready" >/dev/null 2>&1; then
      echo "$0: Alertmanager $("$bin" --version 2>&1 | head -1 | awk '{print $3}') on 127.0.0.1:$AM_PORT ($AM_DIR)"
      return 0
    fi
    kill -0 "$AM_PID" 2>/dev/null || break
    sleep 0.2
  done
  cat "$AM_DIR/alertmanager.log" >&2
  echo "$0: Alertmanager did not start on 127.0.0.1:$AM_PORT" >&2
  exit 1
}

stop_am() {
  [[ -n "${AM_PID:-}" ]] && kill "$AM_PID" 2>/dev/null && wait "$AM_PID" 2>/dev/null
  [[ -n "${AM_DIR:-}" ]] && rm -rf "$AM_DIR"
  return 0
}
