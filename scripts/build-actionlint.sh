#!/usr/bin/env bash
# Builds actionlint (the GitHub Actions workflow linter; ActionlintTest runs it on .github/workflows/) from the Go
# module proxy at a pinned version, once per machine: into the machine-wide cache the control plane uses, keyed by
# the version and the Go version, and <repo>/.cache/actionlint links to it. Test tooling only. About 20 s the
# first time; a rerun links the cached build. Without Go or the module proxy it fails, and setup-test-env.sh
# reports ActionlintTest as to be skipped.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
version=v1.7.12
cache_root=${DISCOURSE_OPERATOR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/discourse-operator}
link="$repo/.cache/actionlint"

# v1.7.12 builds with the machine's Go 1.26. A pin whose go.mod needs Go 1.27 must set GOTOOLCHAIN=go1.27.3 here
# (the one newer toolchain the module proxy serves to these machines); until then nothing is downloaded for Go.
export GOTOOLCHAIN=local
export GOFLAGS="-trimpath -buildvcs=false"
export CGO_ENABLED=0

log() { printf 'build-actionlint: %s\n' "$*"; }
die() { printf 'build-actionlint: ERROR: %s\n' "$*" >&2; exit 1; }

command -v go >/dev/null 2>&1 || die "no Go toolchain on PATH"
out="$cache_root/actionlint/${version}-$(go env GOVERSION)"

if [ -x "$out/actionlint" ]; then
  log "cached: $out/actionlint"
else
  log "building github.com/rhysd/actionlint/cmd/actionlint@$version into $out"
  tmp="$out.partial.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  trap 'rm -rf "$tmp"' EXIT
  GOBIN="$tmp" go install "github.com/rhysd/actionlint/cmd/actionlint@$version"
  "$tmp/actionlint" -version | grep -qx "$version" || die "the built actionlint does not report $version"
  rm -rf "$out"
  mv "$tmp" "$out"
  trap - EXIT
fi

mkdir -p "$repo/.cache"
if [ "$(readlink "$link" 2>/dev/null)" != "$out/actionlint" ]; then
  ln -sfn "$out/actionlint" "$link"
  log "linked $link -> $out/actionlint"
fi
