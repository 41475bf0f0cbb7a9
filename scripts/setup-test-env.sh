#!/usr/bin/env bash
# Prepares this machine (Debian bookworm, as root) for the test suite. Safe to run again: it installs only
# missing packages and rebuilds only what changed. Works unattended (CI=true, no stdin).
#
# Tests need:
#   - etcd (Debian etcd-server), and kube-apiserver v1.20.2 from ../shared/k8s, laid out the way fabric8's
#     kube-api-test expects under <repo>/.cache/kube-api-test/k8s/1.20.2-linux-amd64/;
#   - PostgreSQL 15 and Redis 7 binaries, which the tests run privately (no system service is used);
#   - zstd to unpack the kube-apiserver archive.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
shared="$(dirname "$repo")/shared"
k8s_version=1.20.2
bin_dir="$repo/.cache/kube-api-test/k8s/${k8s_version}-linux-amd64"
archive_name="kube-apiserver-v${k8s_version}-linux-amd64.tar.zst"

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
for pkg in etcd-server postgresql redis-server zstd shellcheck; do
  installed "$pkg" || missing+=("$pkg")
done
# kubectl is optional: kube-api-test only runs it for `kubectl get ns default` (readiness) and to edit a
# kubeconfig, so a stub will do where Debian has no kubernetes-client.
want_kubectl=0
if ! installed kubernetes-client && [ ! -x /usr/bin/kubectl ] \
   && ! grep -qs 'stand-in for kubectl' "$bin_dir/kubectl"; then
  want_kubectl=1
fi

if [ "${#missing[@]}" -gt 0 ] || [ "$want_kubectl" -eq 1 ]; then
  export DEBIAN_FRONTEND=noninteractive
  log "apt-get update (missing: ${missing[*]:-} $([ "$want_kubectl" -eq 1 ] && echo kubernetes-client))"
  as_root apt-get update -qq
  if [ "$want_kubectl" -eq 1 ] && [ -n "$(apt-cache policy kubernetes-client 2>/dev/null | awk '/Candidate:/ && $2 != "(none)" {print $2}')" ]; then
    missing+=(kubernetes-client)
  fi
  if [ "${#missing[@]}" -gt 0 ]; then
    # The packages' maintainer scripts would start system PostgreSQL/Redis/etcd on their default ports;
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
fi

for tool in /usr/bin/etcd /usr/bin/shellcheck /usr/lib/postgresql/15/bin/initdb /usr/lib/postgresql/15/bin/postgres \
            /usr/bin/redis-server /usr/bin/zstd; do
  [ -x "$tool" ] || die "$tool missing after install"
done
id postgres >/dev/null 2>&1 || die "user 'postgres' missing (PostgreSQL refuses to run as root; tests run it as postgres)"

# --- kube-api-test binaries --------------------------------------------------------------------------------
if [ ! -f "$shared/k8s/$archive_name" ] || [ ! -f "$shared/k8s/SHA256SUMS" ]; then
  log "NOTE: $shared/k8s/$archive_name not found: no kube-apiserver binaries prepared."
  log "NOTE: tests needing the API server will try kube-api-test's own download, and skip when offline."
  exit 0
fi

expected_sha=$(awk -v f="$archive_name" '$2 == f || $2 == "*" f {print $1}' "$shared/k8s/SHA256SUMS")
[ -n "$expected_sha" ] || die "$archive_name not listed in $shared/k8s/SHA256SUMS"
marker="$bin_dir/.kube-apiserver.sha256"

mkdir -p "$bin_dir"
if [ -x "$bin_dir/kube-apiserver" ] && [ "$(cat "$marker" 2>/dev/null)" = "$expected_sha" ]; then
  log "kube-apiserver v$k8s_version already unpacked"
else
  actual_sha=$(sha256sum "$shared/k8s/$archive_name" | awk '{print $1}')
  [ "$actual_sha" = "$expected_sha" ] || die "checksum mismatch for $archive_name: $actual_sha != $expected_sha"
  # Unpack beside the target and rename, so an interrupted run never leaves a half-written binary that
  # the marker check above would later trust.
  tmp=$(mktemp -d "$bin_dir/.unpack.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  zstd -q -dc "$shared/k8s/$archive_name" | tar -x -C "$tmp"
  [ -f "$tmp/kube-apiserver" ] || die "$archive_name holds no kube-apiserver"
  chmod 755 "$tmp/kube-apiserver"
  mv -f "$tmp/kube-apiserver" "$bin_dir/kube-apiserver"
  printf '%s\n' "$expected_sha" > "$marker"
  rm -rf "$tmp"
  trap - EXIT
  log "kube-apiserver v$k8s_version unpacked into $bin_dir"
fi

# Writes $2 to file $1 only when its content differs, so reruns leave the file untouched.
write_if_changed() {
  local target=$1 content=$2
  if [ -f "$target" ] && [ "$(cat "$target")" = "$content" ] && [ -x "$target" ]; then return 0; fi
  rm -f "$target"
  printf '%s\n' "$content" > "$target"
  chmod 755 "$target"
  log "wrote $target"
}

# kube-api-test starts etcd with 0.0.0.0 and localhost URLs; nothing of ours may listen beyond loopback.
write_if_changed "$bin_dir/etcd" '#!/usr/bin/env bash
# Written by scripts/setup-test-env.sh: pins every etcd listen/advertise URL kube-api-test passes to 127.0.0.1.
args=()
for a in "$@"; do
  a=${a//0.0.0.0/127.0.0.1}
  a=${a//localhost/127.0.0.1}
  args+=("$a")
done
exec /usr/bin/etcd "${args[@]}"'

if [ -x /usr/bin/kubectl ]; then
  if [ "$(readlink "$bin_dir/kubectl" 2>/dev/null)" != /usr/bin/kubectl ]; then
    rm -f "$bin_dir/kubectl"
    ln -s /usr/bin/kubectl "$bin_dir/kubectl"
    log "linked $bin_dir/kubectl -> /usr/bin/kubectl"
  fi
else
  # Without Debian's kubectl: answer kube-api-test's readiness probe (`get ns default` with client certs)
  # through curl, and accept the kubeconfig edits it never makes here (the tests turn them off).
  write_if_changed "$bin_dir/kubectl" '#!/usr/bin/env bash
# Written by scripts/setup-test-env.sh as a stand-in for kubectl (kubernetes-client was not installable).
cert= key= ca= server= verb= what= name=
for a in "$@"; do
  case "$a" in
    --client-certificate=*) cert=${a#*=} ;;
    --client-key=*) key=${a#*=} ;;
    --certificate-authority=*) ca=${a#*=} ;;
    --server=*) server=${a#*=} ;;
    --*) ;;
    *) if [ -z "$verb" ]; then verb=$a; elif [ -z "$what" ]; then what=$a; else name=$a; fi ;;
  esac
done
case "$verb $what" in
  "get ns"|"get namespace"|"get namespaces")
    command -v curl >/dev/null || exit 0
    exec curl -sf -o /dev/null --max-time 5 --cert "$cert" --key "$key" --cacert "$ca" "$server/api/v1/namespaces/$name" ;;
  *) exit 0 ;;
esac'
fi

log "ready: $bin_dir"
