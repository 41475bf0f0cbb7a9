package dev.operator.discourse.usertask;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.operator.discourse.api.v1alpha1.DiscourseUserTask;
import dev.operator.discourse.workload.WorkloadJobs;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * The Job that runs a task's steps in a copy of the web container, so that the operator needs no exec into the
 * forum's pods. Its name comes from the task's uid: the one Job of the one run, found again by an operator that
 * restarts, and never made twice.
 */
public final class UserTaskJob {

    public static final String COMPONENT = "user-task";
    public static final String LABEL_INSTANCE = WorkloadJobs.LABEL_INSTANCE;
    public static final String LABEL_TASK = "discourse.operator.dev/user-task";
    public static final String SELECTOR = WorkloadNames.LABEL_COMPONENT + "=" + COMPONENT + ","
            + WorkloadNames.MANAGED_SELECTOR;

    private UserTaskJob() {
    }

    public static String name(DiscourseUserTask task) {
        return WorkloadJobs.onceFor(task);
    }

    /**
     * @param passwordSecret the Secret holding the CreateUser password, else null
     * @param password its value, used only to build the steps (it never enters the Job)
     */
    public static Job build(DiscourseUserTask task, StatefulSet live, String passwordSecret, String password) {
        List<UserTaskStep> steps = UserTaskSteps.of(task.getSpec(), password);
        List<EnvVar> env = WorkloadJobs.env(live);
        stepEnv(steps).forEach((name, value) -> env.add(new EnvVarBuilder().withName(name).withValue(value).build()));
        if (passwordSecret != null) {
            env.add(new EnvVarBuilder().withName(UserTaskScript.PASSWORD_ENV).withNewValueFrom().withNewSecretKeyRef()
                    .withName(passwordSecret).withKey(PasswordSecret.PASSWORD_KEY).endSecretKeyRef().endValueFrom().build());
        }
        return WorkloadJobs.build(task, live, new WorkloadJobs.JobSpec(name(task), labels(task), Map.of(), null, env,
                UserTaskScript.render(steps), false));
    }

    public static Map<String, String> labels(DiscourseUserTask task) {
        Map<String, String> labels = WorkloadJobs.labels(COMPONENT, task.getSpec().instanceName());
        labels.put(LABEL_TASK, task.getMetadata().getName());
        return labels;
    }

    /** One container holds every step's env: two steps that disagree on a value would be a bug here. */
    static Map<String, String> stepEnv(List<UserTaskStep> steps) {
        Map<String, String> env = new TreeMap<>();
        for (UserTaskStep step : steps) {
            step.command().env().forEach((name, value) -> {
                String before = env.putIfAbsent(name, value);
                if (before != null && !before.equals(value)) {
                    throw new IllegalStateException("steps disagree on " + name);
                }
            });
        }
        return env;
    }
}
