package io.omnigate.platform.logging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How log lines are written. */
@ConfigMapping(prefix = "omnigate.log")
public interface LogConfig {

    /** One JSON object per console line (for log pipelines) instead of the text format. */
    @WithDefault("false")
    boolean json();
}
