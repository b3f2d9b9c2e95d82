#!/usr/bin/env bash
# Runs the e2e suite: starts tauri-driver (which drives WebKitWebDriver), runs the
# node:test files, stops the driver. Call it under a display, e.g.
#   xvfb-run -a dbus-run-session -- tests/e2e/run.sh
set -euo pipefail
cd "$(dirname "$0")"
DRIVER="${TAURI_DRIVER:-$(command -v tauri-driver || echo "$HOME/.cargo/bin/tauri-driver")}"
"$DRIVER" --port 4444 > "${TMPDIR:-/tmp}/coalition-tauri-driver.log" 2>&1 &
driver=$!
trap 'kill "$driver" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  curl -fsS http://127.0.0.1:4444/status > /dev/null 2>&1 && break
  sleep 0.2
done
# E2E_PATTERN runs only the tests whose name matches (make bench-app).
node --test --test-concurrency=1 --test-reporter=spec ${E2E_PATTERN:+--test-name-pattern="$E2E_PATTERN"} ./*.test.mjs
