package io.omnigate.platform;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Says at start which database this instance uses, so nobody has to guess from the config. */
@ApplicationScoped
class DatabaseBanner {

    private static final Logger LOG = Logger.getLogger(DatabaseBanner.class);

    void announce(@Observes StartupEvent event, @ConfigProperty(name = "quarkus.datasource.reactive.url") String url) {
        if (EmbeddedPostgresServer.runningDirectory() != null) {
            LOG.infof(
                    "Database: embedded PostgreSQL at %s, data in %s (set quarkus.datasource.reactive.url to use your own)",
                    url, EmbeddedPostgresServer.runningDirectory());
        } else {
            LOG.infof("Database: configured datasource %s", url.replaceAll("//[^@/]*@", "//"));
        }
    }
}
