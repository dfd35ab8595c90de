package io.omnigate.platform;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Points the datasource at an embedded PostgreSQL when none is configured, so a fresh machine
 * needs only a JDK. A configured {@code quarkus.datasource.reactive.url} always wins.
 */
public class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {

    /** Below application.properties (250) and everything a user sets. */
    private static final int ORDINAL = 100;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (isSet(context, "quarkus.datasource.reactive.url") || isSet(context, "quarkus.datasource.jdbc.url")) {
            return List.of();
        }
        ConfigValue enabled = context.getValue("omnigate.embedded-db.enabled");
        if (enabled != null && enabled.getValue() != null && !Boolean.parseBoolean(enabled.getValue())) {
            return List.of();
        }
        ConfigValue dataDir = context.getValue("omnigate.data-dir");
        String dir = dataDir == null || dataDir.getValue() == null ? "omnigate-data" : dataDir.getValue();
        ConfigValue clean = context.getValue("omnigate.embedded-db.clean-start");
        boolean cleanStart = clean != null && Boolean.parseBoolean(clean.getValue());
        EmbeddedPostgresServer.Connection connection = EmbeddedPostgresServer.startOnce(dir, cleanStart);
        return List.of(new PropertiesConfigSource(
                Map.of(
                        "quarkus.datasource.reactive.url", connection.reactiveUrl(),
                        "quarkus.datasource.jdbc.url", connection.jdbcUrl(),
                        "quarkus.datasource.username", connection.username(),
                        "quarkus.datasource.password", connection.password(),
                        "omnigate.embedded-db.active", "true"),
                "omnigate-embedded-postgres",
                ORDINAL));
    }

    /**
     * Only a value above this source counts: the build records what this factory supplied at
     * build time as a low-ordinal runtime default, and that stale port must not look user-set.
     */
    private static boolean isSet(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value != null
                && value.getValue() != null
                && !value.getValue().isBlank()
                && value.getConfigSourceOrdinal() > ORDINAL;
    }
}
