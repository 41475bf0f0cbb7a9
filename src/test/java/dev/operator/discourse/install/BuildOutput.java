package dev.operator.discourse.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.javaoperatorsdk.operator.ReconcilerUtils;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;

/**
 * What this build generated (the Quarkus build runs before the tests, see pom.xml), and the reconcilers it holds.
 * The install-path tests compare the chart, bundle and committed manifests against these, so a reconciler added
 * without its wiring is noticed without anyone listing reconcilers in a test.
 */
public final class BuildOutput {

    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path TARGET = ROOT.resolve("target");
    static final Path CHART = TARGET.resolve("helm/kubernetes/discourse-operator");
    static final Path KUBERNETES = TARGET.resolve("kubernetes");
    static final Path BUNDLE = TARGET.resolve("bundle/discourse-operator");
    static final String OPERATOR = "discourse-operator";

    private static final YAMLMapper YAML = new YAMLMapper();

    private BuildOutput() {
    }

    /** Fails with the way out when the build output is missing (e.g. an IDE ran the test without Maven). */
    static Path require(Path path) {
        assertThat(path)
                .withFailMessage("%s does not exist: run `mvn -B -ntp process-classes` (the Quarkus build) first", path)
                .exists();
        return path;
    }

    /**
     * The name of every reconciler in target/classes: each class carrying {@code @ControllerConfiguration}, named
     * as the operator SDK names it (the annotation's name, else its default), which is also what the
     * {@code QUARKUS_OPERATOR_SDK_CONTROLLERS_<NAME>_NAMESPACES} setting and the {@code <name>-cluster-role}
     * ClusterRole are derived from.
     */
    @SuppressWarnings("unchecked")
    static List<String> reconcilerNames() {
        Path classes = require(TARGET.resolve("classes"));
        TreeSet<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String className = classes.relativize(file).toString()
                        .replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type;
                try {
                    type = Class.forName(className, false, BuildOutput.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;
                }
                if (type.isAnnotationPresent(ControllerConfiguration.class) && Reconciler.class.isAssignableFrom(type)) {
                    names.add(ReconcilerUtils.getNameFor((Class<? extends Reconciler<?>>) type));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(names).withFailMessage("no @ControllerConfiguration class found under %s", classes).isNotEmpty();
        return List.copyOf(names);
    }

    /** The env var through which the operator SDK sets a reconciler's watched namespaces. */
    static String namespacesEnv(String reconciler) {
        return "QUARKUS_OPERATOR_SDK_CONTROLLERS_" + reconciler.toUpperCase().replace('-', '_') + "_NAMESPACES";
    }

    /** Every YAML document of a (multi-document) text, empty documents left out. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> documents(String yaml) {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (MappingIterator<Object> it = YAML.readerFor(Object.class).readValues(yaml)) {
            while (it.hasNext()) {
                Object doc = it.next();
                if (doc instanceof Map<?, ?> map && !map.isEmpty()) {
                    docs.add((Map<String, Object>) map);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    static List<Map<String, Object>> documents(Path file) {
        try {
            return documents(Files.readString(require(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> yamlObject(Path file) {
        List<Map<String, Object>> docs = documents(file);
        assertThat(docs).as("documents in %s", file).hasSize(1);
        return docs.get(0);
    }

    static List<Map<String, Object>> ofKind(List<Map<String, Object>> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    static String name(Map<String, Object> doc) {
        return (String) map(doc, "metadata").get("name");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String... path) {
        Object current = parent;
        for (String key : path) {
            current = current == null ? null : ((Map<String, Object>) current).get(key);
        }
        return (Map<String, Object>) current;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> parent, String... path) {
        Map<String, Object> holder = path.length == 1 ? parent : map(parent, java.util.Arrays.copyOf(path, path.length - 1));
        return holder == null ? null : (List<Map<String, Object>>) holder.get(path[path.length - 1]);
    }
}
