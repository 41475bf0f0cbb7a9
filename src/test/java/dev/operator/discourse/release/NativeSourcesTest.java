package dev.operator.discourse.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.operator.discourse.testsupport.RepoPaths;

/**
 * What Quarkus' native build hands the image builder (target/native-sources, written by
 * scripts/build-native-sources.sh, which scripts/test.sh runs first): the native-image command line, the runner
 * jar with the reflection and resource configuration the extensions registered, and the builder version. The
 * native binary itself is never built here (no GraalVM/Mandrel); this is as far as the build goes without one.
 *
 * <p>Run by scripts/test.sh (which sets {@value #REQUIRED_ENV}) a missing target/native-sources is a failure;
 * run on its own without it, the test is skipped with the command that writes it.
 */
class NativeSourcesTest {

    static final String REQUIRED_ENV = "DISCOURSE_OPERATOR_REQUIRE_NATIVE_SOURCES";
    static final Path ROOT = RepoPaths.root();
    static final Path SOURCES = ROOT.resolve("target/native-sources");
    static final Path API_CLASSES = ROOT.resolve("target/classes/dev/operator/discourse/api");
    /**
     * The native-image features the extensions in use register (quarkus-jdbc-postgresql's SQLXML support; the
     * core's generated registration feature and its logging and console ones). Another extension, or one fewer,
     * changes this list: check the new build's native-image.args and update it.
     */
    static final Set<String> FEATURES = Set.of(
            "io.quarkus.runner.Feature",
            "io.quarkus.jdbc.postgresql.runtime.graal.SQLXMLFeature",
            "io.quarkus.runtime.graal.DisableLoggingFeature",
            "io.quarkus.runtime.graal.SkipConsoleServiceProvidersFeature");

    static List<String> args;
    static Path runner;

    /** Per test, not per class: a class whose set-up aborts is reported with no test at all, not as skipped. */
    @BeforeEach
    void nativeSources() throws IOException {
        if (args != null) {
            return;
        }
        Path argsFile = SOURCES.resolve("native-image.args");
        if (!Files.isRegularFile(argsFile)) {
            String how = "run scripts/build-native-sources.sh (scripts/test.sh runs it first)";
            assertThat("1".equals(System.getenv(REQUIRED_ENV)))
                    .withFailMessage("%s is missing although scripts/test.sh asked for it: the native build steps failed; %s",
                            argsFile, how)
                    .isFalse();
            Assumptions.abort(argsFile + " is missing: " + how);
        }
        List<String> read = Arrays.asList(Files.readString(argsFile).strip().split("\\s+"));
        int jar = read.indexOf("-jar");
        assertThat(jar).as("-jar in native-image.args").isNotNegative();
        runner = SOURCES.resolve(read.get(jar + 1));
        args = read;
    }

    @Test
    void noFallbackToAJvm() {
        assertThat(args).contains("--no-fallback").doesNotContain("--auto-fallback", "--force-fallback");
    }

    @Test
    void theExtensionsFeaturesAreThereAndOnTheClasspath() throws IOException {
        List<String> features = args.stream().filter(a -> a.startsWith("--features="))
                .flatMap(a -> Arrays.stream(a.substring("--features=".length()).split(","))).toList();
        assertThat(features).containsExactlyInAnyOrderElementsOf(FEATURES);
        for (String feature : features) {
            assertThat(classpathHas(feature.replace('.', '/') + ".class"))
                    .as("feature %s is in the runner jar or lib/", feature).isTrue();
        }
    }

    @Test
    void theRunnerJarAndEveryJarOnItsClassPathAreThere() throws IOException {
        assertThat(runner).isRegularFile();
        try (JarFile jar = new JarFile(runner.toFile())) {
            String classPath = jar.getManifest().getMainAttributes().getValue("Class-Path");
            assertThat(classPath).isNotBlank();
            for (String entry : classPath.strip().split("\\s+")) {
                assertThat(SOURCES.resolve(entry)).as("Class-Path entry %s", entry).isRegularFile();
            }
        }
        // the binary is named after the build, as the release workflow and Dockerfile.native expect
        assertThat(args).anyMatch(a -> a.matches("[\\w.-]+-runner"));
    }

    @Test
    void everyApiClassIsRegisteredForReflection() throws IOException {
        List<String> apiClasses;
        try (Stream<Path> files = Files.walk(API_CLASSES)) {
            apiClasses = files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> ROOT.resolve("target/classes").relativize(f).toString()
                            .replace('/', '.').replaceAll("\\.class$", ""))
                    .sorted().toList();
        }
        assertThat(apiClasses).as("classes under src/main/java/dev/operator/discourse/api").hasSizeGreaterThan(20);

        JsonNode reflection = jsonInRunner("META-INF/native-image/reflect-config.json");
        Map<String, JsonNode> registered = new java.util.HashMap<>();
        reflection.forEach(entry -> registered.put(entry.get("name").asText(), entry));
        List<String> problems = new ArrayList<>();
        for (String type : apiClasses) {
            JsonNode entry = registered.get(type);
            if (entry == null) {
                problems.add(type + " is not registered");
                continue;
            }
            for (String all : List.of("allDeclaredConstructors", "allDeclaredMethods", "allDeclaredFields")) {
                if (!entry.path(all).asBoolean(false)) {
                    problems.add(type + " lacks " + all);
                }
            }
        }
        assertThat(problems).as("reflection registration of the API classes (Jackson reads and writes them in the "
                + "native binary)").isEmpty();
    }

    @Test
    void theDashboardsAndLokiRulesAreIncludedResources() throws IOException {
        JsonNode config = jsonInRunner("META-INF/native-image/resource-config.json");
        List<Pattern> includes = new ArrayList<>();
        config.path("resources").path("includes").forEach(i -> includes.add(Pattern.compile(i.get("pattern").asText())));
        List<String> resources = new ArrayList<>();
        try (Stream<Path> dashboards = Files.list(ROOT.resolve("grafana")); Stream<Path> rules = Files.list(ROOT.resolve("loki"))) {
            dashboards.filter(f -> f.toString().endsWith(".json")).forEach(f -> resources.add("dashboards/" + f.getFileName()));
            rules.filter(f -> f.toString().endsWith(".yaml")).forEach(f -> resources.add("loki/" + f.getFileName()));
        }
        assertThat(resources).isNotEmpty();
        for (String resource : resources) {
            assertThat(includes).as("%s is included in the native image (quarkus.native.resources.includes)", resource)
                    .anyMatch(p -> p.matcher(resource).matches());
            assertThat(classpathHas(resource)).as("%s is on the native classpath", resource).isTrue();
        }
    }

    @Test
    void theBuilderVersionIsNamed() throws IOException {
        String version = Files.readString(SOURCES.resolve("graalvm.version")).strip();
        assertThat(version).matches("\\d+\\.\\d+(\\.\\d+)?");
        assertThat(Integer.parseInt(version.split("\\.")[0])).as("GraalVM/Mandrel major version").isGreaterThanOrEqualTo(23);
    }

    JsonNode jsonInRunner(String entry) throws IOException {
        try (JarFile jar = new JarFile(runner.toFile())) {
            var found = jar.getEntry(entry);
            assertThat(found).as("%s in %s", entry, runner.getFileName()).isNotNull();
            try (InputStream in = jar.getInputStream(found)) {
                return new ObjectMapper().readTree(in);
            }
        }
    }

    /** Whether the runner jar or one of target/native-sources/lib/*.jar holds this entry. */
    static boolean classpathHas(String entry) throws IOException {
        List<Path> jars = new ArrayList<>(List.of(runner));
        try (Stream<Path> lib = Files.list(SOURCES.resolve("lib"))) {
            jars.addAll(lib.filter(f -> f.toString().endsWith(".jar")).toList());
        }
        for (Path path : jars) {
            try (JarFile jar = new JarFile(path.toFile())) {
                if (jar.getEntry(entry) != null) {
                    return true;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(path.toString(), e);
            }
        }
        return false;
    }
}
