#!/usr/bin/env bash
# The benchmark of issue #7: the packaged operator (target/quarkus-app/quarkus-run.jar) as its own process,
# against a local kube-apiserver, PostgreSQL 15 and Redis 7, all on loopback. Writes benchmark/results/latest.md
# (the tables) and latest-*.csv (the raw numbers). Not part of `mvn verify`: it takes minutes and its numbers
# depend on the machine.
#
#   scripts/benchmark.sh                       # the full run: 200 instances for latency, N = 10, 100, 500
#   BENCH_LATENCY=20 BENCH_SIZES=10,20 BENCH_IDLE_SECONDS=10 scripts/benchmark.sh   # a quick try
#
# Set BENCH_REBUILD=1 to rebuild the jar even when one exists (by default an existing jar is used as is, so
# rebuild after changing src/main).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ "${BENCH_REBUILD:-0}" = 1 ]; then
  echo "benchmark: building the operator jar"
  mvn -B -ntp -q package -DskipTests
fi
bash scripts/setup-test-env.sh
[ -x .cache/kube-api-test/k8s/1.20.2-linux-amd64/kube-apiserver ] \
  || { echo "benchmark: no kube-apiserver binaries (see scripts/setup-test-env.sh)" >&2; exit 1; }
cp=$(bash scripts/test-classpath.sh)
exec java -Xmx1g -cp "$cp" \
  -Dbench.latency="${BENCH_LATENCY:-200}" \
  -Dbench.sizes="${BENCH_SIZES:-10,100,500}" \
  -Dbench.idleSeconds="${BENCH_IDLE_SECONDS:-60}" \
  -Dbench.out="${BENCH_OUT:-benchmark/results}" \
  dev.operator.discourse.bench.BenchmarkMain
