package io.omnigate.kpis;

import io.omnigate.orders.FulfillmentStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * KPIs as queries over indexed history: the fulfillments assigned in the window (by creation time)
 * and their {@code fulfillment.status} history rows. Nothing is written on the hot paths for them.
 */
@ApplicationScoped
class KpiRepository {

    /** Fulfillments of the window, with the local day of their assignment; $1..$5 bound by {@link #window}. */
    private static final String WINDOW = "with f as (select f.id, f.order_id, f.location_id, f.created_at,"
            + "   (f.created_at at time zone l.time_zone)::date as day, l.time_zone,"
            + "   (o.promise->>'readyAt')::timestamptz as promised_ready, (o.promise->>'promisedBy')::date as promised_by"
            + " from fulfillment f join location l on l.id = f.location_id join orders o on o.id = f.order_id"
            + " where f.created_at >= $1 and f.created_at < $2 and ($3::text is null or f.location_id = $3)"
            + "   and (f.created_at at time zone l.time_zone)::date between $4 and $5)";

    private static final String PER_FULFILLMENT = ", t as (select f.id, f.location_id, f.day, f.created_at,"
            + " f.time_zone, f.promised_ready, f.promised_by,"
            + " min(h.at) filter (where h.status = " + FulfillmentStatus.ACCEPTED.sql() + ") as accepted,"
            + " min(h.at) filter (where h.status = " + FulfillmentStatus.PACKED.sql() + ") as packed,"
            + " min(h.at) filter (where h.status = " + FulfillmentStatus.READY_FOR_PICKUP.sql() + ") as ready,"
            + " min(h.at) filter (where h.status = " + FulfillmentStatus.PICKED_UP.sql() + ") as picked_up,"
            + " min(h.at) filter (where h.status = " + FulfillmentStatus.DELIVERED.sql() + ") as delivered,"
            + " coalesce(bool_or(h.status = " + FulfillmentStatus.EXPIRED.sql() + "), false) as expired,"
            + " coalesce(bool_or(h.status = " + FulfillmentStatus.REJECTED.sql() + "), false) as rejected,"
            + " coalesce(bool_or(h.detail ? 'missing'), false) as short,"
            + " (select min(a.at) from order_history a where a.order_id = f.order_id and a.type = 'order.arrived')"
            + "   as arrived"
            + " from f left join order_history h on h.fulfillment_id = f.id and h.type = 'fulfillment.status'"
            + " group by f.id, f.location_id, f.day, f.created_at, f.order_id, f.time_zone, f.promised_ready,"
            + "   f.promised_by)";

    private static final String DAYS = WINDOW + PER_FULFILLMENT + " select location_id, day,"
            + " count(*) as fulfillments,"
            + " count(*) filter (where packed is not null or rejected) as decided,"
            + " count(*) filter (where (packed is not null or rejected) and (short or rejected)) as inaccurate,"
            + duration("pick", "packed - accepted") + ","
            + duration("ready", "ready - created_at") + ","
            + duration("deliver", "delivered - created_at") + ","
            + duration("curb", "picked_up - arrived") + ","
            + " count(picked_up) as picked_up, count(*) filter (where expired) as expired,"
            + " count(*) filter (where ready is not null and promised_ready is not null) as ready_promised,"
            + " count(*) filter (where ready <= promised_ready) as ready_on_time,"
            + " count(*) filter (where delivered is not null and promised_by is not null) as deliver_promised,"
            + " count(*) filter (where (delivered at time zone time_zone)::date <= promised_by) as deliver_on_time"
            + " from t group by location_id, day order by location_id, day";

    private static final String REASONS = WINDOW + " select f.location_id, f.day,"
            + " coalesce(h.detail->>'reason', 'UNSPECIFIED') as reason, count(*) as n"
            + " from f join order_history h on h.fulfillment_id = f.id and h.type = 'fulfillment.status'"
            + "   and h.detail ? 'missing'"
            + " group by 1, 2, 3";

    private final Pool pool;

    KpiRepository(Pool pool) {
        this.pool = pool;
    }

    Uni<List<KpiApi.LocationDay>> days(LocalDate from, LocalDate to, String locationId) {
        Tuple window = window(from, to, locationId);
        return pool.preparedQuery(REASONS)
                .execute(window)
                .chain(reasons -> pool.preparedQuery(DAYS).execute(window).map(days -> combine(days, reasons)));
    }

    /** Creation times padded by the widest time-zone offsets, so the index narrows and the local day decides. */
    private static Tuple window(LocalDate from, LocalDate to, String locationId) {
        OffsetDateTime start = from.atStartOfDay().atOffset(ZoneOffset.UTC).minusHours(15);
        OffsetDateTime end =
                to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC).plusHours(15);
        return Tuple.of(start, end, locationId, from, to);
    }

    private static String duration(String name, String interval) {
        String seconds = "extract(epoch from " + interval + ")";
        return " count(" + seconds + ") as " + name + "_n, avg(" + seconds + ") as " + name + "_avg,"
                + " percentile_cont(0.5) within group (order by " + seconds + ") as " + name + "_p50,"
                + " percentile_cont(0.9) within group (order by " + seconds + ") as " + name + "_p90";
    }

    private static List<KpiApi.LocationDay> combine(RowSet<Row> days, RowSet<Row> reasons) {
        Map<String, Map<String, Long>> byDay = new HashMap<>();
        for (Row row : reasons) {
            byDay.computeIfAbsent(key(row), k -> new LinkedHashMap<>()).put(row.getString("reason"), row.getLong("n"));
        }
        List<KpiApi.LocationDay> out = new ArrayList<>(days.size());
        for (Row row : days) {
            long decided = row.getLong("decided");
            long inaccurate = row.getLong("inaccurate");
            long pickedUp = row.getLong("picked_up");
            long expired = row.getLong("expired");
            out.add(new KpiApi.LocationDay(
                    row.getString("location_id"),
                    row.getLocalDate("day"),
                    row.getLong("fulfillments"),
                    decided,
                    inaccurate,
                    decided == 0 ? null : (decided - inaccurate) / (double) decided,
                    duration(row, "pick"),
                    duration(row, "ready"),
                    duration(row, "deliver"),
                    pickedUp,
                    expired,
                    pickedUp + expired == 0 ? null : pickedUp / (double) (pickedUp + expired),
                    duration(row, "curb"),
                    byDay.getOrDefault(key(row), Map.of()),
                    onTime(row, "ready"),
                    onTime(row, "deliver")));
        }
        return out;
    }

    private static KpiApi.Duration duration(Row row, String name) {
        long count = row.getLong(name + "_n");
        if (count == 0) {
            return new KpiApi.Duration(0, null, null, null);
        }
        return new KpiApi.Duration(
                count, number(row, name + "_avg"), number(row, name + "_p50"), number(row, name + "_p90"));
    }

    private static KpiApi.OnTime onTime(Row row, String name) {
        long promised = row.getLong(name + "_promised");
        long onTime = row.getLong(name + "_on_time");
        return new KpiApi.OnTime(promised, onTime, promised == 0 ? null : onTime / (double) promised);
    }

    private static Double number(Row row, String column) {
        Object value = row.getValue(column);
        return value == null ? null : ((Number) value).doubleValue();
    }

    private static String key(Row row) {
        return row.getString("location_id") + "|" + row.getLocalDate("day");
    }
}
