package io.omnigate.platform;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;

/** What the config factories that start or generate things at launch have in common. */
public final class ConfigFactories {

    /** Below application.properties (250) and everything a user sets. */
    public static final int ORDINAL = 100;

    private ConfigFactories() {}

    /**
     * True while Quarkus augments the application (package, dev-mode and test builds): nothing
     * should start or be written then, and whatever a factory returned would be recorded into
     * the build as a default.
     */
    public static boolean isBuildTime() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null && loader.getName() != null && loader.getName().startsWith("Deployment Class Loader");
    }

    /**
     * Whether a user set {@code name}. Only a source above the factories' counts: a build may still
     * have recorded values it saw in its low-ordinal "Runtime Values" source.
     */
    public static boolean isSet(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value != null
                && value.getValue() != null
                && !value.getValue().isBlank()
                && value.getConfigSourceOrdinal() > ORDINAL;
    }

    public static String value(ConfigSourceContext context, String name, String fallback) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null ? fallback : value.getValue();
    }
}
