package dev.operator.discourse.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CsvDescriptorsTest {

    @Test
    void displayNamesSplitCamelCase() {
        assertThat(CsvDescriptors.displayName("instanceRef")).isEqualTo("Instance ref");
        assertThat(CsvDescriptors.displayName("s3")).isEqualTo("S3");
        assertThat(CsvDescriptors.displayName("secretKeyBaseRetentionPolicy")).isEqualTo("Secret key base retention policy");
    }

    @Test
    void descriptorsComeFromTheSchemaAndConditionsAreMarked() {
        Map<String, Object> crd = Map.of("spec", Map.of("versions", List.of(Map.of("schema", Map.of("openAPIV3Schema",
                Map.of("properties", Map.of(
                        "spec", Map.of("properties", Map.of("hostname", Map.of("description", "Where the forum is"))),
                        "status", Map.of("properties", Map.of("conditions", Map.of())))))))));

        Map<String, Object> descriptors = CsvDescriptors.descriptors(crd);

        assertThat(descriptors.get("specDescriptors")).isEqualTo(List.of(
                Map.of("path", "hostname", "displayName", "Hostname", "description", "Where the forum is")));
        assertThat(descriptors.get("statusDescriptors")).isEqualTo(List.of(Map.of("path", "conditions",
                "displayName", "Conditions", "x-descriptors", List.of(CsvDescriptors.CONDITIONS))));
    }

    @Test
    void aCrdWithoutStatusGetsNoStatusDescriptors() {
        Map<String, Object> crd = Map.of("spec", Map.of("versions", List.of(Map.of("schema", Map.of("openAPIV3Schema",
                Map.of("properties", Map.of("spec", Map.of("properties", Map.of()))))))));
        assertThat(CsvDescriptors.descriptors(crd).get("statusDescriptors")).isEqualTo(List.of());
    }
}
