#!/usr/bin/env bash
# The benchmark of issue #7: the packaged operator (target/packaged-operator/quarkus-run.jar) as its own process,
# against a local kube-apiserver, PostgreSQL 15 and Redis 7, all on loopback. Writes benchmark/results/latest.md
# (the tables) and latest-*.csv (the raw numbers). Not part of `mvn verify`: it takes minutes and its numbers
# depend on the machine.
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
[ -x .cache/kube-api-test/k8s/1.20.2-linux-amd64/kube-apiserver ] \
  || { echo "benchmark: no kube-apiserver binaries (see scripts/setup-test-env.sh)" >&2; exit 1; }

# kube-api-test gives the API server 10.0.0.0/24 for Service IPs, after any flag we pass, and each instance has
# a ClusterIP Service: 500 instances need more. The benchmark gets its own kube-api-test folder whose
# kube-apiserver is a wrapper widening the range to a /16; the test suite's folder stays as it is.
tests_bin=.cache/kube-api-test/k8s/1.20.2-linux-amd64
bench_dir=$PWD/.cache/kube-api-test-bench
bench_bin=$bench_dir/k8s/1.20.2-linux-amd64
mkdir -p "$bench_bin"
ln -sfn "$PWD/$tests_bin/etcd" "$bench_bin/etcd"
ln -sfn "$(readlink -f "$tests_bin/kubectl")" "$bench_bin/kubectl"
cat > "$bench_bin/kube-apiserver" <<WRAPPER
#!/usr/bin/env bash
# Written by scripts/benchmark.sh: room for more than 254 ClusterIP Services.
args=()
for a in "\$@"; do
  [ "\$a" = 10.0.0.0/24 ] && a=10.0.0.0/16
  args+=("\$a")
done
exec "$PWD/$tests_bin/kube-apiserver" "\${args[@]}"
WRAPPER
chmod 755 "$bench_bin/kube-apiserver"

cp=$(bash scripts/test-classpath.sh)
exec java -Xmx1g -cp "$cp" \
  -Ddev.operator.discourse.testsupport.kubeapi.dir="$bench_dir" \
  -Dbench.latency="${BENCH_LATENCY:-200}" \
  -Dbench.sizes="${BENCH_SIZES:-10,100,500}" \
  -Dbench.idleSeconds="${BENCH_IDLE_SECONDS:-60}" \
  -Dbench.out="${BENCH_OUT:-benchmark/results}" \
  dev.operator.discourse.bench.BenchmarkMain
