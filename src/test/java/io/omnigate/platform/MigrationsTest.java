package io.omnigate.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The test run starts on an empty embedded database, so every migration must have applied to it. */
@QuarkusTest
class MigrationsTest {

    @Inject
    Pool pool;

    @Test
    void everyMigrationAppliedSuccessfullyToTheEmptyDatabase() throws Exception {
        List<String> shipped;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            shipped = files.map(f -> f.getFileName().toString())
                    .filter(name -> name.startsWith("V"))
                    // Flyway reads V12_1__x as version 12.1.
                    .map(name -> name.substring(1, name.indexOf("__")).replace('_', '.'))
                    .sorted()
                    .toList();
        }
        List<String> applied = new ArrayList<>();
        for (Row row : pool.query(
                        "select version, success from flyway_schema_history where version is not null order by installed_rank")
                .execute()
                .await()
                .atMost(Duration.ofSeconds(10))) {
            assertTrue(row.getBoolean("success"), "migration " + row.getString("version") + " failed");
            applied.add(row.getString("version"));
        }
        assertEquals(shipped, applied.stream().sorted().toList());
    }

    @Test
    void theStockInvariantsAreBackedByConstraints() {
        String constraints = pool.query("select string_agg(pg_get_constraintdef(oid), ' ') as defs from pg_constraint"
                        + " where conrelid = 'stock'::regclass and contype = 'c'")
                .execute()
                .await()
                .atMost(Duration.ofSeconds(10))
                .iterator()
                .next()
                .getString("defs");
        assertTrue(constraints.contains("on_hand >= 0"), constraints);
        assertTrue(constraints.contains("reserved >= 0"), constraints);
    }

    /** The embedded server runs with the settings docs/operations.md promises (durable commits, spaced checkpoints). */
    @Test
    void theEmbeddedServerRunsWithTheDocumentedSettings() {
        Row settings = pool.query("select current_setting('max_wal_size') as wal, current_setting('checkpoint_timeout')"
                        + " as checkpoints, current_setting('synchronous_commit') as sync, current_setting('fsync') as fsync,"
                        + " current_setting('shared_buffers') as buffers")
                .execute()
                .await()
                .atMost(Duration.ofSeconds(10))
                .iterator()
                .next();
        assertEquals("4GB", settings.getString("wal"));
        assertEquals("15min", settings.getString("checkpoints"));
        assertEquals("on", settings.getString("sync"));
        assertEquals("on", settings.getString("fsync"));
        assertEquals("512MB", settings.getString("buffers"));
    }
}
