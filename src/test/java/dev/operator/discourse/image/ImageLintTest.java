package dev.operator.discourse.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.operator.discourse.api.v1alpha1.DiscourseInstanceSpec;
import dev.operator.discourse.instance.DesiredStatefulSet;
import dev.operator.discourse.workload.WorkloadNames;

/**
 * The image definitions cannot be built here (no container engine), so they are linted strictly instead:
 * pinned bases, non-root numeric users, no downloads by ADD, and for the Discourse image everything the
 * operator relies on (paths, port, user, command, signal handling, logs to stdout, no migrations at start),
 * read from the operator's own constants so the two cannot drift apart.
 */
class ImageLintTest {

    static final Path DISCOURSE = Path.of("image/discourse");
    static final Path OPERATOR = Path.of("image/operator");
    /** Where the image is documented, its plugins listed between {@code <!-- plugins -->} markers. */
    static final Path IMAGE_DOC = Path.of("docs/discourse-image.md");
    static final Pattern DIGEST = Pattern.compile("@sha256:[0-9a-f]{64}$");
    static final Pattern TAG = Pattern.compile("^[^@\\s]+/[^@\\s]+:([\\w][\\w.-]{0,127})$");

    static Dockerfile discourse() {
        return Dockerfile.parse(DISCOURSE.resolve("Dockerfile"));
    }

    static List<Dockerfile> all() {
        return List.of(discourse(), Dockerfile.parse(OPERATOR.resolve("Dockerfile.jvm")),
                Dockerfile.parse(OPERATOR.resolve("Dockerfile.native")));
    }

    @Test
    void everyBaseImageIsPinnedAndNamedInFull() {
        for (Dockerfile file : all()) {
            Set<String> stages = new HashSet<>();
            for (Dockerfile.Instruction from : file.all("FROM")) {
                String[] words = from.arguments().split("\\s+");
                String image = words[0];
                if (words.length == 3 && words[1].equalsIgnoreCase("AS")) {
                    stages.add(words[2]);
                }
                if (stages.contains(image)) {
                    continue;
                }
                assertThat(image).as("%s: FROM %s", file.path(), image).doesNotContain("$");
                assertThat(DIGEST.matcher(image).find() || TAG.matcher(image).matches())
                        .as("%s: FROM %s must carry a registry, a tag or a digest", file.path(), image).isTrue();
                Matcher tag = TAG.matcher(image);
                if (tag.matches()) {
                    assertThat(tag.group(1)).as("%s: FROM %s", file.path(), image)
                            .isNotEqualTo("latest").matches(".*\\d.*");
                }
            }
        }
    }

    @Test
    void noRemoteAddAndNoRootUser() {
        for (Dockerfile file : all()) {
            assertThat(file.all("ADD")).as("%s: ADD of a URL (use a pinned, checked download)", file.path())
                    .noneMatch(add -> add.arguments().matches("(?s).*\\b(https?|ftp)://.*"));
            String user = file.last("USER");
            assertThat(user).as("%s: USER in the final stage", file.path()).isNotNull().matches("\\d+(:\\d+)?");
            assertThat(Long.parseLong(user.split(":")[0])).as("%s: USER", file.path()).isPositive();
            // nothing after USER switches back
            List<Dockerfile.Instruction> users = file.finalStage("USER");
            assertThat(users).allMatch(u -> !u.arguments().startsWith("0") && !u.arguments().startsWith("root"));
        }
    }

    @Test
    void operatorImagesRunAsTheUserTheChartNames() throws IOException {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        String chartUser = properties.getProperty("quarkus.kubernetes.security-context.run-as-user");
        for (String name : List.of("Dockerfile.jvm", "Dockerfile.native")) {
            Dockerfile file = Dockerfile.parse(OPERATOR.resolve(name));
            assertThat(file.last("USER")).as(name).isEqualTo(chartUser);
            assertThat(file.all("FROM").get(0).arguments()).as(name).startsWith("registry.access.redhat.com/ubi9/");
            assertThat(file.last("EXPOSE")).as(name).isEqualTo("8080");
        }
    }

    @Test
    void discourseImageMatchesWhatTheOperatorRuns() {
        Dockerfile file = discourse();
        assertThat(file.last("WORKDIR")).isEqualTo(DesiredStatefulSet.APP_DIR);
        assertThat(file.last("EXPOSE")).isEqualTo(Integer.toString(WorkloadNames.HTTP_PORT));
        assertThat(file.last("USER")).isEqualTo(DesiredStatefulSet.DISCOURSE_UID + ":" + DesiredStatefulSet.DISCOURSE_UID);
        // The StatefulSet sets no command: the image's own must start Unicorn, through the signal-translating
        // entrypoint.
        assertThat(file.last("ENTRYPOINT")).isEqualTo("[\"/usr/local/bin/discourse-entrypoint\"]");
        assertThat(file.last("CMD")).isEqualTo("[\"bin/unicorn\", \"-c\", \"config/unicorn.conf.rb\"]");
        assertThat(file.finalStage("COPY")).anyMatch(c -> c.arguments().endsWith("entrypoint.sh /usr/local/bin/discourse-entrypoint"));
        assertThat(file.all("ENV").stream().map(Dockerfile.Instruction::arguments).toList()).anySatisfy(env -> assertThat(env)
                .contains("UNICORN_BIND_ALL=true").contains("UNICORN_PORT=3000").contains("RAILS_ENV=production")
                .contains("DISCOURSE_SERVE_STATIC_ASSETS=true"));
        // MigrationJobs run their scripts with /bin/sh: the base must be a full distribution image
        assertThat(file.all("FROM").get(file.all("FROM").size() - 1).arguments()).contains("-slim-bookworm");
    }

    @Test
    void discourseReleaseIsPinnedToTheOperatorsDefaultImage() {
        String arg = discourse().all("ARG").stream().map(Dockerfile.Instruction::arguments)
                .filter(a -> a.startsWith("DISCOURSE_VERSION=")).findFirst().orElseThrow();
        String version = arg.substring("DISCOURSE_VERSION=".length());
        assertThat(version).as("a release tag, not a branch").matches("v\\d+\\.\\d+\\.\\d+");
        String defaultImage = new DiscourseInstanceSpec().getImage();
        assertThat(defaultImage).endsWith(":" + version.substring(1));
        assertThat(discourse().all("RUN")).anyMatch(r -> r.arguments().contains("--branch \"${DISCOURSE_VERSION}\""));
    }

    @Test
    void theRecipeHasWhatDiscourseShellsOutTo() throws IOException {
        Dockerfile file = discourse();
        String text = Files.readString(DISCOURSE.resolve("Dockerfile"));
        // the Ruby discourse_docker and the charm built 3.5 with, in every stage
        assertThat(file.all("FROM")).filteredOn(f -> f.arguments().contains("/ruby:"))
                .allSatisfy(f -> assertThat(f.arguments()).contains("ruby:3.3.8-"));
        assertThat(arg(file, "PNPM_VERSION")).as("pnpm 9, as discourse_docker for 3.5").startsWith("9.");
        assertThat(text).contains("pnpm install --frozen-lockfile").doesNotContain("corepack enable");
        // ImageMagick 7's magick (discourse/discourse#27767), from a checksummed source release
        assertThat(arg(file, "IMAGEMAGICK_VERSION")).startsWith("7.");
        assertThat(arg(file, "IMAGEMAGICK_SHA256")).matches("[0-9a-f]{64}");
        assertThat(text).contains("sha256sum -c").contains("magick -version");
        // oxipng, which Discourse's PNG optimisation calls; optipng is no longer installed
        assertThat(arg(file, "OXIPNG_SHA256_AMD64")).matches("[0-9a-f]{64}");
        assertThat(arg(file, "OXIPNG_SHA256_ARM64")).matches("[0-9a-f]{64}");
        assertThat(file.finalStage("COPY")).anyMatch(c -> c.arguments().endsWith("/usr/local/bin/oxipng"));
        assertThat(uncommented(text)).doesNotContain("optipng").doesNotContain(" imagemagick ");
        // pg_dump for backups, no older than any server the operator accepts
        assertThat(Integer.parseInt(arg(file, "PG_CLIENT_MAJOR")))
                .isGreaterThanOrEqualTo(dev.operator.discourse.relation.database.PostgresCheck.MINIMUM_VERSION_NUM / 10000);
        assertThat(file.finalStage("RUN")).anyMatch(r -> r.arguments().contains("\"postgresql-client-${PG_CLIENT_MAJOR}\"")
                && r.arguments().contains("pg_dump --version"));
        // Discourse AI only on request: its migrations need the vector extension
        assertThat(arg(file, "DISCOURSE_AI")).isEqualTo("false");
        assertThat(text).contains("if [ \"${DISCOURSE_AI}\" != \"true\" ]; then rm -rf plugins/discourse-ai; fi");
    }

    static String arg(Dockerfile file, String name) {
        return file.all("ARG").stream().map(Dockerfile.Instruction::arguments).filter(a -> a.startsWith(name + "="))
                .map(a -> a.substring(name.length() + 1)).findFirst()
                .orElseThrow(() -> new AssertionError("no ARG " + name + " in " + file.path()));
    }

    @Test
    void stopSignalIsGracefulForUnicorn() throws IOException {
        assertThat(discourse().last("STOPSIGNAL")).isEqualTo("SIGQUIT");
        String script = Files.readString(DISCOURSE.resolve("entrypoint.sh"));
        assertThat(script).containsPattern("(?m)^trap \\w+ .*\\bTERM\\b").containsPattern("(?m)^stop_signal=QUIT$");
        // the pod gives Unicorn time to finish: at least the 20 s REFERENCE.md asks for
        assertThat(DesiredStatefulSet.TERMINATION_GRACE_SECONDS).isGreaterThanOrEqualTo(20);
    }

    @Test
    void logsGoToStdoutAndStderr() {
        List<String> runs = discourse().finalStage("RUN").stream().map(Dockerfile.Instruction::arguments).toList();
        assertThat(runs).anySatisfy(run -> assertThat(run)
                .contains("ln -sf /dev/stdout log/production.log")
                .contains("ln -sf /dev/stdout log/unicorn.stdout.log")
                .contains("ln -sf /dev/stderr log/unicorn.stderr.log"));
    }

    @Test
    void nothingRunsMigrationsOrWritesDiscourseConf() throws IOException {
        String dockerfile = Files.readString(DISCOURSE.resolve("Dockerfile"));
        String script = Files.readString(DISCOURSE.resolve("entrypoint.sh"));
        for (String text : List.of(dockerfile, script)) {
            assertThat(uncommented(text)).doesNotContain("db:migrate").doesNotContain("> config/discourse.conf");
        }
        assertThat(dockerfile).contains("assets:precompile");
    }

    @Test
    void pluginsArePinnedByFullCommitAndArePluginsNotThemes() throws IOException {
        List<String[]> plugins = plugins();
        for (String[] plugin : plugins) {
            assertThat(plugin).as("line %s", String.join(" ", plugin)).hasSize(3);
            assertThat(plugin[1]).as(plugin[0]).startsWith("https://github.com/").endsWith(".git");
            assertThat(plugin[2]).as("%s pinned by a full commit id", plugin[0]).matches("[0-9a-f]{40}");
            // Discourse names theme repositories *-theme and *-theme-component; under plugins/ they load nothing.
            // scripts/check-plugin-pins.sh checks plugin.rb at the pin itself, with network.
            assertThat(plugin[0] + " " + plugin[1]).as("%s is a theme, not a plugin", plugin[0])
                    .doesNotContainPattern("-theme(-component)?(\\.git)?(\\s|$)");
            assertThat(plugin[1]).as("%s: the repository by its current name", plugin[0])
                    .doesNotContain("canonical-web-and-design");
        }
        Set<String> names = new LinkedHashSet<>(plugins.stream().map(p -> p[0]).toList());
        assertThat(names).as("the plugins %s lists", IMAGE_DOC).containsExactlyInAnyOrderElementsOf(documentedPlugins());
        // every plugin REFERENCE.md relies on (the metrics come from discourse-prometheus) is in the image
        Path reference = Path.of("../shared/REFERENCE.md");
        if (Files.exists(reference)) {
            Matcher named = Pattern.compile("(discourse-[a-z-]+) plugin").matcher(Files.readString(reference));
            while (named.find()) {
                assertThat(names).as("REFERENCE.md names %s", named.group(1)).contains(named.group(1));
            }
        }
    }

    static List<String[]> plugins() throws IOException {
        List<String[]> plugins = new ArrayList<>();
        for (String line : Files.readAllLines(DISCOURSE.resolve("plugins.txt"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                plugins.add(line.strip().split("\\s+"));
            }
        }
        return plugins;
    }

    /** The plugin names listed in the Discourse image's documentation (the one place a reader looks them up). */
    static List<String> documentedPlugins() throws IOException {
        String doc = Files.readString(IMAGE_DOC);
        int start = doc.indexOf("<!-- plugins -->");
        int end = doc.indexOf("<!-- /plugins -->");
        assertThat(start).as("%s holds the plugin list between <!-- plugins --> markers", IMAGE_DOC).isNotNegative();
        assertThat(end).as("%s closes the plugin list with <!-- /plugins -->", IMAGE_DOC).isGreaterThan(start);
        Matcher m = Pattern.compile("`(discourse-[a-z-]+)`").matcher(doc.substring(start, end));
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    static String uncommented(String text) {
        return String.join("\n", text.lines().filter(l -> !l.strip().startsWith("#")).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = { "image/discourse/entrypoint.sh", "image/discourse/sidekiq-alive.sh", "scripts/sync-manifests.sh",
            "scripts/check-plugin-pins.sh" })
    void shellScriptsPassBashAndShellcheck(String script) throws Exception {
        assertThat(run("bash", "-n", script)).as("bash -n %s", script).isEmpty();
        assertThat(Files.isExecutable(Path.of(script))).as("%s is executable", script).isTrue();
        // shellcheck comes from Debian through scripts/setup-test-env.sh; a machine without it fails here
        // rather than passing unchecked.
        assertThat(Stream.of("/usr/bin/shellcheck", "/usr/local/bin/shellcheck").anyMatch(p -> Files.isExecutable(Path.of(p))))
                .as("shellcheck is installed (scripts/setup-test-env.sh)").isTrue();
        assertThat(run("shellcheck", "--severity=style", script)).as("shellcheck %s", script).isEmpty();
    }

    /** Runs a command; returns its output when it fails, "" when it succeeds. */
    static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process.exitValue() == 0 ? "" : "exit " + process.exitValue() + ":\n" + output;
    }
}
