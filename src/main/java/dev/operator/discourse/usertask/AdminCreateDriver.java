package dev.operator.discourse.usertask;

import java.util.List;

/**
 * Answers Discourse's {@code rake admin:create} by what it asks, never by position. The task asks through
 * HighLine, and which questions come depends on the site: "Full name:" when full_name_requirement is
 * required_at_signup, "Email:" again when it refuses the account (a rejected password, say). Answers piped in
 * order would then land on the wrong prompts, so a small Ruby program in the Discourse container runs the task,
 * reads its output up to each prompt and answers the prompt it recognises; a prompt it does not expect stops
 * the task with exit {@value #UNEXPECTED_PROMPT} and a message saying what was asked. The prompts are those of
 * discourse/discourse lib/tasks/admin.rake (CONTRACT.md, "Commands").
 *
 * <p>Input: the email and whether to grant admin in env ({@link UserTaskCommands#EMAIL_ENV}, {@link #ADMIN_ENV},
 * {@link #MODE_ENV}), the password on stdin (never in env or argv, where /proc would show it).
 */
public final class AdminCreateDriver {

    public static final String ADMIN_ENV = "USER_TASK_ADMIN";
    /** "create" makes a new account (and refuses to reset an existing one's password); "promote" grants admin. */
    public static final String MODE_ENV = "USER_TASK_MODE";
    public static final int UNEXPECTED_PROMPT = 4;
    /** Seconds without output after which the task is taken to wait for an answer nobody knows. */
    public static final int SILENCE_SECONDS = 300;

    static final String RUBY = """
            require "open3"
            email = ENV.fetch("USER_TASK_EMAIL")
            grant = ENV.fetch("USER_TASK_ADMIN") == "true" ? "Y" : "n"
            mode = ENV.fetch("USER_TASK_MODE")
            password = $stdin.gets.to_s.chomp
            $stdout.sync = true
            def stop(child, pid, why)
              Process.kill("TERM", pid) rescue nil
              child.close rescue nil
              warn "\\nuser-task: #{why}"
              exit %1$d
            end
            Open3.popen2e(*ARGV) do |input, output, thread|
              seen = +""
              emails = 0
              loop do
                ready = IO.select([output], nil, nil, %2$d)
                if ready.nil?
                  stop(input, thread.pid, "admin:create waits for an answer this task does not know: " + seen.lines.last.to_s.strip)
                end
                begin
                  chunk = output.readpartial(4096)
                rescue EOFError
                  break
                end
                $stdout.write(chunk)
                seen << chunk
                answer =
                  case seen
                  when /Email:\\s*\\z/
                    emails += 1
                    if emails > 1
                      stop(input, thread.pid, "Discourse refused the account and asked for the email again; its reason is above")
                    end
                    email
                  when /reset the password for this email\\?.*\\(Y\\/n\\)\\s*\\z/
                    if mode != "promote"
                      stop(input, thread.pid, "a user with email #{email} exists; creating it would reset its password")
                    end
                    "n"
                  when /(Repeat password|Password):\\s*\\z/
                    if password.empty?
                      stop(input, thread.pid, "admin:create asked for a password, which promoting a user never sets")
                    end
                    password
                  when /Full name:\\s*\\z/
                    stop(input, thread.pid, "this site requires a full name at signup (full_name_requirement: "\\
                      "required_at_signup), which the task cannot supply; make it optional or create the user in Discourse")
                  when /grant Admin privileges to this account\\?.*\\(Y\\/n\\)\\s*\\z/
                    grant
                  end
                if answer
                  input.puts(answer)
                  seen = +""
                end
              end
              input.close rescue nil
              exit thread.value.exitstatus || 1
            end
            """.formatted(UNEXPECTED_PROMPT, SILENCE_SECONDS);

    private AdminCreateDriver() {
    }

    /** argv of the driver running rake admin:create. */
    static List<String> argv() {
        return List.of("ruby", "-e", RUBY, "bin/bundle", "exec", "rake", "admin:create");
    }
}
