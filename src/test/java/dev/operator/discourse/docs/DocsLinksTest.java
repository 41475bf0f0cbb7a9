package dev.operator.discourse.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README is a front page and the reference lives in docs/: every relative link between them (and into the
 * repository) must lead somewhere, so that moving or renaming a file or a heading cannot leave a dead link.
 * A link {@code file.md#anchor} (or {@code #anchor}) must name a heading of that file, by the anchor GitHub
 * gives it.
 */
class DocsLinksTest {

    static final Path README = Path.of("README.md");
    static final Path DOCS = Path.of("docs");

    /** {@code [text](target)} and {@code ![alt](target)}, with an optional title. */
    static final Pattern INLINE_LINK = Pattern.compile("!?\\[(?:[^\\]\\\\]|\\\\.)*]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    /** {@code [label]: target} */
    static final Pattern REFERENCE_LINK = Pattern.compile("^\\s{0,3}\\[[^\\]]+]:\\s*<?(\\S+?)>?(?:\\s+.*)?$");
    /** {@code <a id="...">} or {@code <a name="...">}: an anchor without a heading. */
    static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:id|name)=\"([^\"]+)\"");
    static final Pattern HEADING = Pattern.compile("^\\s{0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    static final Pattern FENCE = Pattern.compile("^\\s{0,3}(```|~~~)");
    static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

    static List<Path> documents() throws IOException {
        List<Path> files = new ArrayList<>(List.of(README));
        try (Stream<Path> docs = Files.list(DOCS)) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        return files;
    }

    @Test
    void everyRelativeLinkInTheReadmeAndTheDocsLeadsToAFileAndHeadingThatExist() throws IOException {
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path file : documents()) {
            List<String> targets = relativeLinks(Files.readString(file));
            links += targets.size();
            broken.addAll(brokenLinks(file, targets));
        }
        assertThat(links).as("relative links found in README.md and docs/ (the check must check something)")
                .isGreaterThan(20);
        assertThat(broken).as("broken links in README.md and docs/").isEmpty();
    }

    @Test
    void theReadmeLinksToEveryDocument() throws IOException {
        Set<Path> linked = new LinkedHashSet<>();
        for (String target : relativeLinks(Files.readString(README))) {
            linked.add(Path.of(stripAnchor(target)).normalize());
        }
        for (Path doc : documents().subList(1, documents().size())) {
            assertThat(linked).as("README.md links to %s (its table of documents)", doc).contains(doc.normalize());
        }
    }

    @Test
    void aMissingFileAMissingHeadingAndAMissingAnchorInTheSameFileAreEachReported(@TempDir Path dir)
            throws IOException {
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("docs/present.md"), "# Present\n\n## The `spec` of it\n\n<a id=\"kept\"></a>\n");
        Path readme = dir.resolve("README.md");
        Files.writeString(readme, String.join("\n",
                "# Front",
                "[ok](docs/present.md) [ok](docs/present.md#the-spec-of-it) [ok](docs/present.md#kept)",
                "[ok](#front) [ok](docs/) [web](https://example.com/x.md#nothing) [mail](mailto:a@example.com)",
                "[gone](docs/absent.md) [no heading](docs/present.md#absent) ![no image](img/none.png)",
                "[here, no heading](#nowhere)",
                "`[in code](docs/in-code.md)`",
                "```",
                "[in a fence](docs/in-fence.md)",
                "```",
                "[ref]: docs/also-absent.md"));
        List<String> links = relativeLinks(Files.readString(readme));
        assertThat(links).doesNotContain("docs/in-code.md", "docs/in-fence.md", "https://example.com/x.md#nothing");
        assertThat(brokenLinks(readme, links)).containsExactly(
                readme + ": docs/absent.md (no such file)",
                readme + ": docs/present.md#absent (no heading with that anchor)",
                readme + ": img/none.png (no such file)",
                readme + ": #nowhere (no heading with that anchor)",
                readme + ": docs/also-absent.md (no such file)");
    }

    @Test
    void anchorsAreGitHubs() {
        assertThat(anchors(String.join("\n",
                "# DiscourseInstance `spec`",
                "## After changing an API class, RBAC, a sample or the chart settings",
                "## [Linked](x.md) *emphasis* and **strong**",
                "## Test tiers",
                "## Test tiers",
                "### snake_case & co.")))
                .containsExactly("discourseinstance-spec", "after-changing-an-api-class-rbac-a-sample-or-the-chart-settings",
                        "linked-emphasis-and-strong", "test-tiers", "test-tiers-1", "snake_case--co");
    }

    /** The relative link targets of a Markdown text, outside code spans and fenced blocks. */
    static List<String> relativeLinks(String markdown) {
        List<String> targets = new ArrayList<>();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (FENCE.matcher(line).find()) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            String text = line.replaceAll("`[^`]*`", "``");
            Matcher reference = REFERENCE_LINK.matcher(text);
            if (reference.matches()) {
                targets.add(reference.group(1));
                continue;
            }
            Matcher inline = INLINE_LINK.matcher(text);
            while (inline.find()) {
                targets.add(inline.group(1));
            }
        }
        return targets.stream().filter(t -> !SCHEME.matcher(t).find() && !t.startsWith("//")).toList();
    }

    /** Each target of {@code file} that names no existing file, or no heading of an existing Markdown file. */
    static List<String> brokenLinks(Path file, List<String> targets) {
        List<String> broken = new ArrayList<>();
        Map<Path, Set<String>> anchorsByFile = new HashMap<>();
        for (String target : targets) {
            String path = stripAnchor(target);
            Path resolved = path.isEmpty() ? file : resolve(file, path);
            if (!Files.exists(resolved)) {
                broken.add(file + ": " + target + " (no such file)");
                continue;
            }
            int hash = target.indexOf('#');
            if (hash < 0 || !resolved.toString().endsWith(".md")) {
                continue;
            }
            String anchor = target.substring(hash + 1);
            Set<String> known = anchorsByFile.computeIfAbsent(resolved.normalize(), DocsLinksTest::anchorsOf);
            if (!known.contains(anchor)) {
                broken.add(file + ": " + target + " (no heading with that anchor)");
            }
        }
        return broken;
    }

    static Path resolve(Path file, String path) {
        Path base = file.toAbsolutePath().getParent();
        return base.resolve(java.net.URLDecoder.decode(path, java.nio.charset.StandardCharsets.UTF_8)).normalize();
    }

    static String stripAnchor(String target) {
        int hash = target.indexOf('#');
        return hash < 0 ? target : target.substring(0, hash);
    }

    static Set<String> anchorsOf(Path markdown) {
        try {
            return anchors(Files.readString(markdown));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The anchors GitHub gives a Markdown text's headings (and its explicit {@code <a id>} anchors), in order. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (FENCE.matcher(line).find()) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher html = HTML_ANCHOR.matcher(line);
            while (html.find()) {
                anchors.add(html.group(1));
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = slug(heading.group(2));
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(n == 0 ? slug : slug + "-" + n);
            }
        }
        return anchors;
    }

    /** GitHub's heading anchor: the rendered text, lower-cased, punctuation dropped, each space a hyphen. */
    static String slug(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)]\\([^)]*\\)", "$1") // a link counts by its text
                .replaceAll("<[^>]+>", "") // inline HTML
                .replace("`", "")
                .replaceAll("(\\*+|(?<![\\p{L}\\p{N}])_+|_+(?![\\p{L}\\p{N}]))", ""); // emphasis
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "").replace(' ', '-');
    }
}
