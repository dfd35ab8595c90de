package io.omnigate.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings that belong to the process as a whole rather than to one feature. */
@ConfigMapping(prefix = "omnigate")
public interface OmnigateConfig {

    /** Directory for the embedded PostgreSQL data and generated signing keys. */
    @WithDefault("omnigate-data")
    String dataDir();

    /** The embedded PostgreSQL used when no datasource URL is configured. */
    EmbeddedDb embeddedDb();

    /** The generated network loaded into an empty database at start. */
    Demo demo();

    /** HTTP limits of the gateway's own. */
    Http http();

    interface Http {
        /**
         * The largest body any endpoint accepts, and the cap of snapshot uploads: bodies announcing
         * more bytes are refused with a 413 problem.
         */
        @WithDefault("67108864")
        long maxBodySize();

        /** Cap of the bulk JSON endpoints (adjustments, safety stock, SKUs, bulk transitions, routing policy). */
        @WithDefault("16777216")
        long bulkBodySize();

        /** Cap of every other JSON endpoint (availability, orders, holds, workflow steps, tokens...). */
        @WithDefault("262144")
        long jsonBodySize();

        /** Retry-After sent with the 503 a caller gets while the database cannot be reached. */
        @WithDefault("PT5S")
        Duration outageRetryAfter();
    }

    interface EmbeddedDb {
        /** Start an embedded PostgreSQL when no datasource URL is configured. */
        @WithDefault("true")
        boolean enabled();

        /** Wipe the embedded database's directory before starting (tests). */
        @WithDefault("false")
        boolean cleanStart();
    }

    interface Demo {
        /** Which generated network to load into an empty database: none, demo or bench. */
        @WithDefault("none")
        String network();

        /** Seed of the generator: the same seed gives the same network. */
        @WithDefault("42")
        long seed();

        /** Overrides the generated network's store count (bench sizing experiments). */
        Optional<Integer> stores();
    }
}
