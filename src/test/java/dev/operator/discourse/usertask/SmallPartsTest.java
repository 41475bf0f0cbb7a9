package dev.operator.discourse.usertask;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.DiscourseUserTask;
import dev.operator.discourse.api.v1alpha1.DiscourseUserTaskSpec;
import dev.operator.discourse.api.v1alpha1.PasswordSecretRef;
import dev.operator.discourse.api.v1alpha1.UserOperation;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

/** The password, the failure reason, the pod choice and the password Secret. */
class SmallPartsTest {

    @Test
    void passwordsAreSixteenLettersOrDigitsAndDiffer() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String password = PasswordGenerator.generate();
            assertThat(password).hasSize(16).matches("[A-Za-z0-9]{16}");
            seen.add(password);
        }
        assertThat(seen).hasSize(200);
        assertThat(PasswordGenerator.ALPHABET).hasSize(62);
    }

    @Test
    void theReasonIsTheLastLineBoundedAndMasked() {
        assertThat(FailureReason.of("a\nb\r\n  last one  \n\n", null)).isEqualTo("last one");
        assertThat(FailureReason.of("", "pw")).isEqualTo("no output");
        assertThat(FailureReason.of("x\nsecret was pw123", "pw123")).isEqualTo("secret was ******");
        String longLine = "e".repeat(500);
        assertThat(FailureReason.of(longLine, null)).hasSize(FailureReason.MAX_LENGTH).endsWith("...");
    }

    @Test
    void theRunningReadyDiscoursePodFirstByNameIsChosen() {
        assertThat(ReadyPods.pick(List.of())).isEmpty();
        Pod notReady = pod("forum-0", "Running", "False", "discourse");
        Pod pending = pod("forum-1", "Pending", "True", "discourse");
        Pod otherContainer = pod("forum-2", "Running", "True", "sidecar");
        Pod b = pod("forum-4", "Running", "True", "discourse");
        Pod a = pod("forum-3", "Running", "True", "discourse");
        Pod terminating = pod("forum-00", "Running", "True", "discourse");
        terminating.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
        assertThat(ReadyPods.pick(List.of(notReady, pending, otherContainer, terminating))).isEmpty();
        assertThat(ReadyPods.pick(List.of(b, notReady, a, terminating))).contains(a);
    }

    @Test
    void thePasswordSecretIsOwnedByTheTaskAndOnlyAnOwnOneIsReused() {
        DiscourseUserTask task = task(null);
        assertThat(DiscourseUserTaskSpec.passwordSecretName(task)).isEqualTo("ann-password");
        assertThat(DiscourseUserTaskSpec.passwordSecretName(task(new PasswordSecretRef("mine")))).isEqualTo("mine");

        Secret secret = PasswordSecret.desired(task, "ann-password", "Abc123def456GHI7");
        assertThat(secret.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getUid()).isEqualTo("uid-1");
            assertThat(o.getKind()).isEqualTo("DiscourseUserTask");
            assertThat(o.getController()).isTrue();
        });
        assertThat(decode(secret, "password")).isEqualTo("Abc123def456GHI7");
        assertThat(decode(secret, "email")).isEqualTo("ann@example.com");
        assertThat(PasswordSecret.ownPassword(task, secret)).contains("Abc123def456GHI7");

        Secret someoneElses = new SecretBuilder(secret).editMetadata().withOwnerReferences().endMetadata().build();
        assertThat(PasswordSecret.ownPassword(task, someoneElses)).isEmpty();
    }

    private static String decode(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }

    static DiscourseUserTask task(PasswordSecretRef ref) {
        DiscourseUserTask task = new DiscourseUserTask();
        task.setMetadata(new ObjectMetaBuilder().withName("ann").withNamespace("ns").withUid("uid-1").withGeneration(1L)
                .build());
        DiscourseUserTaskSpec spec = UserTaskExecutionTest.spec(UserOperation.CREATE_USER);
        spec.setPasswordSecretRef(ref);
        task.setSpec(spec);
        return task;
    }

    private static Pod pod(String name, String phase, String ready, String container) {
        return new PodBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().addNewContainer().withName(container).withImage("x").endContainer().endSpec()
                .withNewStatus().withPhase(phase).addNewCondition().withType("Ready").withStatus(ready).endCondition()
                .endStatus().build();
    }
}
