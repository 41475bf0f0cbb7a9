package dev.operator.discourse.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

class InstanceSecretsTest {

    @Test
    void everyNamedKeyIsLookedForAndEachSecretReadOnce() {
        var spec = TestInstances.full("forum").getSpec();
        spec.getExtraEnv().add(new EnvVarBuilder().withName("EXTRA").withNewValueFrom().withNewSecretKeyRef()
                .withName("s3").withKey("extra").endSecretKeyRef().endValueFrom().build());
        spec.getExtraEnv().add(new EnvVarBuilder().withName("MAYBE").withNewValueFrom().withNewSecretKeyRef()
                .withName("absent").withKey("k").withOptional(true).endSecretKeyRef().endValueFrom().build());
        List<String> reads = new ArrayList<>();
        Map<String, Secret> cluster = Map.of("s3", new SecretBuilder().withNewMetadata().withName("s3").endMetadata()
                .addToData("access-key-id", "eA==").build());

        List<String> problems = InstanceSecrets.problems(spec, name -> {
            reads.add(name);
            return Optional.ofNullable(cluster.get(name));
        });

        assertThat(problems).containsExactly(
                "Secret smtp (smtp.passwordSecretRef) not found",
                "Secret s3 has no key secret-access-key (s3.secretAccessKeySecretRef)",
                "Secret oidc (oidc.clientSecretRef) not found",
                "Secret s3 has no key extra (extraEnv EXTRA)");
        assertThat(reads).as("an optional key is the user's to leave out").containsExactly("smtp", "s3", "oidc");
    }

    @Test
    void aSpecThatNamesNoSecretReadsNone() {
        assertThat(InstanceSecrets.named(TestInstances.minimal("forum").getSpec())).isEmpty();
    }
}
