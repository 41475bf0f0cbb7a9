package dev.operator.discourse.image;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks image/discourse/plugins.txt against GitHub, as Discourse itself would pick each plugin's commit: for
 * the Discourse release in the Dockerfile, the commit that the plugin's {@code .discourse-compatibility} (on its
 * default branch) names, or that branch's head when no entry applies; and at the pinned commit a
 * {@code plugin.rb} and no theme {@code about.json}. Needs network access, so it runs by hand
 * ({@code scripts/check-plugin-pins.sh}), not in the test suite. Exit 0 when every pin is right.
 */
public final class PluginPinCheck {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private PluginPinCheck() {
    }

    public static void main(String[] args) throws Exception {
        Path image = Path.of(args.length > 0 ? args[0] : "image/discourse");
        String version = discourseVersion(Files.readString(image.resolve("Dockerfile")));
        List<String> problems = new ArrayList<>();
        for (String line : Files.readAllLines(image.resolve("plugins.txt"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] p = line.strip().split("\\s+");
            String repo = p[1].replaceFirst("^https://github.com/", "").replaceFirst("\\.git$", "");
            Optional<String> compat = get("https://raw.githubusercontent.com/" + repo + "/HEAD/.discourse-compatibility");
            String expected = compat.flatMap(c -> DiscourseCompatibility.select(c, version))
                    .orElseGet(() -> head(repo));
            String verdict = expected.startsWith(p[2]) || p[2].startsWith(expected) ? "ok" : "WRONG";
            if (verdict.equals("WRONG")) {
                problems.add(p[0] + ": pinned " + p[2] + ", Discourse " + version + " takes " + expected);
            }
            if (get("https://raw.githubusercontent.com/" + repo + "/" + p[2] + "/plugin.rb").isEmpty()) {
                problems.add(p[0] + ": no plugin.rb at " + p[2] + " (a theme component is installed as a theme)");
            }
            if (get("https://raw.githubusercontent.com/" + repo + "/" + p[2] + "/about.json").isPresent()) {
                problems.add(p[0] + ": about.json at " + p[2] + ": a theme, not a plugin");
            }
            System.out.printf("%-28s %s pinned %s, compatibility file %s%n", p[0], verdict, p[2],
                    compat.isPresent() ? "names " + expected : "absent: default branch head " + expected);
        }
        problems.forEach(problem -> System.out.println("PROBLEM " + problem));
        System.exit(problems.isEmpty() ? 0 : 1);
    }

    static String discourseVersion(String dockerfile) {
        Matcher m = Pattern.compile("(?m)^ARG DISCOURSE_VERSION=v(\\S+)$").matcher(dockerfile);
        if (!m.find()) {
            throw new IllegalStateException("no ARG DISCOURSE_VERSION=v... in the Dockerfile");
        }
        return m.group(1);
    }

    private static String head(String repo) {
        Optional<String> json = get("https://api.github.com/repos/" + repo + "/commits/HEAD");
        Matcher m = Pattern.compile("\"sha\"\\s*:\\s*\"([0-9a-f]{40})\"").matcher(json.orElse(""));
        return m.find() ? m.group(1) : "(head unknown)";
    }

    private static Optional<String> get(String url) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
