package io.omnigate.customers;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.omnigate.platform.PeriodicSweep;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Opt-in rate per purpose and channel ({@code omnigate.consent.opt.in.ratio}): of the customers
 * whose newest record for a purpose came through a channel, the share that granted it. Recomputed
 * from the ledger every {@code omnigate.customers.metrics-interval}.
 */
@ApplicationScoped
public class ConsentMetrics {

    private static final String RATES = "select purpose, channel, count(*) filter (where granted) as granted,"
            + " count(*) as decided from (select distinct on (customer_id, purpose) purpose, channel, granted"
            + "   from consent_record order by customer_id, purpose, id desc) newest group by purpose, channel";

    /** Rates as parts per million, so a gauge reads a plain number without locking. */
    private final Map<String, AtomicLong> rates = new ConcurrentHashMap<>();

    private final Pool pool;
    private final MeterRegistry registry;
    private final CustomersConfig config;
    private final Vertx vertx;
    private PeriodicSweep sweeper;

    ConsentMetrics(Pool pool, MeterRegistry registry, CustomersConfig config, Vertx vertx) {
        this.pool = pool;
        this.registry = registry;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        sweeper = PeriodicSweep.every(vertx, config.metricsInterval(), "Consent metrics", this::refresh);
    }

    void stop(@Observes ShutdownEvent event) {
        if (sweeper != null) {
            sweeper.stop();
        }
    }

    /** Reads the ledger's current state and updates (or registers) one gauge per purpose and channel. */
    public Uni<Void> refresh() {
        return pool.query(RATES)
                .execute()
                .invoke(rows -> {
                    for (Row row : rows) {
                        String purpose = row.getString("purpose");
                        String channel = row.getString("channel");
                        long ppm = row.getLong("granted") * 1_000_000 / Math.max(1, row.getLong("decided"));
                        rates.computeIfAbsent(purpose + "\u0000" + channel, key -> register(purpose, channel))
                                .set(ppm);
                    }
                })
                .replaceWithVoid();
    }

    private AtomicLong register(String purpose, String channel) {
        AtomicLong rate = new AtomicLong();
        Gauge.builder("omnigate.consent.opt.in.ratio", rate, r -> r.get() / 1_000_000.0)
                .description(
                        "Share of customers whose newest decision for the purpose, taken on the channel, grants it")
                .tag("purpose", purpose)
                .tag("channel", channel)
                .register(registry);
        return rate;
    }
}
