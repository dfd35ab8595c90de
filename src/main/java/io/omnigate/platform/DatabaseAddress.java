package io.omnigate.platform;

import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the application's PostgreSQL is (configured or embedded) and how to reach it (the pool's
 * TLS settings, {@link DatabaseTls}), for the few connections kept outside the request pool: the
 * shared LISTEN connection and the outbox relay's own connection.
 */
@ApplicationScoped
public class DatabaseAddress {

    private final PgConnectOptions options;

    DatabaseAddress(
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
            Config config) {
        PgConnectOptions parsed = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""));
        username.ifPresent(parsed::setUser);
        password.ifPresent(parsed::setPassword);
        this.options = DatabaseTls.apply(parsed, config);
    }

    /** A fresh copy of the connect options, safe to change. */
    public PgConnectOptions connectOptions() {
        return new PgConnectOptions(options);
    }
}
