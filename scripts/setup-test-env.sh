#!/usr/bin/env bash
# Prepares this machine (Debian bookworm, as root) for the test suite. Safe to run again: it installs only
# missing packages and rebuilds only what changed. Works unattended (CI=true, no stdin).
#
# Tests need:
#   - the test control plane (kube-apiserver, kube-controller-manager, kube-scheduler v1.37, etcd 3.6, kwok, and
#     kubectl for the local run), built from pinned Go modules by scripts/build-control-plane.sh once per machine;
#   - PostgreSQL 15 and Redis 7 binaries, which the tests run privately (no system service is used);
#   - shellcheck, which lints the Discourse image's entrypoint script;
#   - actionlint, which lints the release workflow, built from a pinned Go module by scripts/build-actionlint.sh.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

log() { printf 'setup-test-env: %s\n' "$*"; }
die() { printf 'setup-test-env: ERROR: %s\n' "$*" >&2; exit 1; }

installed() {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else die "need root to run: $*"
  fi
}

# --- packages ---------------------------------------------------------------------------------------------
missing=()
# shellcheck: ImageLintTest lints the Discourse image's entrypoint script with it.
# ruby, ruby-highline: AdminCreateDriverTest runs the user tasks' admin:create driver against a stand-in that asks
# through HighLine, as Discourse's task does.
for pkg in postgresql redis-server shellcheck ruby ruby-highline; do
  installed "$pkg" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  log "apt-get update (missing: ${missing[*]})"
  as_root apt-get update -qq
  # The packages' maintainer scripts would start system PostgreSQL and Redis on their default ports;
  # the tests run their own private servers, so keep the services from starting while we install.
  policy=/usr/sbin/policy-rc.d
  added_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null
    as_root chmod 755 "$policy"
    added_policy=1
  fi
  log "apt-get install ${missing[*]}"
  rc=0
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null || rc=$?
  [ "$added_policy" -eq 1 ] && as_root rm -f "$policy"
  [ "$rc" -eq 0 ] || die "apt-get install failed ($rc)"
fi

for tool in /usr/bin/shellcheck /usr/lib/postgresql/15/bin/initdb /usr/lib/postgresql/15/bin/postgres \
            /usr/bin/redis-server; do
  [ -x "$tool" ] || die "$tool missing after install"
done
id postgres >/dev/null 2>&1 || die "user 'postgres' missing (PostgreSQL refuses to run as root; tests run it as postgres)"

# --- the control plane ----------------------------------------------------------------------------------
# Where it cannot be built (no Go, no module proxy), the tests that need it are reported skipped with the reason;
# nothing is counted as passed.
if "$repo/scripts/build-control-plane.sh"; then
  log "ready: $repo/.cache/control-plane -> $(readlink "$repo/.cache/control-plane")"
else
  rm -f "$repo/.cache/control-plane"
  log "WARNING: the test control plane could not be built; tests that need it will be SKIPPED"
fi

# --- actionlint -----------------------------------------------------------------------------------------
# Where it cannot be built, ActionlintTest is reported skipped with the reason; nothing is counted as passed.
if ! "$repo/scripts/build-actionlint.sh"; then
  rm -f "$repo/.cache/actionlint"
  log "WARNING: actionlint could not be built; ActionlintTest will be SKIPPED"
fi
