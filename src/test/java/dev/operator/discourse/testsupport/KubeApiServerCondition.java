package dev.operator.discourse.testsupport;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Backs {@link RequiresKubeApiServer}: disables (skips, with the reason) when no API server can run here. */
public final class KubeApiServerCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (KubeApiServer.available()) {
            return ConditionEvaluationResult.enabled("kube-apiserver v" + KubeApiServer.VERSION + " is running");
        }
        return ConditionEvaluationResult.disabled(KubeApiServer.unavailableReason());
    }
}
