#!/usr/bin/env bash
# The multi-instance test starts Debian's redis-server itself on 127.0.0.1 (never as a system service).
# Install the package when the binary is missing (the test run is root on a Debian machine).
set -euo pipefail

if command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-redis: redis-server is missing; install it with: sudo apt-get install -y redis-server" >&2
  exit 1
fi

echo "ensure-redis: installing Debian redis-server…"
export DEBIAN_FRONTEND=noninteractive
# policy-rc.d 101: the package must not start (or enable) a system-wide Redis service.
policy=/usr/sbin/policy-rc.d
created=0
if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod 755 "$policy"; created=1; fi
trap '[ "$created" = 1 ] && rm -f "$policy"' EXIT
apt-get install -y --no-install-recommends redis-server >/dev/null 2>&1 || {
  apt-get update >/dev/null
  apt-get install -y --no-install-recommends redis-server >/dev/null
}
redis-server --version
