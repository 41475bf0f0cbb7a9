package dev.operator.discourse.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.ConnectionSecretRef;
import dev.operator.discourse.api.v1alpha1.DatabaseRelationSpec;
import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.IngressRelationSpec;
import dev.operator.discourse.api.v1alpha1.IngressTlsSpec;
import dev.operator.discourse.api.v1alpha1.InstanceRef;
import dev.operator.discourse.api.v1alpha1.ObservabilityRelation;
import dev.operator.discourse.api.v1alpha1.ObservabilityRelationSpec;
import dev.operator.discourse.api.v1alpha1.PrometheusSpec;
import dev.operator.discourse.api.v1alpha1.RedisRelationSpec;
import dev.operator.discourse.api.v1alpha1.SecretKeyRef;
import dev.operator.discourse.api.v1alpha1.ThrottleLevel;
import dev.operator.discourse.instance.DesiredStatefulSet;
import dev.operator.discourse.instance.InstanceEnv;
import dev.operator.discourse.instance.TestInstances;
import dev.operator.discourse.instance.migration.MigrationJobs;
import dev.operator.discourse.instance.migration.MigrationStep;
import dev.operator.discourse.relation.database.DatabaseEnv;
import dev.operator.discourse.relation.ingress.HttpsEnv;
import dev.operator.discourse.relation.observability.ObservabilityPlan;
import dev.operator.discourse.relation.observability.ObservabilityWorkload;
import dev.operator.discourse.relation.redis.RedisEnv;
import dev.operator.discourse.usertask.Command;
import dev.operator.discourse.usertask.UserTaskCommands;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/**
 * The env and commands the operator can give the Discourse container, derived from a matrix of specs that turns
 * every setting and every relation on, against image/discourse/CONTRACT.md: each name needs a row there naming
 * what reads it in Discourse and where, and each row must still be produced by some spec.
 */
class ContractTest {

    static final Path CONTRACT = Path.of("image/discourse/CONTRACT.md");

    @Test
    void everyEnvNameTheOperatorCanSetIsInTheContractAndEveryEntryIsStillSet() throws IOException {
        Map<String, String[]> contract = rows("env");
        Set<String> derived = derivedEnv();
        assertThat(contract.keySet()).as("names without a CONTRACT.md row (add one, with its source)")
                .containsAll(derived);
        assertThat(derived).as("CONTRACT.md rows no spec produces (remove them)").containsAll(contract.keySet());
        contract.forEach((name, row) -> {
            assertThat(row).as("%s: name, set by, what reads it, source", name).hasSize(4);
            assertThat(row[2]).as("%s: what reads it", name).isNotBlank();
            assertThat(row[3]).as("%s: where that was read", name).isNotBlank();
        });
    }

    @Test
    void everyCommandTheOperatorRunsIsInTheContract() throws IOException {
        Map<String, String[]> contract = rows("commands");
        Set<String> derived = derivedCommands();
        assertThat(contract.keySet()).containsAll(derived);
        assertThat(derived).containsAll(contract.keySet());
        contract.forEach((command, row) -> assertThat(row[3]).as("%s: source", command).isNotBlank());
    }

    @Test
    void removedNamesStayRemoved() {
        assertThat(derivedEnv()).doesNotContain("DISCOURSE_USE_S3", "FORCE_S3_UPLOADS", "DISCOURSE_SAML_FULL_SCREEN_LOGIN",
                "DISCOURSE_DB_SSLMODE", "DISCOURSE_MAX_ADMIN_API_REQS_PER_KEY_PER_MINUTE");
    }

    static Set<String> derivedEnv() {
        Set<String> names = new TreeSet<>();
        List<DiscourseInstance> instances = new ArrayList<>(List.of(TestInstances.minimal("forum"), TestInstances.full("forum")));
        for (ThrottleLevel level : ThrottleLevel.values()) {
            DiscourseInstance instance = TestInstances.full("forum");
            instance.getSpec().setThrottleLevel(level);
            instance.getSpec().getProxy().setHttpsProxy("http://proxy:3128");
            instances.add(instance);
        }
        for (DiscourseInstance instance : instances) {
            for (boolean ingressTls : List.of(false, true)) {
                InstanceEnv.build(instance, ingressTls).forEach(e -> names.add(e.getName()));
            }
        }
        IngressRelationSpec ingress = new IngressRelationSpec();
        ingress.setTls(new IngressTlsSpec());
        HttpsEnv.env(ingress, TestInstances.minimal("forum")).forEach(e -> names.add(e.getName()));

        DatabaseRelationSpec db = new DatabaseRelationSpec();
        db.setSecretRef(new ConnectionSecretRef("db"));
        db.setPgBouncer(true);
        db.setCaSecretRef(new SecretKeyRef("db-ca", "ca.crt"));
        DatabaseEnv.env(db, true).forEach(e -> names.add(e.getName()));

        RedisRelationSpec redis = new RedisRelationSpec();
        redis.setPasswordSecretRef(new SecretKeyRef("redis", "password"));
        RedisEnv.env(redis, "redis").forEach(e -> names.add(e.getName()));

        ObservabilityRelation observability = new ObservabilityRelation();
        observability.setMetadata(new ObjectMetaBuilder().withName("obs").withNamespace("forums").build());
        ObservabilityRelationSpec spec = new ObservabilityRelationSpec();
        spec.setInstanceRef(new InstanceRef("forum"));
        PrometheusSpec prometheus = new PrometheusSpec();
        prometheus.setTrustedIpAllowlistRegex("^100\\.64\\.");
        spec.setPrometheus(prometheus);
        observability.setSpec(spec);
        StatefulSet intent = ObservabilityWorkload.intent(observability, new ObservabilityPlan(
                ObservabilityPlan.Scrape.ANNOTATIONS, true, ObservabilityPlan.Dashboards.CONFIG_MAP, true, List.of(), false));
        intent.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().forEach(e -> names.add(e.getName()));

        for (MigrationStep step : MigrationStep.values()) {
            migrationJob(step).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                    .map(EnvVar::getName).forEach(names::add);
        }
        userTasks().forEach(c -> names.addAll(c.env().keySet()));
        return names;
    }

    static Set<String> derivedCommands() throws IOException {
        Set<String> commands = new TreeSet<>();
        String cmd = Dockerfile.parse(Path.of("image/discourse/Dockerfile")).last("CMD");
        commands.add(String.join(" ", cmd.replaceAll("[\\[\\]\"]", "").split(",\\s*")));
        for (MigrationStep step : MigrationStep.values()) {
            String script = migrationJob(step).getSpec().getTemplate().getSpec().getContainers().get(0).getCommand().get(2);
            for (String part : script.split(";\\s*")) {
                String command = part.replaceAll("\\s*>\\s*/dev/termination-log$", "").strip();
                if (!command.equals("set -e")) {
                    commands.add(command);
                }
            }
        }
        // a separate Sidekiq with the spec's defaults, and its liveness probe
        DiscourseInstance separate = TestInstances.minimal("forum");
        separate.getSpec().getSidekiq().setMode(dev.operator.discourse.api.v1alpha1.SidekiqMode.SEPARATE);
        separate.getSpec().getS3().setEnabled(true);
        var sidekiq = dev.operator.discourse.instance.DesiredSidekiqStatefulSet.build(separate, 1, "img", false, null)
                .getSpec().getTemplate().getSpec().getContainers().get(0);
        commands.add(String.join(" ", sidekiq.getArgs()));
        commands.add(String.join(" ", sidekiq.getLivenessProbe().getExec().getCommand()));
        // a backup with and without the uploads, and its report
        for (boolean withUploads : new boolean[] { true, false }) {
            var backup = new dev.operator.discourse.api.v1alpha1.DiscourseBackup();
            backup.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("b").withNamespace("ns")
                    .withUid("u").build());
            backup.setSpec(new dev.operator.discourse.api.v1alpha1.DiscourseBackupSpec());
            backup.getSpec().setInstanceRef(new dev.operator.discourse.api.v1alpha1.InstanceRef("forum"));
            backup.getSpec().setWithUploads(withUploads);
            var live = DesiredStatefulSet.build(TestInstances.full("forum"), 1);
            String script = dev.operator.discourse.backup.BackupJob.build(backup, live).getSpec().getTemplate().getSpec()
                    .getContainers().get(0).getCommand().get(2);
            script.lines().map(l -> l.replaceAll("\\s*>\\s*\"\\$\\{BACKUP_RESULT[^}]*}\"$", "").strip())
                    .filter(l -> !l.startsWith("set -")).forEach(commands::add);
        }
        // a restore's check, Discourse's restore (with and without disabled emails) and its migrations
        for (boolean disableEmails : new boolean[] { true, false }) {
            for (dev.operator.discourse.restore.RestoreStep step : dev.operator.discourse.restore.RestoreStep.values()) {
                var restore = new dev.operator.discourse.api.v1alpha1.DiscourseRestore();
                restore.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("r")
                        .withNamespace("ns").withUid("u").build());
                restore.setSpec(new dev.operator.discourse.api.v1alpha1.DiscourseRestoreSpec());
                restore.getSpec().setInstanceRef(new dev.operator.discourse.api.v1alpha1.InstanceRef("forum"));
                restore.getSpec().setDisableEmails(disableEmails);
                var live = DesiredStatefulSet.build(TestInstances.full("forum"), 1);
                String script = dev.operator.discourse.restore.RestoreJobs.build(restore, live, step, "a.tar.gz", "local")
                        .getSpec().getTemplate().getSpec().getContainers().get(0).getCommand().get(2);
                script.lines().map(String::strip)
                        .filter(l -> l.startsWith("bin/") || l.startsWith("SKIP_POST_DEPLOYMENT_MIGRATIONS="))
                        .map(l -> l.replaceAll("\\s*(>|\\|\\|).*$", "").strip()).forEach(commands::add);
            }
        }
        // a schedule's prune Job, deleting one archive
        var old = new dev.operator.discourse.api.v1alpha1.DiscourseBackup();
        old.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("b").withNamespace("ns")
                .withUid("u").build());
        old.setSpec(new dev.operator.discourse.api.v1alpha1.DiscourseBackupSpec());
        old.getSpec().setInstanceRef(new dev.operator.discourse.api.v1alpha1.InstanceRef("forum"));
        old.setStatus(new dev.operator.discourse.api.v1alpha1.DiscourseBackupStatus());
        old.getStatus().setArchive("b-u-v1.tar.gz");
        old.getStatus().setLocation("local");
        String prune = dev.operator.discourse.backup.schedule.PruneJob.build(old, DesiredStatefulSet.build(
                TestInstances.full("forum"), 1)).getSpec().getTemplate().getSpec().getContainers().get(0).getCommand().get(2);
        prune.lines().map(String::strip).filter(l -> !l.startsWith("set -")).forEach(commands::add);
        Command exists = UserTaskCommands.userExists("x");
        Command confirm = UserTaskCommands.confirmEmail("x");
        for (Command task : userTasks()) {
            List<String> argv = new ArrayList<>(task.argv());
            if (argv.get(0).equals("ruby")) {
                argv.set(2, "<driver>");
            } else if (argv.equals(exists.argv())) {
                argv.set(2, "<exists snippet>");
            } else if (argv.equals(confirm.argv())) {
                argv.set(2, "<confirm snippet>");
            }
            commands.add(String.join(" ", argv).replace("users:anonymize[ann]", "users:anonymize[<username>]"));
        }
        return commands;
    }

    private static io.fabric8.kubernetes.api.model.batch.v1.Job migrationJob(MigrationStep step) {
        DiscourseInstance instance = TestInstances.full("forum");
        return MigrationJobs.build(instance, DesiredStatefulSet.build(instance, 1), step, "image:1", Optional.of("s3"));
    }

    private static List<Command> userTasks() {
        return List.of(UserTaskCommands.userExists("ann@example.com"), UserTaskCommands.confirmEmail("ann@example.com"),
                UserTaskCommands.createUser("ann@example.com", "pw", true), UserTaskCommands.promoteUser("ann@example.com"),
                UserTaskCommands.anonymizeUser("ann"));
    }

    /** The table between {@code <!-- section -->} markers, by its first column's backticked value. */
    static Map<String, String[]> rows(String section) throws IOException {
        String text = Files.readString(CONTRACT);
        int start = text.indexOf("<!-- " + section + " -->");
        int end = text.indexOf("<!-- /" + section + " -->");
        assertThat(start).as("CONTRACT.md has a <!-- %s --> table", section).isNotNegative();
        Map<String, String[]> rows = new java.util.LinkedHashMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `([^`]+)` \\|(.*)\\|$").matcher(text.substring(start, end));
        while (row.find()) {
            String[] cells = row.group(2).split("(?<!\\\\)\\|");
            String[] all = new String[cells.length + 1];
            all[0] = row.group(1);
            for (int i = 0; i < cells.length; i++) {
                all[i + 1] = cells[i].strip();
            }
            assertThat(rows.put(row.group(1), all)).as("%s listed twice", row.group(1)).isNull();
        }
        return rows;
    }
}
