#!/usr/bin/env bash
# The benchmark of issue #7: the packaged operator (target/packaged-operator/quarkus-run.jar) as its own process,
# against the test control plane (kube-apiserver, the controllers, kwok's simulated nodes), PostgreSQL 15 and
# Redis 7, all on loopback. First, before the operator starts, the floor: the same objects made by a plain client
# through the same controllers (BENCH_FLOOR_LATENCY forums one at a time, default BENCH_LATENCY, and each of
# BENCH_SIZES). Writes benchmark/results/latest.md (the tables) and latest-*.csv (the raw numbers). Not part of
# `mvn verify`: it takes minutes and its numbers depend on the machine.
#
#   scripts/benchmark.sh                       # the full run: 200 instances for latency, N = 10, 100, 500
#   BENCH_LATENCY=20 BENCH_SIZES=10,20 BENCH_IDLE_SECONDS=10 scripts/benchmark.sh   # a quick try
#
# The jar is rebuilt when it is missing or older than src/main or pom.xml (BENCH_REBUILD=1 forces it). It is the
# copy the build keeps in target/packaged-operator: after a test run, target/quarkus-app holds a test build.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=target/packaged-operator/quarkus-run.jar
if [ ! -f "$jar" ] || [ "${BENCH_REBUILD:-0}" = 1 ] || [ -n "$(find src/main pom.xml -newer "$jar" -print -quit)" ]; then
  echo "benchmark: building the operator jar"
  mvn -B -ntp -q package -DskipTests
fi
bash scripts/setup-test-env.sh
[ -e .cache/control-plane/.complete ] \
  || { echo "benchmark: no test control plane (see scripts/build-control-plane.sh)" >&2; exit 1; }

cp=$(bash scripts/test-classpath.sh)
exec java -Xmx1g -cp "$cp" \
  -Dbench.latency="${BENCH_LATENCY:-200}" \
  -Dbench.floorLatency="${BENCH_FLOOR_LATENCY:-${BENCH_LATENCY:-200}}" \
  -Dbench.sizes="${BENCH_SIZES:-10,100,500}" \
  -Dbench.operatorJvm="${BENCH_OPERATOR_JVM--XX:MaxRAM=512m -XX:MaxRAMPercentage=80}" \
  -Dbench.idleSeconds="${BENCH_IDLE_SECONDS:-60}" \
  -Dbench.out="${BENCH_OUT:-benchmark/results}" \
  dev.operator.discourse.bench.BenchmarkMain
