#!/usr/bin/env bash
# Installs the PromQL/LogQL parsers the observability-content tests run under node.
#
# The versions are pinned by src/test/node/package-lock.json and installed with `npm ci`, so every
# developer and CI parse the queries with the same grammar. They go to <repo>/.cache/node-tools
# (git-ignored) rather than src/test/node/node_modules so that nothing generated lands next to
# committed sources. Safe to run repeatedly: when the installed lock file matches the committed one,
# it does nothing.
#
# Usage: bash scripts/setup-node-tools.sh        (from anywhere; prints the tools directory)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
spec_dir="$repo_root/src/test/node"
tools_dir="$repo_root/.cache/node-tools"

for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "setup-node-tools: '$tool' is not on PATH; install Node.js >= 18 (e.g. apt-get install nodejs npm)" >&2
    exit 1
  fi
done

node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 18 ]; then
  echo "setup-node-tools: node $(node --version) is too old; the validator needs >= 18" >&2
  exit 1
fi

stamp="$tools_dir/.installed-lock.json"
if [ -f "$stamp" ] && cmp -s "$stamp" "$spec_dir/package-lock.json" \
   && [ -d "$tools_dir/node_modules/@prometheus-io/lezer-promql" ] \
   && [ -d "$tools_dir/node_modules/@grafana/lezer-logql" ]; then
  echo "$tools_dir"
  exit 0
fi

mkdir -p "$tools_dir"
cp "$spec_dir/package.json" "$spec_dir/package-lock.json" "$tools_dir/"
# --ignore-scripts: the parsers are plain JS; nothing needs an install hook.
npm ci --prefix "$tools_dir" --ignore-scripts --no-audit --no-fund --loglevel=error >&2
cp "$spec_dir/package-lock.json" "$stamp"
echo "$tools_dir"
