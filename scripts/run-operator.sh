#!/usr/bin/env bash
# Builds the operator and runs it: against the current kubeconfig when a cluster answers, otherwise against a
# local kube-apiserver (the test assets) with the CRDs and kubernetes/samples applied. Ctrl-C stops both.
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
  echo "run-operator: install the CRDs first: kubectl apply -f kubernetes/crds/ (README, Install)"
  exec java -jar "$jar"
fi

echo "run-operator: no cluster answers; starting a local API server from the test assets"
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
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  [ -s "$kubeconfig" ] && break
  kill -0 "$server" 2>/dev/null || { echo "run-operator: the local API server did not start" >&2; exit 1; }
  sleep 1
done
[ -s "$kubeconfig" ] || { echo "run-operator: timed out waiting for the local API server" >&2; exit 1; }
echo "run-operator: KUBECONFIG=$kubeconfig kubectl get dsc   # in another shell"
java -Dkubeconfig="$kubeconfig" -jar "$jar"
