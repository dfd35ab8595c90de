package io.omnigate.platform;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;
import org.jboss.logging.Logger;

/**
 * Runs Flyway at start only when the database lacks a migration this build ships, so a start
 * against a migrated database skips Flyway's validation and locking (docs/startup.md). Runs before
 * every other start-up step that reads the database.
 */
@ApplicationScoped
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class);

    private static final Pattern VERSIONED = Pattern.compile("^V([0-9][0-9._]*)__.+\\.sql$");

    void migrateIfBehind(
            @Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event,
            Flyway flyway,
            AgroalDataSource dataSource) {
        Set<MigrationVersion> shipped = shippedVersions(flyway);
        Set<MigrationVersion> applied = appliedVersions(dataSource);
        if (shipped != null && applied.containsAll(shipped)) {
            LOG.debugf("Schema has all %d migrations; Flyway not run", shipped.size());
            return;
        }
        flyway.migrate();
    }

    /** The versions of the migrations in this build, or null if any is not a plain versioned one. */
    static Set<MigrationVersion> shippedVersions(Flyway flyway) {
        ResourceProvider provider = flyway.getConfiguration().getResourceProvider();
        if (provider == null) {
            return null;
        }
        Set<MigrationVersion> versions = new HashSet<>();
        for (LoadableResource resource : provider.getResources("", new String[] {".sql"})) {
            Matcher versioned = VERSIONED.matcher(resource.getFilename());
            if (!versioned.matches()) {
                return null;
            }
            versions.add(MigrationVersion.fromVersion(versioned.group(1).replace('_', '.')));
        }
        return versions.isEmpty() ? null : versions;
    }

    private static Set<MigrationVersion> appliedVersions(AgroalDataSource dataSource) {
        Set<MigrationVersion> versions = new HashSet<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            if (!historyExists(statement)) {
                return versions;
            }
            try (ResultSet rows = statement.executeQuery(
                    "select version from flyway_schema_history where success and version is not null")) {
                while (rows.next()) {
                    versions.add(MigrationVersion.fromVersion(rows.getString(1)));
                }
            }
        } catch (SQLException e) {
            LOG.debugf("Could not read the applied migrations (%s); running Flyway", e.getMessage());
            versions.clear();
        }
        return versions;
    }

    private static boolean historyExists(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("select to_regclass('flyway_schema_history') is not null")) {
            return rows.next() && rows.getBoolean(1);
        }
    }
}
