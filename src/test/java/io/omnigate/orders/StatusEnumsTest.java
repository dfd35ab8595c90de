package io.omnigate.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.omnigate.inventory.ReservationKind;
import io.omnigate.inventory.ReservationStatus;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The status enums name exactly the values the schema's check constraints allow, so a value the
 * code writes is one the database takes, and a value the database holds is one the code can read.
 */
@QuarkusTest
class StatusEnumsTest {

    private static final Pattern LITERAL = Pattern.compile("'([A-Z_]+)'::text");

    @Inject
    Pool pool;

    @Test
    void reservationStatusesAndKindsAreTheOnesTheSchemaAllows() {
        assertEquals(allowed("reservation", "status"), names(ReservationStatus.values()));
        assertEquals(allowed("reservation", "kind"), names(ReservationKind.values()));
    }

    @Test
    void holdStatusesAreTheOnesTheSchemaAllows() {
        assertEquals(allowed("hold", "status"), names(HoldStatus.values()));
    }

    @Test
    void fulfillmentStatusesAreTheOnesTheSchemaAllows() {
        assertEquals(allowed("fulfillment", "status"), names(FulfillmentStatus.values()));
    }

    @Test
    void orderAndReturnStatusesAreTheOnesTheSchemaAllows() {
        assertEquals(allowed("orders", "status"), names(OrderStatus.values()));
        assertEquals(allowed("return_record", "status"), names(ReturnStatus.values()));
    }

    @Test
    void aHoldsReservationsEndAsTheHoldDoesAndOnlyActiveIsLive() {
        for (HoldStatus status : HoldStatus.values()) {
            assertEquals(status.name(), status.reservations().name());
            assertEquals(status.isLive(), status.reservations().isLive());
        }
        assertEquals("'ACTIVE'", ReservationStatus.ACTIVE.sql());
        assertEquals("'INBOUND'", ReservationKind.INBOUND.sql());
        assertEquals("'EXPIRED'", HoldStatus.EXPIRED.sql());
    }

    /** The literals of the check constraints on {@code table.column}. */
    private Set<String> allowed(String table, String column) {
        String defs = pool.preparedQuery("select string_agg(pg_get_constraintdef(c.oid), ' ') as defs"
                        + " from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid"
                        + " and a.attnum = any(c.conkey)"
                        + " where c.conrelid = $1::regclass and c.contype = 'c' and a.attname = $2")
                .execute(Tuple.of(table, column))
                .await()
                .atMost(Duration.ofSeconds(10))
                .iterator()
                .next()
                .getString("defs");
        Set<String> literals = new TreeSet<>();
        Matcher m = LITERAL.matcher(defs);
        while (m.find()) {
            literals.add(m.group(1));
        }
        return literals;
    }

    private static Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
    }
}
