package io.omnigate.platform;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Points the datasource at an embedded PostgreSQL when none is configured, so a fresh machine
 * needs only a JDK. A configured {@code quarkus.datasource.reactive.url} always wins.
 */
public class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (ConfigFactories.isBuildTime()
                || ConfigFactories.isSet(context, "quarkus.datasource.reactive.url")
                || ConfigFactories.isSet(context, "quarkus.datasource.jdbc.url")
                || !Boolean.parseBoolean(ConfigFactories.value(context, "omnigate.embedded-db.enabled", "true"))) {
            return List.of();
        }
        String dir = ConfigFactories.value(context, "omnigate.data-dir", "omnigate-data");
        boolean cleanStart =
                Boolean.parseBoolean(ConfigFactories.value(context, "omnigate.embedded-db.clean-start", "false"));
        EmbeddedPostgresServer.Connection connection = EmbeddedPostgresServer.startOnce(dir, cleanStart);
        return List.of(new PropertiesConfigSource(
                Map.of(
                        "quarkus.datasource.reactive.url", connection.reactiveUrl(),
                        "quarkus.datasource.jdbc.url", connection.jdbcUrl(),
                        "quarkus.datasource.username", connection.username(),
                        "quarkus.datasource.password", connection.password()),
                "omnigate-embedded-postgres",
                ConfigFactories.ORDINAL));
    }
}
