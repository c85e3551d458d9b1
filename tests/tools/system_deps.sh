#!/usr/bin/env bash
# Install from Debian every program the suite runs (the table tests/tools/programs.tsv) when we
# can (root or password-less sudo), otherwise say what will be skipped. Under CI=true anything
# still missing is an error: CI may skip nothing.
set -uo pipefail
cd "$(dirname "$0")"

found() {  # found PROGRAM WHERE
  if [ "$2" = PATH ]; then command -v "$1" >/dev/null; else compgen -G "$2" >/dev/null; fi
}

missing_packages() {
  grep -v '^#' programs.tsv | while IFS=$'\t' read -r program package where; do
    case "$package" in pypi:*) continue ;; esac  # setup.cfg's test extra installs those
    [ -n "$program" ] && ! found "$program" "$where" && echo "$package"
  done | sort -u
}

need=$(missing_packages | tr '\n' ' ')
if [ -n "${need// /}" ]; then
  apt=()
  if [ "$(id -u)" = 0 ]; then apt=(env)
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then apt=(sudo -n env)
  fi
  if [ ${#apt[@]} -gt 0 ] && command -v apt-get >/dev/null; then
    echo "Installing from Debian: $need"
    # shellcheck disable=SC2086
    "${apt[@]}" DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
      "${apt[@]}" DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need >/dev/null
  fi
fi

still=$(missing_packages | tr '\n' ' ')
if [ -n "${still// /}" ]; then
  echo "MISSING Debian packages: $still(apt-get install $still); the tests that need them will skip."
  if [ "${CI:-}" = "true" ]; then
    echo "CI=true: nothing may be skipped." >&2
    exit 1
  fi
fi
exit 0
