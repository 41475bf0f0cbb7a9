package dev.operator.discourse.instance.migration;

import java.util.List;

/**
 * The Jobs of an upgrade, in the order they run; each is run once per image (assets: per image and S3 setup).
 * Without --trace: on failure rake then ends with the error and a short backtrace, which the log tail the pod
 * reports (its last 2 KiB) still holds, where --trace's full backtrace would push the error out of it.
 */
public enum MigrationStep {
    PRE("pre", List.of("bin/bundle", "exec", "rake", "db:migrate"), true),
    ASSETS("assets", List.of("bin/bundle", "exec", "rake", "s3:upload_assets"), false),
    POST("post", List.of("bin/bundle", "exec", "rake", "db:migrate"), false);

    private final String label;
    private final List<String> command;
    private final boolean skipPostDeployment;

    MigrationStep(String label, List<String> command, boolean skipPostDeployment) {
        this.label = label;
        this.command = command;
        this.skipPostDeployment = skipPostDeployment;
    }

    public String label() {
        return label;
    }

    public List<String> command() {
        return command;
    }

    /** Pre-deployment migrations leave out what the old code still needs; the post step runs the rest. */
    public boolean skipPostDeployment() {
        return skipPostDeployment;
    }
}
