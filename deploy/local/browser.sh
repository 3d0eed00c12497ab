#!/usr/bin/env bash
# Debian's Chromium and its WebDriver, for the browser test of the dashboard in the end-to-end
# suite: installed when missing (as root on Debian), as PostgreSQL and Redis are.
# Sourced by ./run after common.sh.
set -euo pipefail

BROWSER_BINARY="${MESH_CHROMIUM:-/usr/bin/chromium}"
BROWSER_DRIVER="${MESH_CHROMEDRIVER:-/usr/bin/chromedriver}"

browser_ensure() {
  if [[ -x "$BROWSER_BINARY" && -x "$BROWSER_DRIVER" ]]; then
    return
  fi
  if is_debian_root; then
    apt_install chromium chromium-driver
    return
  fi
  fail "Chromium and its WebDriver are needed for the dashboard's browser test, and are missing.
  Install them, then run this command again:
    Debian or Ubuntu: sudo apt-get install -y chromium chromium-driver
    elsewhere:        set MESH_CHROMIUM and MESH_CHROMEDRIVER to a Chromium and a matching chromedriver"
}
