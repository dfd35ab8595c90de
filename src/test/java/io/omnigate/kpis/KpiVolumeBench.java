package io.omnigate.kpis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.omnigate.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * How long {@code GET /v1/kpis} takes over 100,000 fulfillments with 500,000 history rows (50
 * stores, 30 days). Not part of the suite (no *Test suffix): {@code ./mvnw test -Dtest=KpiVolumeBench}.
 */
@QuarkusTest
class KpiVolumeBench {

    private static final int FULFILLMENTS = 100_000;

    @Inject
    Pool pool;

    @Test
    void kpisOverAHundredThousandFulfillments() {
        long loading = System.nanoTime();
        sql("insert into location (id, type, name, lat, lon, time_zone)"
                + " select 'KB-' || i, 'STORE', 'KPI bench ' || i, 10 + i * 0.01, 10, 'Europe/Rome'"
                + " from generate_series(1, 50) i");
        sql("insert into orders (id, status, method, created_at, promise)"
                + " select 'KBO-' || i, 'PLACED', 'PICKUP', now(), '{\"readyAt\": \"2026-10-15T10:00:00Z\"}'"
                + " from generate_series(1, " + FULFILLMENTS + ") i");
        sql("insert into fulfillment (id, order_id, location_id, method, status, created_at)"
                + " select 'KBF-' || i, 'KBO-' || i, 'KB-' || (1 + i % 50), 'PICKUP', 'PICKED_UP',"
                + "   timestamptz '2026-10-01 08:00Z' + ((i / 50) % 30) * interval '1 day' + (i % 600) * interval '1 minute'"
                + " from generate_series(1, " + FULFILLMENTS + ") i");
        sql("insert into order_history (order_id, type, fulfillment_id, location_id, status, at)"
                + " select f.order_id, 'fulfillment.status', f.id, f.location_id, s.status,"
                + "   f.created_at + s.n * interval '7 minutes' + (length(f.id) % 5) * interval '1 minute'"
                + " from fulfillment f cross join (values (1, 'ACCEPTED'), (2, 'PICKING'), (3, 'PACKED'),"
                + "   (4, 'READY_FOR_PICKUP'), (5, 'PICKED_UP')) s(n, status) where f.id like 'KBF-%'");
        sql("analyze fulfillment");
        sql("analyze order_history");
        System.out.printf("KPI bench: loaded %d fulfillments in %d ms%n", FULFILLMENTS, ms(loading));

        time("one store, 30 days", "2026-10-01", "2026-10-30", "KB-7", 30);
        time("all stores, 1 day", "2026-10-15", "2026-10-15", null, 50);
        time("all stores, 7 days", "2026-10-10", "2026-10-16", null, 350);
        time("all stores, 30 days", "2026-10-01", "2026-10-30", null, 1500);
    }

    private void time(String what, String from, String to, String location, int days) {
        for (int run = 0; run < 3; run++) {
            long start = System.nanoTime();
            var spec = TestApi.admin().queryParam("from", from).queryParam("to", to);
            if (location != null) {
                spec = spec.queryParam("locationId", location);
            }
            int returned = spec.get("/v1/kpis").then().statusCode(200).extract().path("days.size()");
            long took = ms(start);
            assertEquals(days, returned, what);
            System.out.printf(
                    "KPI bench: %s (%s..%s): %d location-days in %d ms (run %d)%n",
                    what, LocalDate.parse(from), LocalDate.parse(to), returned, took, run + 1);
        }
    }

    private void sql(String statement) {
        pool.query(statement).execute().await().atMost(Duration.ofMinutes(5));
    }

    private static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
