package io.omnigate.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.core.net.JksOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/** Issue 17, limits: the LISTEN and relay connections take the pool's TLS settings. */
class DatabaseTlsTest {

    @Test
    void thePoolsSslModeTrustAndClientCertificateReachTheOwnConnections() {
        PgConnectOptions options = DatabaseTls.apply(
                new PgConnectOptions(),
                config(Map.of(
                        "quarkus.datasource.reactive.postgresql.ssl-mode", "verify-full",
                        "quarkus.datasource.reactive.hostname-verification-algorithm", "HTTPS",
                        "quarkus.datasource.reactive.trust-certificate-pem", "true",
                        "quarkus.datasource.reactive.trust-certificate-pem.certs", "/etc/ca.pem,/etc/ca2.pem",
                        "quarkus.datasource.reactive.key-certificate-pem.enabled", "true",
                        "quarkus.datasource.reactive.key-certificate-pem.keys", "/etc/client.key",
                        "quarkus.datasource.reactive.key-certificate-pem.certs", "/etc/client.pem")));
        assertEquals(SslMode.VERIFY_FULL, options.getSslMode());
        assertEquals("HTTPS", options.getHostnameVerificationAlgorithm());
        PemTrustOptions trust = assertInstanceOf(PemTrustOptions.class, options.getTrustOptions());
        assertEquals(List.of("/etc/ca.pem", "/etc/ca2.pem"), trust.getCertPaths());
        PemKeyCertOptions key = assertInstanceOf(PemKeyCertOptions.class, options.getKeyCertOptions());
        assertEquals(List.of("/etc/client.key"), key.getKeyPaths());
        assertEquals(List.of("/etc/client.pem"), key.getCertPaths());
    }

    @Test
    void aJksTrustStoreAndTrustAllAreHonoured() {
        PgConnectOptions options = DatabaseTls.apply(
                new PgConnectOptions(),
                config(Map.of(
                        "quarkus.datasource.reactive.postgresql.ssl-mode", "require",
                        "quarkus.datasource.reactive.trust-all", "true",
                        "quarkus.datasource.reactive.trust-certificate-jks", "true",
                        "quarkus.datasource.reactive.trust-certificate-jks.path", "/etc/trust.jks",
                        "quarkus.datasource.reactive.trust-certificate-jks.password", "secret")));
        assertEquals(SslMode.REQUIRE, options.getSslMode());
        assertTrue(options.isTrustAll());
        JksOptions jks = assertInstanceOf(JksOptions.class, options.getTrustOptions());
        assertEquals("/etc/trust.jks", jks.getPath());
        assertEquals("secret", jks.getPassword());
    }

    @Test
    void withoutTlsSettingsNothingChanges() {
        PgConnectOptions options = DatabaseTls.apply(new PgConnectOptions(), config(Map.of()));
        assertEquals(SslMode.DISABLE, options.getSslMode());
        assertFalse(options.isTrustAll());
        assertNull(options.getTrustOptions());
    }

    private static Config config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
    }
}
