package dev.operator.discourse.usertask;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.DiscourseUserTask;
import dev.operator.discourse.api.v1alpha1.UserOperation;
import io.fabric8.kubernetes.client.utils.Serialization;

/** The sample shows all three operations, and each would run as written. */
class UserTaskSampleTest {

    @Test
    void everySampleTaskIsValid() throws Exception {
        String yaml = Files.readString(Path.of("kubernetes/samples/discourseusertask.yaml"));
        List<DiscourseUserTask> tasks = Arrays.stream(yaml.split("(?m)^---$"))
                .map(doc -> Serialization.unmarshal(doc, DiscourseUserTask.class)).toList();
        assertThat(tasks).extracting(t -> t.getSpec().getOperation())
                .containsExactly(UserOperation.CREATE_USER, UserOperation.PROMOTE_USER, UserOperation.ANONYMIZE_USER);
        assertThat(tasks).allSatisfy(t -> assertThat(UserTaskValidator.problems(t.getSpec())).as(t.getMetadata().getName())
                .isEmpty());
    }
}
