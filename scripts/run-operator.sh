#!/usr/bin/env bash
# Builds the operator and runs it: against the current kubeconfig when a cluster answers, otherwise as a demo on a
# local control plane (kube-apiserver, the controllers, kwok's simulated nodes; scripts/build-control-plane.sh)
# with a real PostgreSQL and Redis on loopback and kubernetes/samples applied, pointed at them. Ctrl-C stops all
# it started.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -ntp -DskipTests package
jar=target/quarkus-app/quarkus-run.jar

cluster_answers() {
  command -v kubectl >/dev/null 2>&1 || return 1
  kubectl --request-timeout=5s get --raw /version >/dev/null 2>&1
}

if [ "${LOCAL_API_SERVER:-}" != "1" ] && cluster_answers; then
  echo "run-operator: using the cluster of the current kubeconfig ($(kubectl config current-context 2>/dev/null || echo '?'))"
  echo "run-operator: install the CRDs first: kubectl apply -f kubernetes/crds/ (docs/install.md)"
  exec java -jar "$jar"
fi

echo "run-operator: no cluster answers; starting the local demo (the first run builds the control plane)"
bash scripts/setup-test-env.sh
mvn -B -q -ntp test-compile
cp_file=target/run-classpath.txt
mvn -B -q -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
kubeconfig="$PWD/.cache/local-kubeconfig.yaml"
rm -f "$kubeconfig"
java -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "target/test-classes:target/classes:$(cat "$cp_file")" \
  dev.operator.discourse.testsupport.LocalApiServerMain "$kubeconfig" &
server=$!
operator=
# Background commands of a script ignore SIGINT, so Ctrl-C reaches only this shell: it stops them itself, the
# operator first (while the API server still answers), then the local control plane and servers.
stop_all() {
  trap - EXIT INT TERM
  [ -n "$operator" ] && kill "$operator" 2>/dev/null && wait "$operator" 2>/dev/null || true
  kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  echo "run-operator: stopped the operator and the local demo"
}
trap stop_all EXIT INT TERM
for _ in $(seq 1 300); do
  [ -s "$kubeconfig" ] && break
  kill -0 "$server" 2>/dev/null || { echo "run-operator: the local control plane did not start" >&2; exit 1; }
  sleep 1
done
[ -s "$kubeconfig" ] || { echo "run-operator: timed out waiting for the local control plane" >&2; exit 1; }
echo "run-operator: starting the operator; in another shell: KUBECONFIG=$kubeconfig .cache/control-plane/kubectl get dsc -w"
java -Dkubeconfig="$kubeconfig" -jar "$jar" &
operator=$!
wait "$operator"
