package dev.operator.discourse.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ManagedFieldPathsTest {

    /** A field set as kube-apiserver writes it for a relation's apply, trimmed. */
    private static final String FIELDS = """
            {"f:spec":{"f:template":{
              "f:metadata":{"f:annotations":{"f:discourse.operator.dev/redis-secret-checksum":{}}},
              "f:spec":{
                "f:containers":{"k:{\\"name\\":\\"discourse\\"}":{".":{},"f:name":{},
                  "f:env":{"k:{\\"name\\":\\"DISCOURSE_REDIS_PASSWORD\\"}":{".":{},"f:name":{},
                    "f:valueFrom":{"f:secretKeyRef":{"f:key":{},"f:name":{}}}}},
                  "f:ports":{"k:{\\"containerPort\\":3000,\\"protocol\\":\\"TCP\\"}":{".":{}}},
                  "f:securityContext":{"f:capabilities":{"f:drop":{"v:\\"ALL\\"":{}}}},
                  "f:args":{"i:0":{}}}}}}}}
            """;

    @Test
    void oneSortedLinePerOwnedField() {
        assertThat(ManagedFieldPaths.of(ManagedFieldPaths.object(FIELDS))).containsExactly(
                "spec.template.metadata.annotations.\"discourse.operator.dev/redis-secret-checksum\"",
                "spec.template.spec.containers[name=discourse]",
                "spec.template.spec.containers[name=discourse].args[0]",
                "spec.template.spec.containers[name=discourse].env[name=DISCOURSE_REDIS_PASSWORD]",
                "spec.template.spec.containers[name=discourse].env[name=DISCOURSE_REDIS_PASSWORD].name",
                "spec.template.spec.containers[name=discourse].env[name=DISCOURSE_REDIS_PASSWORD].valueFrom.secretKeyRef.key",
                "spec.template.spec.containers[name=discourse].env[name=DISCOURSE_REDIS_PASSWORD].valueFrom.secretKeyRef.name",
                "spec.template.spec.containers[name=discourse].name",
                "spec.template.spec.containers[name=discourse].ports[containerPort=3000,protocol=TCP]",
                "spec.template.spec.containers[name=discourse].securityContext.capabilities.drop[ALL]");
    }

    @Test
    void anEmptyFieldSetOwnsNothing() {
        assertThat(ManagedFieldPaths.of(Map.of())).isEmpty();
    }

    @Test
    void anUnknownKeyIsAnError() {
        assertThatThrownBy(() -> ManagedFieldPaths.of(Map.of("x:y", Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x:y");
    }
}
