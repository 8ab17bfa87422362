# Shell functions for the suites that start `precis serve` (sourced, not run).

# server_address LOG PID: waits up to 10 s for the server PID to print its
# address into LOG, and prints it ("127.0.0.1:PORT" after "http://").
# Fails with the server's log when it exits or never says where it listens.
server_address() {
  local log=$1 pid=$2 addr=""
  for _ in $(seq 100); do
    addr=$(grep -o 'listening on http://[0-9.:]*' "$log" | head -1 | sed 's/listening on //') || true
    [ -n "$addr" ] && break
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; echo "precis serve exited" >&2; return 1; }
    sleep 0.1
  done
  [ -n "$addr" ] || { cat "$log" >&2; echo "precis serve did not start" >&2; return 1; }
  echo "$addr"
}
