package io.omnigate.availability;

import io.omnigate.inventory.AtpReplica;
import io.omnigate.inventory.ReplicaConfig;
import io.omnigate.inventory.StockSql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;

/**
 * The availability read: stock of every cart SKU at every candidate location, their inbound
 * receipts, their assigned load per hour and the SKUs' parcel sizes. Answered from the in-memory
 * replica when it covers the request (no I/O, an already-completed Uni), else in ONE prepared
 * statement.
 */
@ApplicationScoped
public class AvailabilityRepository {

    static final String READ = "select 'S'::text as kind, s.location_id, s.sku, " + StockSql.ATP
            + "::int as qty, l.stock_synced_at as at, null::text as parcel_size"
            + " from stock s join location l on l.id = s.location_id"
            + " where s.location_id = any($1) and s.sku = any($2)"
            + " union all select 'I', r.location_id, r.sku, r.qty, r.eta, null from inbound_receipt r"
            + " where r.location_id = any($1) and r.sku = any($2) and r.eta > $3 and r.eta < $4"
            + " union all select 'L', ll.location_id, null, ll.assigned, ll.hour_start, null from location_load ll"
            + " where ll.location_id = any($1) and ll.hour_start >= $5 and ll.hour_start < $4"
            + " union all select 'K', null, k.sku, null, null, k.parcel_size from sku k where k.sku = any($2)";

    private final Pool pool;
    private final AtpReplica replica;
    private final boolean replicaEnabled;

    AvailabilityRepository(Pool pool, AtpReplica replica, ReplicaConfig replicaConfig) {
        this.pool = pool;
        this.replica = replica;
        this.replicaEnabled = replicaConfig.enabled();
    }

    Uni<StockView> read(Collection<String> locationIds, Collection<String> skus, Instant now, Instant horizonEnd) {
        if (replicaEnabled) {
            StockView view = StockView.of(skus);
            if (replica.read(locationIds, skus, now, horizonEnd, view)) {
                return Uni.createFrom().item(view);
            }
        }
        return readSql(locationIds, skus, now, horizonEnd);
    }

    /** The SQL read, the replica's reference: both must hand availability the same facts. */
    Uni<StockView> readSql(Collection<String> locationIds, Collection<String> skus, Instant now, Instant horizonEnd) {
        Tuple params = Tuple.tuple()
                .addArrayOfString(locationIds.toArray(String[]::new))
                .addArrayOfString(skus.toArray(String[]::new))
                .addOffsetDateTime(OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .addOffsetDateTime(OffsetDateTime.ofInstant(horizonEnd, ZoneOffset.UTC))
                .addOffsetDateTime(
                        OffsetDateTime.ofInstant(now.truncatedTo(java.time.temporal.ChronoUnit.HOURS), ZoneOffset.UTC));
        return pool.preparedQuery(READ).execute(params).map(rows -> {
            StockView view = StockView.of(skus);
            for (Row row : rows) {
                String kind = row.getString("kind");
                String location = row.getString("location_id");
                String sku = row.getString("sku");
                switch (kind) {
                    case "S" -> {
                        view.atp(location, sku, row.getInteger("qty"));
                        OffsetDateTime synced = row.getOffsetDateTime("at");
                        if (synced != null) {
                            view.syncedAt(location, synced.toInstant());
                        }
                    }
                    case "I" ->
                        view.inbound(location, sku, row.getOffsetDateTime("at").toInstant(), row.getInteger("qty"));
                    case "L" -> view.load(location, row.getOffsetDateTime("at").toInstant(), row.getInteger("qty"));
                    default -> view.parcelSize(sku, row.getString("parcel_size"));
                }
            }
            return view;
        });
    }
}
