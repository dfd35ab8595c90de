package io.omnigate.security;

import io.omnigate.platform.ConfigFactories;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
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

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (ConfigFactories.isSet(context, "mp.jwt.verify.publickey.location")
                || ConfigFactories.isSet(context, "mp.jwt.verify.publickey")) {
            return List.of();
        }
        String dir = ConfigFactories.value(context, "omnigate.data-dir", "omnigate-data");
        // During the build only name the files: naming them stops the JWT extension from baking an
        // in-memory dev key pair into dev and test builds, which would then disagree with ours.
        SigningKeys.Locations keys = ConfigFactories.isBuildTime()
                ? SigningKeys.locations(Path.of(dir, "keys"))
                : SigningKeys.ensure(Path.of(dir, "keys"));
        return List.of(new PropertiesConfigSource(
                Map.of(
                        "mp.jwt.verify.publickey.location", keys.publicKey().toString(),
                        "smallrye.jwt.sign.key.location", keys.privateKey().toString()),
                "omnigate-generated-jwt-keys",
                ConfigFactories.ORDINAL));
    }
}
