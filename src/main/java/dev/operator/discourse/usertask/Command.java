package dev.operator.discourse.usertask;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One process to start in the Discourse container: argv (never run through a shell), what to write to its
 * stdin, extra environment, working directory. User input travels only in stdin or env, never inside code.
 */
public record Command(List<String> argv, String stdin, Map<String, String> env, String workdir) {

    public Command {
        argv = List.copyOf(argv);
        stdin = stdin == null ? "" : stdin;
        env = Collections.unmodifiableMap(new TreeMap<>(env));
    }

    /** Stdin may hold a password: it is never printed, only its length. */
    @Override
    public String toString() {
        return "Command[argv=" + argv + ", stdin=<" + stdin.length() + " chars hidden>, env=" + env + ", workdir="
                + workdir + "]";
    }
}
