package dev.operator.discourse.usertask;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.DiscourseUserTask;
import dev.operator.discourse.api.v1alpha1.UserTaskPhase;
import dev.operator.discourse.status.Conditions;

class UserTaskStatusesTest {

    private static final Clock T1 = Clock.fixed(Instant.parse("2026-01-01T10:00:00Z"), ZoneOffset.UTC);
    private static final Clock T2 = Clock.fixed(Instant.parse("2026-01-01T10:05:00Z"), ZoneOffset.UTC);

    @Test
    void pendingRunningAndFinished() {
        DiscourseUserTask task = SmallPartsTest.task(null);
        task.setStatus(UserTaskStatuses.pending(task, "NoReadyPod", "Waiting", T1));
        assertThat(task.getStatus().getPhase()).isEqualTo(UserTaskPhase.PENDING);
        assertThat(task.getStatus().getStartedAt()).isNull();
        assertThat(Conditions.find(task.getStatus().getConditions(), "Complete")).get()
                .satisfies(c -> assertThat(c.getReason()).isEqualTo("NoReadyPod"));

        task.setStatus(UserTaskStatuses.running(task, "ann-1a2b3c4d", "ann-password", T1));
        assertThat(task.getStatus().getPhase()).isEqualTo(UserTaskPhase.RUNNING);
        assertThat(task.getStatus().getStartedAt()).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(task.getStatus().getAttemptId()).isEqualTo("ann-1a2b3c4d");
        assertThat(task.getStatus().getJob()).isEqualTo("ann-1a2b3c4d");
        assertThat(task.getStatus().getMessage()).isEqualTo("Running in Job ann-1a2b3c4d");
        assertThat(task.getStatus().getObservedGeneration()).isEqualTo(1L);

        var failed = UserTaskStatuses.finished(task, UserTaskOutcome.failure("UserExists", "User with email x already exists"), T2);
        assertThat(failed.getPhase()).isEqualTo(UserTaskPhase.FAILED);
        assertThat(failed.getStartedAt()).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(failed.getCompletedAt()).isEqualTo("2026-01-01T10:05:00Z");
        assertThat(failed.getMessage()).isEqualTo("User with email x already exists");
        assertThat(Conditions.find(failed.getConditions(), "Failed")).get().satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getReason()).isEqualTo("UserExists");
            assertThat(c.getObservedGeneration()).isEqualTo(1L);
        });
        assertThat(Conditions.isTrue(failed.getConditions(), "Complete")).isFalse();

        var succeeded = UserTaskStatuses.finished(task, UserTaskOutcome.success("Created user x"), T2);
        assertThat(succeeded.getPhase()).isEqualTo(UserTaskPhase.SUCCEEDED);
        assertThat(Conditions.isTrue(succeeded.getConditions(), "Complete")).isTrue();
        assertThat(Conditions.find(succeeded.getConditions(), "Failed")).isEmpty();
    }

    @Test
    void aSpecEditAfterTheStartIsReportedOnceAndChangesNothingElse() {
        DiscourseUserTask task = SmallPartsTest.task(null);
        task.setStatus(UserTaskStatuses.running(task, "ann-1a2b3c4d", "ann-password", T1));
        task.setStatus(UserTaskStatuses.finished(task, UserTaskOutcome.success("Created user x"), T1));
        assertThat(UserTaskStatuses.specChangeUnreported(task)).isFalse();

        task.getMetadata().setGeneration(2L);
        assertThat(UserTaskStatuses.specChangeUnreported(task)).isTrue();
        var reported = UserTaskStatuses.specChangeIgnored(task, T2);
        assertThat(reported.getPhase()).isEqualTo(UserTaskPhase.SUCCEEDED);
        assertThat(reported.getObservedGeneration()).isEqualTo(1L);
        assertThat(reported.getMessage()).isEqualTo("Created user x");
        assertThat(Conditions.find(reported.getConditions(), "SpecChangeIgnored")).get().satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getObservedGeneration()).isEqualTo(2L);
            assertThat(c.getMessage()).contains("generation 2").contains("generation 1").contains("create a new task");
        });
        task.setStatus(reported);
        assertThat(UserTaskStatuses.specChangeUnreported(task)).isFalse();
        task.getMetadata().setGeneration(3L);
        assertThat(UserTaskStatuses.specChangeUnreported(task)).isTrue();
    }
}
