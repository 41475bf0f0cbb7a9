package dev.operator.discourse.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Dockerfile read the way the builder reads it: comments dropped, continuation lines joined, one
 * {@link Instruction} per instruction, grouped by build stage. Enough to lint what matters without a builder.
 */
record Dockerfile(Path path, List<Instruction> instructions) {

    record Instruction(String keyword, String arguments, int stage) {
    }

    static Dockerfile parse(Path path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int stage = -1;
        for (String raw : lines) {
            String line = raw.strip();
            if (current.isEmpty() && (line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            if (!current.isEmpty() && line.startsWith("#")) {
                continue; // a comment inside a continued instruction
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            String text = current.toString().strip();
            current.setLength(0);
            int space = text.indexOf(' ');
            String keyword = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
            String arguments = space < 0 ? "" : text.substring(space + 1).strip();
            if (keyword.equals("FROM")) {
                stage++;
            }
            instructions.add(new Instruction(keyword, arguments, stage));
        }
        return new Dockerfile(path, List.copyOf(instructions));
    }

    List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    int finalStage() {
        return instructions.stream().mapToInt(Instruction::stage).max().orElse(-1);
    }

    /** The instructions of the stage that becomes the image. */
    List<Instruction> finalStage(String keyword) {
        int last = finalStage();
        return all(keyword).stream().filter(i -> i.stage() == last).toList();
    }

    /** The value of the last instruction of this kind in the final stage, or null. */
    String last(String keyword) {
        List<Instruction> found = finalStage(keyword);
        return found.isEmpty() ? null : found.get(found.size() - 1).arguments();
    }
}
