#!/usr/bin/env bash
# Regenerates the committed files derived from the build and the samples:
#   kubernetes/crds/*.yaml      the CRDs generated from the API classes (target/kubernetes/*-v1.yml)
#   kubernetes/install.yaml     the Helm chart rendered with its default values, plus its namespace
#   kubernetes/helm/discourse-operator/   the Helm chart itself (target/helm/kubernetes/discourse-operator), so
#                               that `helm install` needs no build; compared up to the order of sibling keys
#   src/main/java/dev/operator/discourse/bundle/AlmExamples.java   kubernetes/samples/ as the CSV's alm-examples
#   src/main/helm/templates/_operator-dashboard.tpl   grafana/discourse-operator.json as the chart's optional ConfigMap
# Extra arguments go to Maven. Run it after changing an API class, a reconciler's RBAC, application.properties' chart settings,
# src/main/helm/ or a sample, and commit what it changes. ManifestsInSyncTest fails until you do.
# The OLM bundle is not committed: `mvn package` writes it to target/bundle.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

sync() {
  mvn -B -ntp -q verify -Dtest=ManifestsInSyncTest -Dsurefire.failIfNoSpecifiedTests=false -DskipITs \
    -Dmanifests.update=true "$@"
}

alm=src/main/java/dev/operator/discourse/bundle/AlmExamples.java
dashboard=src/main/helm/templates/_operator-dashboard.tpl
inputs() { sha256sum "$alm" "$dashboard" 2>/dev/null || true; }
before=$(inputs)
sync "$@"
# AlmExamples.java is compiled into the bundle and the dashboard template is copied into the chart: when the
# samples or the dashboard changed them, build once more so the check (target/bundle, target/helm and the
# committed chart made from it) sees the new content.
if [ "$(inputs)" != "$before" ]; then
  sync "$@"
fi
git status --short -- kubernetes/crds kubernetes/install.yaml kubernetes/helm "$alm" "$dashboard" || true
echo "sync-manifests: done"
