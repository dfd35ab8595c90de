package io.omnigate.platform;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Tells {@link EmbeddedPostgresServer} when the application runs, so the embedded PostgreSQL stops
 * after it on JVM exit. The stop observer runs last of the application's shutdown observers.
 */
@ApplicationScoped
class EmbeddedPostgresOrder {

    void started(@Observes StartupEvent event) {
        EmbeddedPostgresServer.appStarted();
    }

    void stopped(@Observes @Priority(Integer.MAX_VALUE) ShutdownEvent event) {
        EmbeddedPostgresServer.appStopped();
    }
}
