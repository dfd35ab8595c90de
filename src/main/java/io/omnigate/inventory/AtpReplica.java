package io.omnigate.inventory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * This instance's in-memory copy of what availability reads: stock counters, sync times, inbound
 * receipts, load per hour and parcel sizes (docs/atp-replica.md). It only answers questions; the
 * guarded SQL reservation stays the only authority for taking stock.
 */
@ApplicationScoped
public class AtpReplica {

    /**
     * What a covered read hands over, in the shapes of the SQL read it replaces; a reader that
     * needs only some of the facts overrides only those. Each location is named by the very string
     * the caller passed to {@link #read}.
     */
    public interface Sink {
        void atp(String locationId, String sku, int qty);

        default void syncedAt(String locationId, Instant at) {}

        default void inbound(String locationId, String sku, Instant eta, int qty) {}

        default void load(String locationId, Instant hourStart, int assigned) {}

        default void parcelSize(String sku, String size) {}
    }

    private final ReplicaSkus skus = new ReplicaSkus();
    private final Map<String, ReplicaLocation> locations = new ConcurrentHashMap<>();
    private volatile boolean ready;
    private volatile double lagSeconds;
    private final Counter repairs;
    private final Counter fromReplica;
    private final Counter fromSql;
    private final Timer noticeLag;

    AtpReplica(MeterRegistry registry) {
        Gauge.builder("omnigate.atp.replica.lag.seconds", this, r -> r.lagSeconds)
                .description("From the write of the last change the replica applied to its application")
                .register(registry);
        Gauge.builder("omnigate.atp.replica.ready", this, r -> r.ready ? 1 : 0)
                .description("1 once every location of the first load is in memory")
                .register(registry);
        Gauge.builder("omnigate.atp.replica.locations.loaded", this, AtpReplica::loadedLocations)
                .description("Locations whose stock availability reads from memory")
                .register(registry);
        Gauge.builder("omnigate.atp.replica.bytes", this, AtpReplica::bytes)
                .description("Bytes held by the replica's arrays (capacity)")
                .register(registry);
        noticeLag = Timer.builder("omnigate.atp.replica.notice.lag")
                .description("From a change's write to its application to this replica")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        repairs = Counter.builder("omnigate.atp.replica.repairs")
                .description("Rows the reconciliation found different from SQL and repaired")
                .register(registry);
        fromReplica = Counter.builder("omnigate.atp.replica.reads")
                .tag("source", "memory")
                .description("Availability stock reads, by where they were answered")
                .register(registry);
        fromSql = Counter.builder("omnigate.atp.replica.reads")
                .tag("source", "sql")
                .description("Availability stock reads, by where they were answered")
                .register(registry);
    }

    /**
     * Hands {@code sink} the same facts as {@code availability/AvailabilityRepository}'s SQL read,
     * when every location is loaded and every SKU known; returns false (and hands over nothing)
     * otherwise, so the caller asks SQL.
     */
    public boolean read(
            Collection<String> locationIds, Collection<String> skuIds, Instant now, Instant horizonEnd, Sink sink) {
        int[] indexes = new int[skuIds.size()];
        String[] names = skuIds.toArray(String[]::new);
        for (int i = 0; i < names.length; i++) {
            indexes[i] = skus.index(names[i]);
            if (indexes[i] < 0) {
                fromSql.increment();
                return false;
            }
        }
        ReplicaLocation[] stocks = new ReplicaLocation[locationIds.size()];
        String[] ids = new String[stocks.length];
        int n = 0;
        for (String id : locationIds) {
            ReplicaLocation stock = locations.get(id);
            if (stock == null ? !ready : !stock.loaded) {
                fromSql.increment();
                return false;
            }
            ids[n] = id;
            stocks[n++] = stock;
        }
        long nowMicros = micros(now);
        long endMicros = micros(horizonEnd);
        long hourMicros = micros(now.truncatedTo(ChronoUnit.HOURS));
        for (int i = 0; i < n; i++) {
            if (stocks[i] != null) {
                readLocation(ids[i], stocks[i], names, indexes, nowMicros, endMicros, hourMicros, sink);
            }
        }
        for (int i = 0; i < names.length; i++) {
            sink.parcelSize(names[i], skus.parcelSize(indexes[i]));
        }
        fromReplica.increment();
        return true;
    }

    /** Hands over one location's facts under the caller's own {@code id} string (the sink may look it up by identity). */
    private static void readLocation(
            String id,
            ReplicaLocation stock,
            String[] names,
            int[] indexes,
            long nowMicros,
            long endMicros,
            long hourMicros,
            Sink sink) {
        synchronized (stock) {
            boolean anyRow = false;
            for (int i = 0; i < indexes.length; i++) {
                int at = stock.lookup(indexes[i]);
                if (at >= 0) {
                    sink.atp(id, names[i], stock.atp(at));
                    anyRow = true;
                }
            }
            if (anyRow && stock.syncedAtMicros != ReplicaLocation.NEVER) {
                sink.syncedAt(id, instant(stock.syncedAtMicros));
            }
            for (int r = 0; r < stock.receipts(); r++) {
                long eta = stock.receiptEta(r);
                if (eta > nowMicros && eta < endMicros) {
                    int sku = stock.receiptSku(r);
                    for (int i = 0; i < indexes.length; i++) {
                        if (indexes[i] == sku) {
                            sink.inbound(id, names[i], instant(eta), stock.receiptQty(r));
                            break;
                        }
                    }
                }
            }
            ReplicaLoad load = stock.load;
            for (int h = 0; h < load.hours(); h++) {
                long start = load.hourStart(h);
                if (start >= hourMicros && start < endMicros) {
                    sink.load(id, instant(start), load.assigned(h));
                }
            }
        }
    }

    // ---- changes, from notices, the loader and the reconciliation

    ReplicaSkus skus() {
        return skus;
    }

    /** The location's entry, created (not loaded) when first named. */
    ReplicaLocation location(String id) {
        return locations.computeIfAbsent(id, ReplicaLocation::new);
    }

    ReplicaLocation existing(String id) {
        return locations.get(id);
    }

    Collection<ReplicaLocation> locations() {
        return locations.values();
    }

    void markReady() {
        ready = true;
    }

    public boolean ready() {
        return ready;
    }

    void repaired(int rows) {
        repairs.increment(rows);
    }

    /** Records how long after its write the last notice was applied. */
    void applied(Instant writtenAt) {
        if (writtenAt != null) {
            long millis = Math.max(0, System.currentTimeMillis() - writtenAt.toEpochMilli());
            lagSeconds = millis / 1000.0;
            noticeLag.record(millis, TimeUnit.MILLISECONDS);
        }
    }

    public double lagSeconds() {
        return lagSeconds;
    }

    public int loadedLocations() {
        int loaded = 0;
        for (ReplicaLocation stock : locations.values()) {
            if (stock.loaded) {
                loaded++;
            }
        }
        return loaded;
    }

    /** Bytes of the replica's arrays: stock, receipts, load and the SKU catalogue. */
    public long bytes() {
        long bytes = skus.bytes();
        for (ReplicaLocation stock : locations.values()) {
            synchronized (stock) {
                bytes += stock.bytes();
            }
        }
        return bytes;
    }

    /** Stock rows held. */
    public long rows() {
        long rows = 0;
        for (ReplicaLocation stock : locations.values()) {
            synchronized (stock) {
                rows += stock.rows();
            }
        }
        return rows;
    }

    static long micros(Instant instant) {
        return TimeUnit.SECONDS.toMicros(instant.getEpochSecond()) + instant.getNano() / 1000;
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
    }
}
