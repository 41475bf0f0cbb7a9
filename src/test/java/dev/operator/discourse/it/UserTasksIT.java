package dev.operator.discourse.it;

import static dev.operator.discourse.usertask.RecordingRunner.exit;
import static dev.operator.discourse.usertask.RecordingRunner.isCheck;
import static dev.operator.discourse.usertask.RecordingRunner.ok;
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
import dev.operator.discourse.usertask.Command;
import dev.operator.discourse.usertask.CommandResult;
import dev.operator.discourse.usertask.PodExecRunner;
import dev.operator.discourse.usertask.PodTarget;
import dev.operator.discourse.usertask.RecordingRunner;
import dev.operator.discourse.usertask.UserTaskCommands;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The user task reconciler against a real kube-apiserver, with the command runner replaced at the boundary by a
 * recorder (there is no kubelet to exec into, and no Discourse). The pod it runs in is created by the test and
 * reported Ready through the status subresource, as a kubelet would.
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
    RecordingRunner runner;

    /** The bean's client proxy is typed by its class, so the stand-in must be one. */
    static class Recorder extends PodExecRunner {
        private final RecordingRunner delegate;

        Recorder(RecordingRunner delegate) {
            super(null);
            this.delegate = delegate;
        }

        @Override
        public CommandResult run(PodTarget target, Command command) {
            return delegate.run(target, command);
        }
    }

    @BeforeEach
    void namespaceAndRunner() {
        client = KubeApiServerResource.client();
        namespace = TestNamespace.withSucceedingJobs(client, "it-user-");
        ns = namespace.name;
        runner = new RecordingRunner(c -> isCheck(c) ? exit(3, "") : ok());
        QuarkusMock.installMockForType(new Recorder(runner), PodExecRunner.class);
    }

    @AfterEach
    void cleanup() {
        namespace.close();
    }

    @Test
    void createUserStoresThePasswordFirstRunsOnceAndIgnoresLaterEdits() throws Exception {
        instanceWithReadyPod("forum");
        task("ann", UserOperation.CREATE_USER, EMAIL, null);

        DiscourseUserTask done = awaitPhase("ann", UserTaskPhase.SUCCEEDED);
        Secret secret = client.secrets().inNamespace(ns).withName("ann-password").get();
        String password = decode(secret, "password");
        assertThat(password).matches("[A-Za-z0-9]{16}");
        assertThat(decode(secret, "email")).isEqualTo(EMAIL);
        assertThat(secret.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo(done.getMetadata().getUid()));

        assertThat(calls()).containsExactly(UserTaskCommands.userExists(EMAIL),
                UserTaskCommands.createUser(EMAIL, password, false), UserTaskCommands.confirmEmail(EMAIL));
        // the password only on stdin, to the admin:create driver; the email and the answers in its env
        assertThat(calls().get(1).stdin()).isEqualTo(password + "\n");
        assertThat(calls().get(1).env()).containsEntry("USER_TASK_EMAIL", EMAIL).containsEntry("USER_TASK_ADMIN", "false");
        assertThat(calls().get(0).env()).isEqualTo(Map.of("USER_TASK_EMAIL", EMAIL));
        assertThat(runner.calls()).allSatisfy(c -> assertThat(c.target()).isEqualTo(new PodTarget(ns, "forum-0", "discourse")));

        DiscourseUserTaskStatus status = done.getStatus();
        assertThat(status.getMessage()).isEqualTo("Created user ann@example.com; the password is in Secret ann-password");
        assertThat(status.getPasswordSecret()).isEqualTo("ann-password");
        assertThat(status.getPod()).isEqualTo("forum-0");
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
        assertThat(runner.calls()).hasSize(3);
        assertThat(get("ann").getStatus().getPhase()).isEqualTo(UserTaskPhase.SUCCEEDED);
        assertThat(get("ann").getStatus().getCompletedAt()).isEqualTo(status.getCompletedAt());
        assertThat(decode(client.secrets().inNamespace(ns).withName("ann-password").get(), "password")).isEqualTo(password);

        String everythingSaid = get("ann").getStatus() + " " + events().stream().map(Event::getMessage).toList();
        assertThat(everythingSaid).doesNotContain(password);
    }

    @Test
    void promoteAndAnonymizeRunTheirCommands() {
        instanceWithReadyPod("forum");
        runner.answer(c -> ok());
        task("promote", UserOperation.PROMOTE_USER, EMAIL, null);
        task("forget", UserOperation.ANONYMIZE_USER, null, "ann_1");

        assertThat(awaitPhase("promote", UserTaskPhase.SUCCEEDED).getStatus().getMessage())
                .isEqualTo("Promoted user ann@example.com to admin");
        assertThat(awaitPhase("forget", UserTaskPhase.SUCCEEDED).getStatus().getMessage())
                .isEqualTo("Anonymized user ann_1");
        assertThat(calls()).containsExactlyInAnyOrder(UserTaskCommands.userExists(EMAIL),
                UserTaskCommands.promoteUser(EMAIL), UserTaskCommands.anonymizeUser("ann_1"));
        assertThat(calls()).filteredOn(c -> c.argv().contains("admin:create")).singleElement()
                .satisfies(c -> assertThat(c.env()).containsEntry("USER_TASK_EMAIL", "ann@example.com")
                        .containsEntry("USER_TASK_MODE", "promote").containsEntry("USER_TASK_ADMIN", "true"));
        assertThat(client.secrets().inNamespace(ns).withName("promote-password").get()).isNull();
    }

    @Test
    void creatingAnExistingUserFailsAndSaysSo() {
        instanceWithReadyPod("forum");
        runner.answer(c -> ok());
        task("ann", UserOperation.CREATE_USER, EMAIL, null);

        DiscourseUserTask failed = awaitPhase("ann", UserTaskPhase.FAILED);
        assertThat(failed.getStatus().getMessage()).isEqualTo("User with email ann@example.com already exists");
        assertThat(condition(failed, "Failed")).get().satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getReason()).isEqualTo("UserExists");
        });
        assertThat(calls()).containsExactly(UserTaskCommands.userExists(EMAIL));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(events()).anySatisfy(e -> {
            assertThat(e.getReason()).isEqualTo("UserExists");
            assertThat(e.getType()).isEqualTo("Warning");
            assertThat(e.getMessage()).isEqualTo("User with email ann@example.com already exists");
        }));
    }

    @Test
    void promotingAMissingUserFailsAndSaysSo() {
        instanceWithReadyPod("forum");
        runner.answer(c -> exit(3, ""));
        task("promote", UserOperation.PROMOTE_USER, EMAIL, null);

        DiscourseUserTask failed = awaitPhase("promote", UserTaskPhase.FAILED);
        assertThat(failed.getStatus().getMessage()).isEqualTo("User with email ann@example.com does not exist");
        assertThat(condition(failed, "Failed")).get().extracting(Condition::getReason).isEqualTo("UserNotFound");
        assertThat(calls()).containsExactly(UserTaskCommands.userExists(EMAIL));
    }

    @Test
    void aFailingCommandFailsTheTaskWithItsLastLineAndIsNotRetried() throws Exception {
        instanceWithReadyPod("forum");
        runner.answer(c -> exit(1, "rake aborted!\nActiveRecord::ConnectionNotEstablished: connection refused\n"));
        task("forget", UserOperation.ANONYMIZE_USER, null, "ann_1");

        DiscourseUserTask failed = awaitPhase("forget", UserTaskPhase.FAILED);
        assertThat(failed.getStatus().getMessage()).isEqualTo(
                "rake users:anonymize failed (exit 1): ActiveRecord::ConnectionNotEstablished: connection refused");
        assertThat(condition(failed, "Failed")).get().extracting(Condition::getReason).isEqualTo("CommandFailed");
        Thread.sleep(3000);
        assertThat(runner.calls()).hasSize(1);
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
        assertThat(runner.calls()).isEmpty();

        // an image whose pods become ready: the rollout replaces the unready pod
        Edits.edit(client.resources(DiscourseInstance.class).inNamespace(ns).withName("forum"), i -> {
            i.getSpec().setImage(DiscourseInstanceSpec.DEFAULT_IMAGE);
            return i;
        });
        awaitPhase("ann", UserTaskPhase.SUCCEEDED);
        assertThat(calls()).hasSize(3);
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
        assertThat(runner.calls()).isEmpty();
        assertThat(client.secrets().inNamespace(ns).withName("ann-password").get()).isNull();

        Edits.edit(client.resources(DiscourseUserTask.class).inNamespace(ns).withName("ann"), t -> {
            t.getSpec().setEmail(EMAIL);
            return t;
        });
        awaitPhase("ann", UserTaskPhase.SUCCEEDED);
        assertThat(calls()).first().isEqualTo(UserTaskCommands.userExists(EMAIL));
    }

    @Test
    void aRunStartedByAnEarlierOperatorIsFailedNeverRepeated() {
        task("ann", UserOperation.CREATE_USER, EMAIL, null);
        await().atMost(TIMEOUT).until(() -> get("ann").getStatus() != null);
        // What an operator that died mid-run leaves behind.
        client.resources(DiscourseUserTask.class).inNamespace(ns).withName("ann").editStatus(t -> {
            t.getStatus().setPhase(UserTaskPhase.RUNNING);
            t.getStatus().setAttemptId("gone1234-abcd");
            t.getStatus().setStartedAt("2026-01-01T00:00:00Z");
            return t;
        });
        instanceWithReadyPod("forum");

        DiscourseUserTask failed = awaitPhase("ann", UserTaskPhase.FAILED);
        assertThat(failed.getStatus().getMessage()).contains("restarted while the task was running")
                .contains("check the user and create a new task");
        assertThat(condition(failed, "Failed")).get().extracting(Condition::getReason).isEqualTo("Interrupted");
        assertThat(failed.getStatus().getAttemptId()).isEqualTo("gone1234-abcd");
        assertThat(runner.calls()).isEmpty();
    }

    @Test
    void aSecretOfTheSameNameThatIsNotTheTasksIsLeftAlone() {
        instanceWithReadyPod("forum");
        client.resource(new SecretBuilder().withNewMetadata().withName("ann-password").withNamespace(ns).endMetadata()
                .addToStringData("password", "users-own").build()).create();
        task("ann", UserOperation.CREATE_USER, EMAIL, null);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(condition(get("ann"), "Complete")).get()
                .extracting(Condition::getReason).isEqualTo("SecretConflict"));
        assertThat(runner.calls()).isEmpty();
        assertThat(decode(client.secrets().inNamespace(ns).withName("ann-password").get(), "password")).isEqualTo("users-own");
    }

    // --- fixtures -------------------------------------------------------------------------------------

    private List<Command> calls() {
        return runner.calls().stream().filter(c -> ns.equals(c.target().namespace())).map(RecordingRunner.Call::command)
                .toList();
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
