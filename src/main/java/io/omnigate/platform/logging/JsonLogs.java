package io.omnigate.platform.logging;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.logging.Handler;
import org.jboss.logging.Logger;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * Switches the console to one JSON object per line when {@code omnigate.log.json=true}
 * (docs/operations.md). Applied first thing at start-up: the few lines Quarkus writes before the
 * application starts stay in the text format.
 */
@Singleton
public class JsonLogs {

    private static final Logger LOG = Logger.getLogger(JsonLogs.class);

    void onStart(@Observes @Priority(1) StartupEvent event, LogConfig config) {
        if (config.json()) {
            int switched =
                    useJsonOnConsoles(LogContext.getLogContext().getLogger("").getHandlers());
            LOG.infof("JSON log lines on %d console handler(s)", switched);
        }
    }

    /** Gives every console handler among {@code handlers} (and their nested handlers) the JSON formatter. */
    static int useJsonOnConsoles(Handler[] handlers) {
        int switched = 0;
        for (Handler handler : handlers) {
            if (handler instanceof ConsoleHandler) {
                handler.setFormatter(new JsonLogFormatter());
                switched++;
            } else if (handler instanceof ExtHandler nested) {
                switched += useJsonOnConsoles(nested.getHandlers());
            }
        }
        return switched;
    }
}
