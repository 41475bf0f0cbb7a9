#!/usr/bin/env bash
# Builds the test control plane from pinned Go modules, once per machine: kube-apiserver, kube-controller-manager,
# kube-scheduler and kubectl (src/test/controlplane/kubernetes), etcd (.../etcd) and kwok (.../kwok). Each module's
# go.mod and go.sum pin every dependency; the binaries go into a machine-wide cache keyed by a hash of those
# files and the Go version, and <repo>/.cache/control-plane links to the build in use. Test tooling only: the
# product has no Go code.
#
# First build on 2 cores: about 20 minutes with an empty Go module and build cache (docs/tests.md). A rerun
# with the same pins links the cached build and takes well under a second.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
modules="$repo/src/test/controlplane"
cache_root=${DISCOURSE_OPERATOR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/discourse-operator}
link="$repo/.cache/control-plane"

# Every module here declares `go 1.26.0`, which the machine's Go 1.26 builds. A pin that needs Go 1.27 must set
# GOTOOLCHAIN=go1.27.3 here (the one newer toolchain the module proxy serves to these machines); until then the
# machine's own Go is used and nothing is downloaded for it.
export GOTOOLCHAIN=local
export GOFLAGS="-mod=readonly -trimpath"
export CGO_ENABLED=0

log() { printf 'build-control-plane: %s\n' "$*"; }
die() { printf 'build-control-plane: ERROR: %s\n' "$*" >&2; exit 1; }

command -v go >/dev/null 2>&1 || die "no Go toolchain on PATH (Go >= 1.26 builds the test control plane)"

version_of() { # module dir, module path -> its pinned version
  (cd "$modules/$1" && go list -m -f '{{.Version}}' "$2")
}

key=$( { go env GOVERSION; cat "$modules"/*/go.mod "$modules"/*/go.sum "$0"; } | sha256sum | cut -c1-12)
k8s_version=$(version_of kubernetes k8s.io/kubernetes)
etcd_version=$(version_of etcd go.etcd.io/etcd/server/v3)
kwok_version=$(version_of kwok sigs.k8s.io/kwok)
out="$cache_root/control-plane/k8s-${k8s_version}-etcd-${etcd_version}-kwok-${kwok_version}-${key}"

if [ -f "$out/.complete" ]; then
  log "cached: $out"
else
  log "building kube-apiserver, kube-controller-manager, kube-scheduler, kubectl $k8s_version, etcd $etcd_version," \
      "kwok $kwok_version into $out (first build on 2 cores: about 20 minutes)"
  started=$(date +%s)
  tmp="$out.partial.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  trap 'rm -rf "$tmp"' EXIT
  # The version the binaries report (and the tests log), as the Kubernetes release build stamps it.
  k8s_ldflags="-s -w -X k8s.io/component-base/version.gitVersion=$k8s_version -X k8s.io/component-base/version.gitMajor=$(cut -d. -f1 <<<"${k8s_version#v}") -X k8s.io/component-base/version.gitMinor=$(cut -d. -f2 <<<"${k8s_version#v}") -X k8s.io/component-base/version.gitTreeState=clean"
  (cd "$modules/kubernetes" && go build -ldflags "$k8s_ldflags" -o "$tmp/" \
      k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
      k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl)
  (cd "$modules/etcd" && go build -ldflags "-s -w" -o "$tmp/etcd" go.etcd.io/etcd/server/v3)
  (cd "$modules/kwok" && go build -ldflags "-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=$kwok_version" \
      -o "$tmp/kwok" sigs.k8s.io/kwok/cmd/kwok)
  for b in kube-apiserver kube-controller-manager kube-scheduler kubectl etcd kwok; do
    [ -x "$tmp/$b" ] || die "$b was not built"
  done
  {
    echo "kubernetes=$k8s_version"
    echo "etcd=$etcd_version"
    echo "kwok=$kwok_version"
    echo "go=$(go env GOVERSION)"
    echo "build_seconds=$(( $(date +%s) - started ))"
  } > "$tmp/VERSIONS"
  touch "$tmp/.complete"
  rm -rf "$out"
  mv "$tmp" "$out"
  trap - EXIT
  log "built in $(( $(date +%s) - started )) s: $out"
fi

mkdir -p "$repo/.cache"
if [ "$(readlink "$link" 2>/dev/null)" != "$out" ]; then
  ln -sfn "$out" "$link"
  log "linked $link -> $out"
fi
