package io.omnigate.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigate.events.InternalEventSink;
import io.omnigate.events.OutboxEvent;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.jboss.logging.Logger;

/**
 * Applies the internal change notices the database triggers write (V7__atp_replica.sql) to the
 * replica, by version, on one thread of its own so the relay's event loop never parses a large
 * notice. A notice that names locations instead of rows (a bulk statement) asks the loader to
 * re-read them.
 */
@ApplicationScoped
public class ReplicaChanges implements InternalEventSink {

    static final String STOCK = OutboxEvent.INTERNAL_PREFIX + "stock";
    static final String LOCATION = OutboxEvent.INTERNAL_PREFIX + "location";
    static final String SKU = OutboxEvent.INTERNAL_PREFIX + "sku";
    static final String LOAD = OutboxEvent.INTERNAL_PREFIX + "load";
    static final String INBOUND = OutboxEvent.INTERNAL_PREFIX + "inbound";

    private static final Logger LOG = Logger.getLogger(ReplicaChanges.class);

    private final AtpReplica replica;
    private final ReplicaLoader loader;
    private final ObjectMapper json;
    private final boolean enabled;
    private final ExecutorService applier = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "atp-replica-notices");
        thread.setDaemon(true);
        return thread;
    });

    ReplicaChanges(AtpReplica replica, ReplicaLoader loader, ObjectMapper json, ReplicaConfig config) {
        this.replica = replica;
        this.loader = loader;
        this.json = json;
        this.enabled = config.enabled();
    }

    void stop(@Observes ShutdownEvent event) {
        applier.shutdownNow();
    }

    /** Queues the notice; notices are applied one at a time in the order the relay hands them over. */
    @Override
    public void accept(OutboxEvent event) {
        if (!enabled) {
            return;
        }
        try {
            applier.execute(() -> applyNotice(event));
        } catch (RejectedExecutionException e) {
            LOG.debugf("Shutting down: notice %d not applied", event.seq());
        }
    }

    private void applyNotice(OutboxEvent event) {
        JsonNode payload;
        try {
            payload = json.readTree(event.payload());
        } catch (IOException e) {
            LOG.errorf("Internal event %d has an unreadable payload; the reconciliation will repair", event.seq());
            return;
        }
        try {
            apply(event.type(), payload);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Internal event %d could not be applied; the reconciliation will repair", event.seq());
        }
        replica.applied(event.at() == null ? null : event.at().toInstant());
    }

    /** Applies one notice's payload; public to the package so unit tests drive it without a relay. */
    void apply(String type, JsonNode payload) {
        if (payload.has("reload")) {
            Set<String> ids = new LinkedHashSet<>();
            payload.get("reload").forEach(id -> ids.add(id.asText()));
            loader.reload(ids);
            return;
        }
        JsonNode rows = payload.path("rows");
        JsonNode deleted = payload.path("deleted");
        switch (type) {
            case "internal.stock" -> {
                rows.forEach(this::stock);
                deleted.forEach(this::stockDeleted);
            }
            case "internal.location" -> {
                boolean inserted = "INSERT".equals(payload.path("op").asText());
                rows.forEach(row -> location(row, inserted));
            }
            case "internal.sku" ->
                rows.forEach(row -> replica.skus()
                        .apply(
                                row.get(0).asText(),
                                row.get(1).asText(),
                                row.get(2).asLong()));
            case "internal.load" -> rows.forEach(this::load);
            case "internal.inbound" -> {
                rows.forEach(this::receipt);
                deleted.forEach(this::receiptDeleted);
            }
            default -> LOG.debugf("Ignoring internal event type %s", type);
        }
    }

    private void stock(JsonNode row) {
        int sku = replica.skus().indexOrAdd(row.get(1).asText());
        JsonNode safety = row.get(4);
        ReplicaLocation stock = replica.location(row.get(0).asText());
        synchronized (stock) {
            stock.applyStock(
                    sku,
                    row.get(2).asInt(),
                    row.get(3).asInt(),
                    safety.isNull() ? ReplicaLocation.NO_SAFETY : safety.asInt(),
                    row.get(5).asLong());
        }
    }

    private void stockDeleted(JsonNode row) {
        int sku = replica.skus().index(row.get(1).asText());
        ReplicaLocation stock = replica.existing(row.get(0).asText());
        if (sku >= 0 && stock != null) {
            synchronized (stock) {
                stock.removeStock(sku, row.get(2).asLong());
            }
        }
    }

    private void location(JsonNode row, boolean inserted) {
        ReplicaLocation stock = replica.location(row.get(0).asText());
        JsonNode synced = row.get(1);
        synchronized (stock) {
            stock.applyLocation(
                    synced.isNull() ? ReplicaLocation.NEVER : synced.asLong(),
                    row.get(2).asInt(),
                    row.get(3).asLong());
            if (inserted) {
                // Created after this relay started: every later change of it arrives as a notice.
                stock.loaded = true;
            }
        }
    }

    private void load(JsonNode row) {
        ReplicaLocation stock = replica.location(row.get(0).asText());
        synchronized (stock) {
            stock.applyLoad(row.get(1).asLong(), row.get(2).asInt(), row.get(3).asLong());
        }
    }

    private void receipt(JsonNode row) {
        int sku = replica.skus().indexOrAdd(row.get(2).asText());
        ReplicaLocation stock = replica.location(row.get(1).asText());
        synchronized (stock) {
            stock.addReceipt(
                    row.get(0).asLong(), sku, row.get(3).asInt(), row.get(4).asLong());
        }
    }

    private void receiptDeleted(JsonNode row) {
        ReplicaLocation stock = replica.existing(row.get(1).asText());
        if (stock != null) {
            synchronized (stock) {
                stock.removeReceipt(row.get(0).asLong());
            }
        }
    }
}
