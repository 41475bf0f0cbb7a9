#!/usr/bin/env bash
# Regenerates the committed files derived from the build and the samples:
#   kubernetes/crds/*.yaml      the CRDs generated from the API classes (target/kubernetes/*-v1.yml)
#   kubernetes/install.yaml     the Helm chart rendered with its default values, plus its namespace
#   src/main/java/dev/operator/discourse/bundle/AlmExamples.java   kubernetes/samples/ as the CSV's alm-examples
#   src/main/helm/templates/_operator-dashboard.tpl   grafana/discourse-operator.json as the chart's optional ConfigMap
# Extra arguments go to Maven. Run it after changing an API class, a reconciler's RBAC, application.properties' chart settings,
# src/main/helm/ or a sample, and commit what it changes. ManifestsInSyncTest fails until you do.
# The Helm chart and the OLM bundle are not committed: `mvn package` writes them to target/helm and target/bundle.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

sync() {
  mvn -B -ntp -q verify -Dtest=ManifestsInSyncTest -Dsurefire.failIfNoSpecifiedTests=false -DskipITs \
    -Dmanifests.update=true "$@"
}

alm=src/main/java/dev/operator/discourse/bundle/AlmExamples.java
before=$(sha256sum "$alm" 2>/dev/null || true)
sync "$@"
# AlmExamples.java is compiled into the bundle: when the samples changed it, build once more so the check
# (and target/bundle) see the new examples.
if [ "$(sha256sum "$alm")" != "$before" ]; then
  sync "$@"
fi
git status --short -- kubernetes/crds kubernetes/install.yaml "$alm" src/main/helm/templates/_operator-dashboard.tpl || true
echo "sync-manifests: done"
