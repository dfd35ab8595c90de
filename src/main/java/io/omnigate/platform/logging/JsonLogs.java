package io.omnigate.platform.logging;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
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
            List<ConsoleHandler> consoles =
                    consoles(LogContext.getLogContext().getLogger("").getHandlers());
            consoles.forEach(console -> console.setFormatter(new JsonLogFormatter()));
            LOG.infof("JSON log lines on %d console handler(s)", consoles.size());
        }
    }

    /** The console handlers among {@code handlers} and the handlers nested in them (Quarkus wraps its own). */
    static List<ConsoleHandler> consoles(Handler[] handlers) {
        List<ConsoleHandler> found = new ArrayList<>();
        for (Handler handler : handlers) {
            if (handler instanceof ConsoleHandler console) {
                found.add(console);
            } else if (handler instanceof ExtHandler nested) {
                found.addAll(consoles(nested.getHandlers()));
            }
        }
        return found;
    }
}
