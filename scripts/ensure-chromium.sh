#!/usr/bin/env bash
# Browser tests drive Debian's chromium through playwright-core. Install it when missing (the test run is
# root on a Debian machine). Never `npx playwright install`: it downloads from a host we cannot reach.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-chromium: /usr/bin/chromium is missing; install it with: sudo apt-get install -y chromium" >&2
  exit 1
fi

echo "ensure-chromium: installing Debian chromium…"
export DEBIAN_FRONTEND=noninteractive
apt-get install -y --no-install-recommends chromium >/dev/null 2>&1 || {
  apt-get update >/dev/null
  apt-get install -y --no-install-recommends chromium >/dev/null
}
/usr/bin/chromium --version
