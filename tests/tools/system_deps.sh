#!/usr/bin/env bash
# Install what the suite needs from Debian when we can (root), otherwise say what will be
# skipped. Under CI=true anything missing is an error: CI may skip nothing.
set -uo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing from Debian: ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    echo "Installing from Debian (sudo): ${need[*]}"
    sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
      sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
fi

missing=0
if [ ! -x /usr/bin/chromium ]; then
  echo "SKIPPING browser tests: Debian's chromium is not installed (apt-get install chromium)."
  missing=1
fi
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "SKIPPING the PostgreSQL run: no PostgreSQL server (apt-get install postgresql)."
  missing=1
fi
if [ "$missing" = 1 ] && [ "${CI:-}" = "true" ]; then
  echo "CI=true: nothing may be skipped." >&2
  exit 1
fi
exit 0
