#!/usr/bin/env bash
# The web page of `precis serve`: the byte-to-UTF-16 span conversion under
# Node's test runner, then the page in headless Debian Chromium driven by
# playwright-core (load the example, summarize, click a sentence, check the
# highlight, non-ASCII text, dropped furniture, keyboard, phone width, the
# API explorer). Saves the screenshot README.md shows, docs/img/page.png.
# Installs Debian's chromium and npm's playwright-core (into
# crates/precis-server/browser/node_modules, ignored by git); never
# downloads a browser. Bounded: about 2 minutes after the installs.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
browser_dir=crates/precis-server/browser

if ! command -v chromium >/dev/null; then
  echo "installing Debian's chromium"
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  timeout 900 $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive timeout 900 $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
if [ ! -d "$browser_dir/node_modules/playwright-core" ]; then
  echo "installing playwright-core from npm (no browser download)"
  (cd "$browser_dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 timeout 600 npm install --no-audit --no-fund --silent)
fi

echo "spans.js: byte offsets to UTF-16"
timeout 60 node --test "$browser_dir/spans.test.cjs"

# The debug binary `cargo test --workspace` built (the same package
# selection, so the same features: nothing is rebuilt after it).
cargo test -q --workspace --no-run
bin=${CARGO_TARGET_DIR:-$root/target}/debug/precis
log=$(mktemp)
"$bin" serve --addr 127.0.0.1:0 2>"$log" &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$log"' EXIT
. "$root/scripts/lib/serve.sh"
addr=$(server_address "$log" $pid)
echo "server at $addr"

mkdir -p docs/img
timeout 180 node "$browser_dir/page.test.mjs" "$addr" docs/img/page.png
kill -TERM $pid
wait $pid
echo "server stopped cleanly on SIGTERM"
