package io.omnigate.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The web pages the app serves under {@code /app/}. */
@ConfigMapping(prefix = "omnigate.web")
public interface WebConfig {

    /** Serve the checkout demo at {@code /app/checkout/} (on in dev and test mode, off in production). */
    @WithDefault("false")
    boolean checkoutDemo();
}
