package io.omnigate.platform;

import io.vertx.core.net.JksOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Gives the connections omnigate opens itself (the LISTEN connection and the relay's) the TLS
 * settings Quarkus gives the request pool, read from the same {@code quarkus.datasource.reactive.*}
 * properties, so a database that requires TLS is reached the same way by all three.
 */
final class DatabaseTls {

    private static final String PREFIX = "quarkus.datasource.reactive.";

    private DatabaseTls() {}

    /** Applies the pool's TLS settings found in {@code config} to {@code options}. */
    static PgConnectOptions apply(PgConnectOptions options, Config config) {
        text(config, "postgresql.ssl-mode")
                .map(mode -> SslMode.of(mode.toLowerCase()))
                .ifPresent(options::setSslMode);
        config.getOptionalValue(PREFIX + "trust-all", Boolean.class).ifPresent(options::setTrustAll);
        text(config, "hostname-verification-algorithm")
                .map(algorithm -> "NONE".equalsIgnoreCase(algorithm) ? "" : algorithm)
                .ifPresent(options::setHostnameVerificationAlgorithm);
        if (enabled(config, "trust-certificate-pem")) {
            PemTrustOptions pem = new PemTrustOptions();
            list(config, "trust-certificate-pem.certs").forEach(pem::addCertPath);
            options.setTrustOptions(pem);
        } else if (enabled(config, "trust-certificate-jks")) {
            options.setTrustOptions(store(new JksOptions(), config, "trust-certificate-jks"));
        } else if (enabled(config, "trust-certificate-pfx")) {
            options.setTrustOptions(store(new PfxOptions(), config, "trust-certificate-pfx"));
        }
        if (enabled(config, "key-certificate-pem")) {
            PemKeyCertOptions pem = new PemKeyCertOptions();
            list(config, "key-certificate-pem.keys").forEach(pem::addKeyPath);
            list(config, "key-certificate-pem.certs").forEach(pem::addCertPath);
            options.setKeyCertOptions(pem);
        } else if (enabled(config, "key-certificate-jks")) {
            options.setKeyCertOptions(store(new JksOptions(), config, "key-certificate-jks"));
        } else if (enabled(config, "key-certificate-pfx")) {
            options.setKeyCertOptions(store(new PfxOptions(), config, "key-certificate-pfx"));
        }
        return options;
    }

    private static JksOptions store(JksOptions jks, Config config, String name) {
        text(config, name + ".path").ifPresent(jks::setPath);
        text(config, name + ".password").ifPresent(jks::setPassword);
        return jks;
    }

    private static PfxOptions store(PfxOptions pfx, Config config, String name) {
        text(config, name + ".path").ifPresent(pfx::setPath);
        text(config, name + ".password").ifPresent(pfx::setPassword);
        return pfx;
    }

    /** {@code name} or {@code name.enabled} set to true: Quarkus accepts both spellings. */
    private static boolean enabled(Config config, String name) {
        return config.getOptionalValue(PREFIX + name, Boolean.class)
                .or(() -> config.getOptionalValue(PREFIX + name + ".enabled", Boolean.class))
                .orElse(false);
    }

    private static Optional<String> text(Config config, String name) {
        return config.getOptionalValue(PREFIX + name, String.class).filter(value -> !value.isBlank());
    }

    private static List<String> list(Config config, String name) {
        return config.getOptionalValues(PREFIX + name, String.class).orElse(List.of());
    }
}
