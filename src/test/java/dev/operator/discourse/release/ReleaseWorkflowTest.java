package dev.operator.discourse.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.DiscourseInstanceSpec;
import dev.operator.discourse.install.BuildOutput;
import dev.operator.discourse.testsupport.RepoPaths;

/**
 * Every image and tag the release workflow pushes is what the install paths name, and the other way round: the
 * committed chart's {@code app.image}, the OLM bundle's CSV (its containerImage and its Deployment), the CRD's
 * default Discourse image that the samples run, the Discourse Dockerfile's version. The workflow's version is
 * the tag's, which its first job requires to be pom.xml's, so here it is pom.xml's. A rename or a version bump
 * on one side only fails this test.
 */
class ReleaseWorkflowTest {

    static final Path ROOT = RepoPaths.root();
    static final Path WORKFLOW = ROOT.resolve(".github/workflows/release.yml");
    static final Path CHART = ROOT.resolve("kubernetes/helm/discourse-operator");
    static final Path CSV = ROOT.resolve("target/bundle/discourse-operator/manifests/discourse-operator.clusterserviceversion.yaml");
    static final Path CRD = ROOT.resolve("kubernetes/crds/discourseinstances.discourse.operator.dev.yaml");
    static final Path SAMPLES = ROOT.resolve("kubernetes/samples");
    static final Path DISCOURSE_DOCKERFILE = ROOT.resolve("image/discourse/Dockerfile");
    static final String BUILD_PUSH_ACTION = "docker/build-push-action@";

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*([^}]+?)\\s*}}");
    private static final Pattern SHELL_VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");

    /** One docker/build-push-action step that pushes: its tags and build-args, resolved. */
    record ImagePush(String job, String file, String context, List<String> tags, List<String> buildArgs) {
    }

    /** What the workflow publishes. */
    record Pushes(List<ImagePush> images, List<String> charts, List<String> chartPackaging, Set<String> registries) {

        List<String> imageTags() {
            return images.stream().flatMap(p -> p.tags().stream()).toList();
        }
    }

    /** What the repository names, which the pushes must match. */
    record Names(String version, String chartImage, String chartName, List<String> csvImages, String discourseImage,
            List<String> sampleImages, String dockerfileDiscourseVersion) {
    }

    @Test
    void everyPushIsWhatTheChartTheCsvAndTheSamplesName() {
        Pushes pushes = pushes(read(WORKFLOW), projectVersion());
        Names names = names();
        System.out.println("release.yml pushes " + pushes.imageTags() + " and " + pushes.charts());
        assertThat(problems(pushes, names)).isEmpty();
        // and what is checked is real: the JVM image, the native one, Discourse with and without AI, the chart
        assertThat(pushes.imageTags()).hasSize(4);
        assertThat(pushes.charts()).hasSize(1);
        assertThat(names.chartImage()).endsWith(":" + names.version());
    }

    @Test
    void aNameOrTagThatDriftsOnEitherSideFails() {
        String workflow = read(WORKFLOW);
        String version = projectVersion();
        Names names = names();
        Map<String, List<String>> drifts = new LinkedHashMap<>();
        drifts.put("the Discourse version", List.of("DISCOURSE_VERSION: \"3.5.2\"", "DISCOURSE_VERSION: \"3.5.3\""));
        drifts.put("the operator's repository", List.of("OPERATOR_IMAGE: ghcr.io/discourse-operator/discourse-operator",
                "OPERATOR_IMAGE: ghcr.io/someone-else/discourse-operator"));
        drifts.put("the Discourse repository", List.of("DISCOURSE_IMAGE: ghcr.io/discourse-operator/discourse",
                "DISCOURSE_IMAGE: ghcr.io/discourse-operator/discourse-app"));
        drifts.put("the native tag", List.of("}}-native", "}}-nativ"));
        drifts.put("the AI tag", List.of("}}-ai", "}}-with-ai"));
        drifts.put("the AI build argument", List.of("DISCOURSE_AI=true", "DISCOURSE_AI=false"));
        drifts.put("the native Dockerfile", List.of("file: image/operator/Dockerfile.native", "file: image/operator/Dockerfile.jvm"));
        drifts.put("the chart's repository", List.of("CHART_REPOSITORY: oci://ghcr.io/discourse-operator/charts",
                "CHART_REPOSITORY: oci://ghcr.io/discourse-operator/helm"));
        drifts.put("the chart's app version", List.of("--app-version \"$VERSION\"", "--app-version \"0.0.1\""));
        drifts.put("the registry logged in to", List.of("REGISTRY: ghcr.io", "REGISTRY: docker.io"));
        for (Map.Entry<String, List<String>> drift : drifts.entrySet()) {
            String from = drift.getValue().get(0);
            assertThat(workflow).as(drift.getKey()).contains(from);
            String changed = workflow.replace(from, drift.getValue().get(1));
            assertThat(problems(pushes(changed, version), names)).as("workflow with another %s", drift.getKey())
                    .isNotEmpty();
        }
        // the repository's side: a chart, CSV or sample naming something the workflow does not push
        Pushes pushes = pushes(workflow, version);
        List<Names> others = List.of(
                new Names(version, names.chartImage().replace(version, "9.9.9"), names.chartName(), names.csvImages(),
                        names.discourseImage(), names.sampleImages(), names.dockerfileDiscourseVersion()),
                new Names(version, names.chartImage(), names.chartName(), List.of(names.chartImage() + "-other"),
                        names.discourseImage(), names.sampleImages(), names.dockerfileDiscourseVersion()),
                new Names(version, names.chartImage(), names.chartName(), names.csvImages(), names.discourseImage(),
                        List.of(names.discourseImage().replace("3.5.2", "3.5.1")), names.dockerfileDiscourseVersion()),
                new Names(version, names.chartImage(), names.chartName(), names.csvImages(), names.discourseImage(),
                        names.sampleImages(), "v3.6.0"));
        for (Names other : others) {
            assertThat(problems(pushes, other)).as("%s", other).isNotEmpty();
        }
    }

    /** Every mismatch between what the workflow pushes and what the repository names. */
    static List<String> problems(Pushes pushes, Names names) {
        List<String> problems = new ArrayList<>();
        String version = names.version();
        String operatorRepository = repository(names.chartImage());
        String discourseTag = tag(names.discourseImage());

        Set<String> expected = new LinkedHashSet<>();
        expected.add(names.chartImage());
        expected.add(operatorRepository + ":" + tag(names.chartImage()) + "-native");
        expected.add(names.discourseImage());
        expected.add(names.discourseImage() + "-ai");
        Set<String> pushed = new LinkedHashSet<>(pushes.imageTags());
        if (!pushed.equals(expected)) {
            problems.add("pushed images " + pushed + " are not the ones the chart and the CRD name " + expected);
        }
        if (!tag(names.chartImage()).equals(version)) {
            problems.add("the chart's app.image " + names.chartImage() + " is not tagged with the version " + version);
        }
        for (String image : names.csvImages()) {
            if (!image.equals(names.chartImage())) {
                problems.add("the CSV names " + image + ", the chart " + names.chartImage());
            }
        }
        for (String image : names.sampleImages()) {
            if (!pushed.contains(image)) {
                problems.add("a sample runs " + image + ", which the workflow does not push");
            }
        }
        if (!names.dockerfileDiscourseVersion().equals("v" + discourseTag)) {
            problems.add("image/discourse/Dockerfile builds " + names.dockerfileDiscourseVersion()
                    + ", the default image is tagged " + discourseTag);
        }
        for (ImagePush push : pushes.images()) {
            for (String image : push.tags()) {
                if (image.startsWith(operatorRepository + ":")) {
                    String dockerfile = image.endsWith("-native") ? "image/operator/Dockerfile.native"
                            : "image/operator/Dockerfile.jvm";
                    if (!dockerfile.equals(push.file()) || !".".equals(push.context())) {
                        problems.add(image + " is built from " + push.file() + " in " + push.context() + ", not "
                                + dockerfile + " in the repository root");
                    }
                } else if (image.startsWith(repository(names.discourseImage()) + ":")) {
                    List<String> args = new ArrayList<>(List.of("DISCOURSE_VERSION=v" + discourseTag));
                    if (image.endsWith("-ai")) {
                        args.add("DISCOURSE_AI=true");
                    }
                    if (!push.buildArgs().equals(args) || !"image/discourse".equals(push.context())) {
                        problems.add(image + " is built in " + push.context() + " with " + push.buildArgs()
                                + ", not in image/discourse with " + args);
                    }
                }
            }
        }
        String registry = operatorRepository.substring(0, operatorRepository.indexOf('/'));
        String owner = operatorRepository.substring(0, operatorRepository.lastIndexOf('/'));
        if (!pushes.registries().equals(Set.of(registry))) {
            problems.add("the workflow logs in to " + pushes.registries() + ", the images are on " + registry);
        }
        List<String> charts = List.of("oci://" + owner + "/charts/" + names.chartName() + ":" + version);
        if (!pushes.charts().equals(charts)) {
            problems.add("the chart is pushed as " + pushes.charts() + ", not " + charts);
        }
        List<String> packaging = List.of("helm package kubernetes/helm/" + names.chartName() + " --version " + version
                + " --app-version " + version + " --destination dist");
        if (!pushes.chartPackaging().equals(packaging)) {
            problems.add("the chart is packaged by " + pushes.chartPackaging() + ", not " + packaging);
        }
        return problems;
    }

    /** The pushes of a workflow, its expressions and shell variables resolved, the version being {@code version}. */
    @SuppressWarnings("unchecked")
    static Pushes pushes(String workflowText, String version) {
        Map<String, Object> workflow = yaml(workflowText);
        Map<String, String> workflowEnv = strings((Map<String, Object>) workflow.get("env"), Map.of(), version);
        List<ImagePush> images = new ArrayList<>();
        List<String> charts = new ArrayList<>();
        List<String> packaging = new ArrayList<>();
        Set<String> registries = new LinkedHashSet<>();
        Map<String, Object> jobs = (Map<String, Object>) workflow.get("jobs");
        jobs.forEach((jobName, jobValue) -> {
            Map<String, Object> job = (Map<String, Object>) jobValue;
            Map<String, String> jobEnv = new LinkedHashMap<>(workflowEnv);
            jobEnv.putAll(strings((Map<String, Object>) job.get("env"), workflowEnv, version));
            for (Map<String, Object> step : (List<Map<String, Object>>) job.getOrDefault("steps", List.of())) {
                Map<String, String> env = new LinkedHashMap<>(jobEnv);
                env.putAll(strings((Map<String, Object>) step.get("env"), jobEnv, version));
                String uses = String.valueOf(step.get("uses"));
                Map<String, Object> with = (Map<String, Object>) step.getOrDefault("with", Map.of());
                if (uses.startsWith(BUILD_PUSH_ACTION) && Boolean.TRUE.equals(with.get("push"))) {
                    images.add(new ImagePush(jobName, resolve(String.valueOf(with.get("file")), env, version),
                            resolve(String.valueOf(with.get("context")), env, version),
                            items(resolve(String.valueOf(with.get("tags")), env, version)),
                            items(resolve(String.valueOf(with.getOrDefault("build-args", "")), env, version))));
                }
                if (uses.startsWith("docker/login-action@")) {
                    registries.add(resolve(String.valueOf(with.get("registry")), env, version));
                }
                for (String line : String.valueOf(step.getOrDefault("run", "")).split("\n")) {
                    String command = line.strip();
                    if (command.contains("helm registry login")) {
                        registries.add(resolve(command.replaceAll(".*helm registry login\\s+(\\S+).*", "$1"), env, version)
                                .replace("\"", ""));
                    }
                    if (command.startsWith("helm package ")) {
                        packaging.add(resolve(command, env, version).replace("\"", ""));
                    }
                    if (command.startsWith("helm push ")) {
                        // helm push <name>-<version>.tgz oci://<registry>/<path>: pushed as <path>/<name>:<version>
                        String[] words = resolve(command, env, version).replace("\"", "").split("\\s+");
                        String file = Path.of(words[2]).getFileName().toString().replaceAll("\\.tgz$", "");
                        charts.add(file.endsWith("-" + version)
                                ? words[3] + "/" + file.substring(0, file.length() - version.length() - 1) + ":" + version
                                : words[3] + "/" + file + ":?");
                    }
                }
            }
        });
        return new Pushes(images, charts, packaging, registries);
    }

    /**
     * A value with {@code ${{ env.X }}}, {@code ${{ needs.version.outputs.version }}} and shell {@code $X} resolved;
     * anything else it cannot know (a secret, the actor) stays, and is then never what a name is compared to.
     */
    static String resolve(String value, Map<String, String> env, String version) {
        Matcher expressions = EXPRESSION.matcher(value);
        StringBuilder out = new StringBuilder();
        while (expressions.find()) {
            String expression = expressions.group(1);
            String replacement;
            if (expression.equals("needs.version.outputs.version") || expression.equals("steps.version.outputs.version")) {
                replacement = version;
            } else if (expression.startsWith("env.") && env.containsKey(expression.substring(4))) {
                replacement = env.get(expression.substring(4));
            } else {
                replacement = expressions.group();
            }
            expressions.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        expressions.appendTail(out);
        Matcher variables = SHELL_VARIABLE.matcher(out.toString());
        StringBuilder shell = new StringBuilder();
        while (variables.find()) {
            String name = variables.group(1);
            variables.appendReplacement(shell, Matcher.quoteReplacement(env.getOrDefault(name, variables.group())));
        }
        variables.appendTail(shell);
        return shell.toString();
    }

    static Map<String, String> strings(Map<String, Object> env, Map<String, String> outer, String version) {
        Map<String, String> result = new LinkedHashMap<>();
        if (env != null) {
            env.forEach((k, v) -> result.put(k, resolve(String.valueOf(v), outer, version)));
        }
        return result;
    }

    static List<String> items(String list) {
        return Stream.of(list.split("[,\n]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** What the repository names: the committed chart, the built CSV, the committed CRD, the samples, the Dockerfile. */
    @SuppressWarnings("unchecked")
    static Names names() {
        Map<String, Object> values = yaml(read(CHART.resolve("values.yaml")));
        String chartImage = (String) ((Map<String, Object>) values.get("app")).get("image");
        String chartName = (String) yaml(read(CHART.resolve("Chart.yaml"))).get("name");

        assertThat(CSV).withFailMessage("%s does not exist: run `mvn -B -ntp process-classes` (the Quarkus build) first",
                CSV).exists();
        Map<String, Object> csv = yaml(read(CSV));
        List<String> csvImages = new ArrayList<>();
        csvImages.add((String) ((Map<String, Object>) ((Map<String, Object>) csv.get("metadata")).get("annotations"))
                .get("containerImage"));
        Map<String, Object> install = (Map<String, Object>) ((Map<String, Object>) csv.get("spec")).get("install");
        for (Map<String, Object> deployment : (List<Map<String, Object>>) ((Map<String, Object>) install.get("spec"))
                .get("deployments")) {
            Map<String, Object> podSpec = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) deployment
                    .get("spec")).get("template")).get("spec");
            ((List<Map<String, Object>>) podSpec.get("containers")).forEach(c -> csvImages.add((String) c.get("image")));
        }

        String discourseImage = crdDefaultImage();
        assertThat(discourseImage).as("the CRD's default is the API's").isEqualTo(DiscourseInstanceSpec.DEFAULT_IMAGE);
        List<String> sampleImages = new ArrayList<>();
        try (Stream<Path> files = Files.list(SAMPLES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (Map<String, Object> doc : BuildOutput.documents(read(file))) {
                    if ("DiscourseInstance".equals(doc.get("kind"))) {
                        Object image = ((Map<String, Object>) doc.get("spec")).get("image");
                        sampleImages.add(image == null ? discourseImage : (String) image);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(sampleImages).as("kubernetes/samples/ has a DiscourseInstance").isNotEmpty();

        Matcher arg = Pattern.compile("(?m)^ARG DISCOURSE_VERSION=(\\S+)$").matcher(read(DISCOURSE_DOCKERFILE));
        assertThat(arg.find()).as("ARG DISCOURSE_VERSION in image/discourse/Dockerfile").isTrue();
        return new Names(projectVersion(), chartImage, chartName, csvImages, discourseImage, sampleImages, arg.group(1));
    }

    @SuppressWarnings("unchecked")
    static String crdDefaultImage() {
        Map<String, Object> crd = yaml(read(CRD));
        Map<String, Object> version = ((List<Map<String, Object>>) ((Map<String, Object>) crd.get("spec")).get("versions")).get(0);
        Map<String, Object> spec = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) version
                .get("schema")).get("openAPIV3Schema")).get("properties")).get("spec");
        Map<String, Object> image = (Map<String, Object>) ((Map<String, Object>) spec.get("properties")).get("image");
        return (String) image.get("default");
    }

    /** pom.xml's /project/version. */
    static String projectVersion() {
        try {
            var document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(ROOT.resolve("pom.xml").toFile());
            var children = document.getDocumentElement().getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                if ("version".equals(children.item(i).getNodeName())) {
                    return children.item(i).getTextContent().strip();
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot read pom.xml", e);
        }
        throw new IllegalStateException("pom.xml has no /project/version");
    }

    static String repository(String image) {
        return image.substring(0, image.lastIndexOf(':'));
    }

    static String tag(String image) {
        return image.substring(image.lastIndexOf(':') + 1);
    }

    static Map<String, Object> yaml(String text) {
        List<Map<String, Object>> docs = BuildOutput.documents(text);
        assertThat(docs).hasSize(1);
        return docs.get(0);
    }


    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
