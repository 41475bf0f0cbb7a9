package dev.operator.discourse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.DiscourseInstanceSpec;
import dev.operator.discourse.api.v1alpha1.DiscourseUserTask;
import dev.operator.discourse.api.v1alpha1.DiscourseUserTaskSpec;
import dev.operator.discourse.api.v1alpha1.DiscourseUserTaskStatus;
import dev.operator.discourse.api.v1alpha1.InstanceRef;
import dev.operator.discourse.api.v1alpha1.UserOperation;
import dev.operator.discourse.api.v1alpha1.UserTaskPhase;
import dev.operator.discourse.testsupport.Edits;
import dev.operator.discourse.testsupport.KubeApiServerResource;
import dev.operator.discourse.testsupport.OperatorEvents;
import dev.operator.discourse.testsupport.RequiresKubeApiServer;
import dev.operator.discourse.testsupport.SimulatedPods;
import dev.operator.discourse.testsupport.TestNamespace;
import dev.operator.discourse.usertask.UserTaskJob;
import dev.operator.discourse.usertask.UserTaskScript;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The user task reconciler against a real kube-apiserver and controller manager: the Job controller makes each
 * task's pod and kwok runs it; the test says how the script in it ended, in the script's own termination message
 * (the statuses of the steps it ran, then the last one's output). The script itself runs for real in
 * UserTaskScriptTest.
 */
@QuarkusTest
@RequiresKubeApiServer
@QuarkusTestResource(value = KubeApiServerResource.class, restrictToAnnotatedClass = false)
class UserTasksIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(40);
    private static final String EMAIL = "ann@example.com";
    /** Its pods run but never pass their readiness check. */
    private static final String NEVER_READY = DiscourseInstanceSpec.DEFAULT_IMAGE + SimulatedPods.NEVER_READY_SUFFIX;

    KubernetesClient client;
    TestNamespace namespace;
    String ns;

    @BeforeEach
    void namespace() {
        client = KubeApiServerResource.client();
        namespace = TestNamespace.withSucceedingJobs(client, "it-user-");
        ns = namespace.name;
    }

    @AfterEach
    void cleanup() {
        namespace.close();
    }

    @Test
    void createUserStoresThePasswordFirstRunsOnceInAJobAndIgnoresLaterEdits() throws Exception {
        instanceWithReadyPod("forum");
        task("ann", UserOperation.CREATE_USER, EMAIL, null);

        Job job = awaitJob("ann");
        Secret secret = client.secrets().inNamespace(ns).withName("ann-password").get();
        String password = decode(secret, "password");
        assertThat(password).matches("[A-Za-z0-9]{16}");
        assertThat(decode(secret, "email")).isEqualTo(EMAIL);
        // the password reaches the Job only by reference; the email and the answers are plain env
        var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getEnv()).filteredOn(e -> e.getName().equals(UserTaskScript.PASSWORD_ENV)).singleElement()
                .satisfies(e -> {
                    assertThat(e.getValue()).isNull();
                    assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("ann-password");
                    assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
                });
        assertThat(env(container.getEnv())).containsEntry("USER_TASK_EMAIL", EMAIL).containsEntry("USER_TASK_ADMIN", "false")
                .containsEntry("USER_TASK_MODE", "create");
        // the relations' env reached it, as it reached the forum
        assertThat(env(container.getEnv())).containsKey("DISCOURSE_REDIS_HOST");
        assertThat(container.getImage()).isEqualTo(DiscourseInstanceSpec.DEFAULT_IMAGE);
        assertThat(client.batch().v1().jobs().inNamespace(ns).withName(job.getMetadata().getName()).get().toString())
                .doesNotContain(password);
        assertThat(job.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getKind()).isEqualTo("DiscourseUserTask"));
        assertThat(get("ann").getStatus().getPhase()).isEqualTo(UserTaskPhase.RUNNING);

        // no user with the email (3), created (0), confirmed (0)
        SimulatedPods.finish(client, job, true, "3\n0\n0\n--\nUser ann@example.com confirmed\n");
        DiscourseUserTask done = awaitPhase("ann", UserTaskPhase.SUCCEEDED);
        assertThat(secret.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo(done.getMetadata().getUid()));
        DiscourseUserTaskStatus status = done.getStatus();
        assertThat(status.getMessage()).isEqualTo("Created user ann@example.com; the password is in Secret ann-password");
        assertThat(status.getPasswordSecret()).isEqualTo("ann-password");
        assertThat(status.getJob()).isEqualTo(job.getMetadata().getName()).isEqualTo(status.getAttemptId());
        assertThat(status.getStartedAt()).isNotNull();
        assertThat(status.getCompletedAt()).isNotNull();
        assertThat(condition(done, "Complete")).get().satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getObservedGeneration()).isEqualTo(1L);
        });
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(eventReasons("ann")).contains("Started", "Succeeded"));

        // A metadata touch and a spec edit each wake (or do not wake) the reconciler; neither may run anything again.
        Edits.edit(client.resources(DiscourseUserTask.class).inNamespace(ns).withName("ann"), t -> {
            t.getMetadata().setLabels(Map.of("touched", "yes"));
            return t;
        });
        Edits.edit(client.resources(DiscourseUserTask.class).inNamespace(ns).withName("ann"), t -> {
            t.getSpec().setAdmin(true);
            return t;
        });
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(condition(get("ann"), "SpecChangeIgnored")).get()
                .satisfies(c -> assertThat(c.getMessage()).contains("create a new task")));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(eventReasons("ann")).contains("SpecChangeIgnored"));
        Thread.sleep(3000);
        assertThat(taskJobs()).hasSize(1);
        assertThat(get("ann").getStatus().getPhase()).isEqualTo(UserTaskPhase.SUCCEEDED);
        assertThat(get("ann").getStatus().getCompletedAt()).isEqualTo(status.getCompletedAt());
        assertThat(decode(client.secrets().inNamespace(ns).withName("ann-password").get(), "password")).isEqualTo(password);

        String everythingSaid = get("ann").getStatus() + " " + events().stream().map(Event::getMessage).toList();
        assertThat(everythingSaid).doesNotContain(password);
    }

    @Test
    void promoteAndAnonymizeRunTheirCommandsInJobs() {
        instanceWithReadyPod("forum");
        task("promote", UserOperation.PROMOTE_USER, EMAIL, null);
        task("forget", UserOperation.ANONYMIZE_USER, null, "ann_1");

        Job promote = awaitJob("promote");
        Job forget = awaitJob("forget");
        assertThat(env(promote.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()))
                .containsEntry("USER_TASK_EMAIL", EMAIL).containsEntry("USER_TASK_MODE", "promote")
                .containsEntry("USER_TASK_ADMIN", "true").doesNotContainKey(UserTaskScript.PASSWORD_ENV);
        assertThat(forget.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand().get(2))
                .contains("'users:anonymize[ann_1]'");
        SimulatedPods.finish(client, promote, true, "0\n0\n--\n");
        SimulatedPods.finish(client, forget, true, "0\n--\n");

        assertThat(awaitPhase("promote", UserTaskPhase.SUCCEEDED).getStatus().getMessage())
                .isEqualTo("Promoted user ann@example.com to admin");
        assertThat(awaitPhase("forget", UserTaskPhase.SUCCEEDED).getStatus().getMessage())
                .isEqualTo("Anonymized user ann_1");
        assertThat(client.secrets().inNamespace(ns).withName("promote-password").get()).isNull();
    }

    @Test
    void creatingAnExistingUserFailsAndSaysSo() {
        instanceWithReadyPod("forum");
        task("ann", UserOperation.CREATE_USER, EMAIL, null);
        SimulatedPods.finish(client, awaitJob("ann"), false, "0\n--\n");

        DiscourseUserTask failed = awaitPhase("ann", UserTaskPhase.FAILED);
        assertThat(failed.getStatus().getMessage()).isEqualTo("User with email ann@example.com already exists");
        assertThat(condition(failed, "Failed")).get().satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getReason()).isEqualTo("UserExists");
        });
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(events()).anySatisfy(e -> {
            assertThat(e.getReason()).isEqualTo("UserExists");
            assertThat(e.getType()).isEqualTo("Warning");
            assertThat(e.getMessage()).isEqualTo("User with email ann@example.com already exists");
        }));
    }

    @Test
    void promotingAMissingUserFailsAndSaysSo() {
        instanceWithReadyPod("forum");
        task("promote", UserOperation.PROMOTE_USER, EMAIL, null);
        SimulatedPods.finish(client, awaitJob("promote"), false, "3\n--\n");

        DiscourseUserTask failed = awaitPhase("promote", UserTaskPhase.FAILED);
        assertThat(failed.getStatus().getMessage()).isEqualTo("User with email ann@example.com does not exist");
        assertThat(condition(failed, "Failed")).get().extracting(Condition::getReason).isEqualTo("UserNotFound");
    }

    @Test
    void aFailingCommandFailsTheTaskWithItsLastLineAndIsNotRetried() throws Exception {
        instanceWithReadyPod("forum");
        task("forget", UserOperation.ANONYMIZE_USER, null, "ann_1");
        SimulatedPods.finish(client, awaitJob("forget"), false,
                "1\n--\nrake aborted!\nActiveRecord::ConnectionNotEstablished: connection refused\n");

        DiscourseUserTask failed = awaitPhase("forget", UserTaskPhase.FAILED);
        assertThat(failed.getStatus().getMessage()).isEqualTo(
                "rake users:anonymize failed (exit 1): ActiveRecord::ConnectionNotEstablished: connection refused");
        assertThat(condition(failed, "Failed")).get().extracting(Condition::getReason).isEqualTo("CommandFailed");
        Thread.sleep(3000);
        assertThat(taskJobs()).hasSize(1);
    }

    @Test
    void aJobThatDiesBeforeReportingFailsTheTaskAsUnknownAndIsNotRetried() throws Exception {
        instanceWithReadyPod("forum");
        task("ann", UserOperation.CREATE_USER, EMAIL, null);
        SimulatedPods.finish(client, awaitJob("ann"), false, "");

        DiscourseUserTask failed = awaitPhase("ann", UserTaskPhase.FAILED);
        assertThat(condition(failed, "Failed")).get().extracting(Condition::getReason).isEqualTo("JobFailed");
        assertThat(failed.getStatus().getMessage()).contains("whether the user was changed is unknown");
        Thread.sleep(3000);
        assertThat(taskJobs()).hasSize(1);
    }

    @Test
    void aTaskWaitsForItsInstanceAndAReadyPodThenRuns() {
        task("ann", UserOperation.CREATE_USER, EMAIL, null);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(condition(get("ann"), "Complete")).get().satisfies(c -> {
            assertThat(c.getReason()).isEqualTo("InstanceNotFound");
            assertThat(c.getMessage()).isEqualTo("DiscourseInstance forum not found in " + ns);
        }));
        assertThat(get("ann").getStatus().getPhase()).isEqualTo(UserTaskPhase.PENDING);

        instance("forum", NEVER_READY);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(get("ann").getStatus().getMessage())
                .isEqualTo("Waiting for a ready pod of DiscourseInstance forum"));
        UncheckedRelations.create(client, ns, "forum");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(client.pods().inNamespace(ns).withName("forum-0").get())
                .isNotNull().extracting(p -> p.getStatus().getPhase()).isEqualTo("Running"));
        assertThat(get("ann").getStatus().getPhase()).isEqualTo(UserTaskPhase.PENDING);
        assertThat(taskJobs()).isEmpty();

        // an image whose pods become ready: the rollout replaces the unready pod
        Edits.edit(client.resources(DiscourseInstance.class).inNamespace(ns).withName("forum"), i -> {
            i.getSpec().setImage(DiscourseInstanceSpec.DEFAULT_IMAGE);
            return i;
        });
        Job job = awaitJob("ann");
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo(DiscourseInstanceSpec.DEFAULT_IMAGE);
        SimulatedPods.finish(client, job, true, "3\n0\n0\n--\n");
        awaitPhase("ann", UserTaskPhase.SUCCEEDED);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(eventReasons("ann"))
                .contains("InstanceNotFound", "NoReadyPod", "Started", "Succeeded"));
    }

    @Test
    void anInvalidSpecIsReportedAndTheFixedTaskRuns() {
        instanceWithReadyPod("forum");
        task("ann", UserOperation.CREATE_USER, null, null);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(condition(get("ann"), "Complete")).get().satisfies(c -> {
            assertThat(c.getReason()).isEqualTo("InvalidSpec");
            assertThat(c.getMessage()).isEqualTo("spec.email is required for CreateUser");
        }));
        assertThat(get("ann").getStatus().getPhase()).isEqualTo(UserTaskPhase.PENDING);
        assertThat(taskJobs()).isEmpty();
        assertThat(client.secrets().inNamespace(ns).withName("ann-password").get()).isNull();

        Edits.edit(client.resources(DiscourseUserTask.class).inNamespace(ns).withName("ann"), t -> {
            t.getSpec().setEmail(EMAIL);
            return t;
        });
        SimulatedPods.finish(client, awaitJob("ann"), true, "3\n0\n0\n--\n");
        awaitPhase("ann", UserTaskPhase.SUCCEEDED);
    }

    @Test
    void aClaimWhoseJobWasNeverMadeIsResumedByMakingItOnce() {
        // a forum whose pods never get ready holds the task Pending, so the test can play the claim itself
        instance("forum", NEVER_READY);
        UncheckedRelations.create(client, ns, "forum");
        DiscourseUserTask task = task("forget", UserOperation.ANONYMIZE_USER, null, "ann_1");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(get("forget").getStatus()).isNotNull()
                .extracting(DiscourseUserTaskStatus::getMessage).isEqualTo("Waiting for a ready pod of DiscourseInstance forum"));
        // What an operator that died between its claim and the Job's creation leaves behind.
        String jobName = UserTaskJob.name(task);
        client.resources(DiscourseUserTask.class).inNamespace(ns).withName("forget").editStatus(t -> {
            t.getStatus().setPhase(UserTaskPhase.RUNNING);
            t.getStatus().setAttemptId(jobName);
            t.getStatus().setJob(jobName);
            t.getStatus().setStartedAt("2026-01-01T00:00:00Z");
            return t;
        });

        Job job = awaitJob("forget");
        assertThat(job.getMetadata().getName()).isEqualTo(jobName);
        SimulatedPods.finish(client, job, true, "0\n--\n");
        assertThat(awaitPhase("forget", UserTaskPhase.SUCCEEDED).getStatus().getStartedAt())
                .isEqualTo("2026-01-01T00:00:00Z");
        assertThat(taskJobs()).hasSize(1);
    }

    @Test
    void aRunStartedByAnExecEraOperatorIsFailedNeverRepeated() {
        task("ann", UserOperation.CREATE_USER, EMAIL, null);
        await().atMost(TIMEOUT).until(() -> get("ann").getStatus() != null);
        // What an operator that ran the commands in a pod, and died mid-run, leaves behind.
        client.resources(DiscourseUserTask.class).inNamespace(ns).withName("ann").editStatus(t -> {
            t.getStatus().setPhase(UserTaskPhase.RUNNING);
            t.getStatus().setAttemptId("gone1234-abcd");
            t.getStatus().setStartedAt("2026-01-01T00:00:00Z");
            return t;
        });
        instanceWithReadyPod("forum");

        DiscourseUserTask failed = awaitPhase("ann", UserTaskPhase.FAILED);
        assertThat(failed.getStatus().getMessage()).contains("its result is unknown")
                .contains("check the user and create a new task");
        assertThat(condition(failed, "Failed")).get().extracting(Condition::getReason).isEqualTo("Interrupted");
        assertThat(failed.getStatus().getAttemptId()).isEqualTo("gone1234-abcd");
        assertThat(taskJobs()).isEmpty();
    }

    @Test
    void aSecretOfTheSameNameThatIsNotTheTasksIsLeftAlone() {
        instanceWithReadyPod("forum");
        client.resource(new SecretBuilder().withNewMetadata().withName("ann-password").withNamespace(ns).endMetadata()
                .addToStringData("password", "users-own").build()).create();
        task("ann", UserOperation.CREATE_USER, EMAIL, null);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(condition(get("ann"), "Complete")).get()
                .extracting(Condition::getReason).isEqualTo("SecretConflict"));
        assertThat(taskJobs()).isEmpty();
        assertThat(decode(client.secrets().inNamespace(ns).withName("ann-password").get(), "password")).isEqualTo("users-own");
    }

    // --- fixtures -------------------------------------------------------------------------------------

    private List<Job> taskJobs() {
        return client.batch().v1().jobs().inNamespace(ns).withLabel("app.kubernetes.io/component", UserTaskJob.COMPONENT)
                .list().getItems();
    }

    private Job awaitJob(String task) {
        return await().atMost(TIMEOUT).until(() -> taskJobs().stream()
                .filter(j -> task.equals(j.getMetadata().getLabels().get(UserTaskJob.LABEL_TASK))).findFirst().orElse(null),
                j -> j != null);
    }

    private static Map<String, String> env(List<EnvVar> env) {
        Map<String, String> values = new java.util.TreeMap<>();
        env.stream().filter(e -> e.getValue() != null).forEach(e -> values.put(e.getName(), e.getValue()));
        return values;
    }

    /** An instance whose relations open its gate: the StatefulSet controller makes its pod, kwok runs it. */
    private void instanceWithReadyPod(String name) {
        instance(name, DiscourseInstanceSpec.DEFAULT_IMAGE);
        UncheckedRelations.create(client, ns, name);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(client.pods().inNamespace(ns).withName(name + "-0").get())
                .isNotNull().satisfies(p -> assertThat(p.getStatus().getConditions())
                        .anySatisfy(c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Ready=True"))));
    }

    private void instance(String name, String image) {
        DiscourseInstance instance = new DiscourseInstance();
        instance.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
        instance.setSpec(new DiscourseInstanceSpec());
        instance.getSpec().setImage(image);
        client.resource(instance).create();
    }

    private DiscourseUserTask task(String name, UserOperation operation, String email, String username) {
        DiscourseUserTask task = new DiscourseUserTask();
        task.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
        DiscourseUserTaskSpec spec = new DiscourseUserTaskSpec();
        spec.setInstanceRef(new InstanceRef("forum"));
        spec.setOperation(operation);
        spec.setEmail(email);
        spec.setUsername(username);
        task.setSpec(spec);
        return client.resource(task).create();
    }

    private DiscourseUserTask get(String name) {
        return client.resources(DiscourseUserTask.class).inNamespace(ns).withName(name).get();
    }

    private DiscourseUserTask awaitPhase(String name, UserTaskPhase phase) {
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(get(name).getStatus()).isNotNull()
                .satisfies(s -> assertThat(s.getPhase()).as(s.getMessage()).isEqualTo(phase)));
        return get(name);
    }

    private static Optional<Condition> condition(DiscourseUserTask task, String type) {
        return task.getStatus() == null ? Optional.empty()
                : task.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    private List<Event> events() {
        return OperatorEvents.in(client, ns);
    }

    private List<String> eventReasons(String task) {
        return events().stream().filter(e -> task.equals(e.getInvolvedObject().getName())).map(Event::getReason).toList();
    }

    private static String decode(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }
}
