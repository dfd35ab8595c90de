package io.omnigate.security;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Supplies the token verification and signing keys when none are configured, from a key pair
 * kept in {@code <omnigate.data-dir>/keys/}, so a fresh installation can issue tokens that
 * survive restarts. A configured {@code mp.jwt.verify.publickey.location} (or inline key) wins.
 */
public class JwtKeysConfigSourceFactory implements ConfigSourceFactory {

    /** Below application.properties (250) and everything a user sets. */
    private static final int ORDINAL = 100;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (isSet(context, "mp.jwt.verify.publickey.location") || isSet(context, "mp.jwt.verify.publickey")) {
            return List.of();
        }
        ConfigValue dataDir = context.getValue("omnigate.data-dir");
        String dir = dataDir == null || dataDir.getValue() == null ? "omnigate-data" : dataDir.getValue();
        SigningKeys.Locations keys = SigningKeys.ensure(Path.of(dir, "keys"));
        return List.of(new PropertiesConfigSource(
                Map.of(
                        "mp.jwt.verify.publickey.location", keys.publicKey().toString(),
                        "smallrye.jwt.sign.key.location", keys.privateKey().toString()),
                "omnigate-generated-jwt-keys",
                ORDINAL));
    }

    /**
     * Only a source above ours counts as the user's choice: the Quarkus build records the values
     * it saw, ours included, in a "Runtime Values" source of ordinal 0, and a packaged app must
     * not take the build machine's key paths for configuration.
     */
    private static boolean isSet(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value != null
                && value.getValue() != null
                && !value.getValue().isBlank()
                && value.getConfigSourceOrdinal() > ORDINAL;
    }
}
