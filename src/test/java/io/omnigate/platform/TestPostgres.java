package io.omnigate.platform;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.Eventually;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stops and starts the test JVM's embedded PostgreSQL in place (same directory, same port, same
 * data), as an operator's restart or a failover would.
 */
final class TestPostgres {

    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Path directory;
    private final Path postgres;
    private final List<String> serverOptions;

    private TestPostgres(Path directory, Path postgres, List<String> serverOptions) {
        this.directory = directory;
        this.postgres = postgres;
        this.serverOptions = serverOptions;
    }

    /** The running server, from the command line PostgreSQL recorded in {@code postmaster.opts}. */
    static TestPostgres running() throws IOException {
        String dir = EmbeddedPostgresServer.runningDirectory();
        if (dir == null) {
            throw new IllegalStateException("no embedded PostgreSQL runs in this JVM");
        }
        Path directory = Path.of(dir);
        String opts = Files.readString(directory.resolve("postmaster.opts")).strip();
        String binary = opts.substring(0, opts.indexOf(' ')).replace("\"", "");
        List<String> options = new ArrayList<>();
        Matcher quoted = QUOTED.matcher(opts.substring(opts.indexOf(' ')));
        while (quoted.find()) {
            options.add(quoted.group(1));
        }
        int data = options.indexOf("-D");
        if (data >= 0) {
            options.remove(data + 1);
            options.remove(data);
        }
        return new TestPostgres(directory, Path.of(binary), options);
    }

    /** A fast shutdown (SIGINT: sessions are cut, as a crash or failover would cut them). */
    void stop() throws Exception {
        long pid = Long.parseLong(
                Files.readAllLines(directory.resolve("postmaster.pid")).get(0).strip());
        ProcessHandle postmaster =
                ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no postmaster " + pid));
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid)).start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("could not signal the postmaster " + pid);
        }
        postmaster.onExit().get(60, TimeUnit.SECONDS);
    }

    /** Starts the server again on the same directory, port and settings. */
    void start() throws Exception {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // As the embedded server does: PostgreSQL refuses root, so run it in a user namespace.
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(postgres.toString(), "-D", directory.toString()));
        command.addAll(serverOptions);
        Process server = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(directory.resolveSibling("postgres-restart.log").toFile())
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::destroy, "restarted-postgres-stop"));
        boolean started = Eventually.eventually(Duration.ofSeconds(60), () -> {
            if (!server.isAlive()) {
                return false;
            }
            assertTrue(ready(), "postmaster.pid says ready");
            return true;
        });
        if (!started) {
            throw new IllegalStateException("PostgreSQL did not start again; see postgres-restart.log");
        }
    }

    /** postmaster.pid's status line says "ready" once the server accepts connections. */
    private boolean ready() {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return false;
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.size() >= 8 && lines.get(7).strip().equals("ready");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
