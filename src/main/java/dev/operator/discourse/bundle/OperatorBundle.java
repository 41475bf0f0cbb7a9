package dev.operator.discourse.bundle;

import io.quarkiverse.operatorsdk.annotations.CSVMetadata;
import io.quarkiverse.operatorsdk.annotations.CSVMetadata.Annotations;
import io.quarkiverse.operatorsdk.annotations.CSVMetadata.InstallMode;
import io.quarkiverse.operatorsdk.annotations.CSVMetadata.Link;
import io.quarkiverse.operatorsdk.annotations.CSVMetadata.Provider;
import io.quarkiverse.operatorsdk.annotations.SharedCSVMetadata;

/**
 * The OLM bundle's ClusterServiceVersion metadata (target/bundle/discourse-operator), shared by every reconciler.
 * Each owned CRD's display name and description come from {@code @CSVMetadata} on its custom resource class;
 * permissions and the Deployment come from the same generated manifests as the Helm chart.
 */
@CSVMetadata(
        bundleName = OperatorBundle.NAME,
        displayName = "Discourse operator",
        description = """
                Runs Discourse forums on Kubernetes, the way the Juju charm for Discourse does: one DiscourseInstance \
                per forum (StatefulSet, Services, secret_key_base, uploads volume, migrations as Jobs before traffic), \
                relations to PostgreSQL, Redis and an ingress as their own resources with secrets only by reference, \
                DiscourseUserTasks for the charm's user actions and DiscourseBackups taken by Discourse's own backup, all \
                run as Jobs, with DiscourseBackupSchedules making and pruning backups on a cron schedule. Every status can be waited on with kubectl wait.""",
        keywords = { "discourse", "forum", "community" },
        maturity = "alpha",
        minKubeVersion = "1.29.0",
        provider = @Provider(name = "discourse-operator", url = "https://github.com/discourse-operator/discourse-operator"),
        links = @Link(name = "Source", url = "https://github.com/discourse-operator/discourse-operator"),
        // Every reconciler reads its namespaces from OLM's olm.targetNamespaces annotation, so every mode works.
        installModes = {
                @InstallMode(type = "OwnNamespace"),
                @InstallMode(type = "SingleNamespace"),
                @InstallMode(type = "MultiNamespace"),
                @InstallMode(type = "AllNamespaces")
        },
        annotations = @Annotations(
                containerImage = "ghcr.io/discourse-operator/discourse-operator:0.1.0-SNAPSHOT",
                repository = "https://github.com/discourse-operator/discourse-operator",
                capabilities = "Seamless Upgrades",
                categories = "Application Runtime",
                almExamples = AlmExamples.JSON))
public class OperatorBundle implements SharedCSVMetadata {

    public static final String NAME = "discourse-operator";
}
