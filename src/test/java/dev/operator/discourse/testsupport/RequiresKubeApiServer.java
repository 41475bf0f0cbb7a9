package dev.operator.discourse.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class (plain or {@code @QuarkusTest}) or method that needs the shared Kubernetes API server.
 * It starts the server before the test and, where the machine has no binaries and cannot download them,
 * reports the test as skipped with the reason instead of running it. For a {@code @QuarkusTest} this decision
 * happens before Quarkus boots, so the application never starts against a missing server.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KubeApiServerCondition.class)
public @interface RequiresKubeApiServer {
}
