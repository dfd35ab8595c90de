package io.omnigate.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

/** Start-up skips Flyway only when the database has every migration the build ships. */
@QuarkusTest
class SchemaMigrationTest {

    @Inject
    Flyway flyway;

    @Test
    void everyShippedMigrationIsSeenSoAMigratedDatabaseIsRecognised() throws Exception {
        Set<MigrationVersion> files;
        try (Stream<Path> list = Files.list(Path.of("src/main/resources/db/migration"))) {
            files = list.map(f -> f.getFileName().toString())
                    .filter(name -> name.startsWith("V"))
                    .map(name -> MigrationVersion.fromVersion(
                            name.substring(1, name.indexOf("__")).replace('_', '.')))
                    .collect(Collectors.toSet());
        }
        assertTrue(files.size() >= 6, "the migrations are found: " + files);
        assertEquals(files, SchemaMigration.shippedVersions(flyway));
        assertEquals(0, flyway.info().pending().length, "the start migrated the empty test database");
    }
}
