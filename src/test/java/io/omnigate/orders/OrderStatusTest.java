package io.omnigate.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderStatusTest {

    private static String derive(String... statuses) {
        return OrderStatus.derive(
                        Arrays.stream(statuses).map(FulfillmentStatus::of).toList())
                .name();
    }

    @Test
    void theOrderFollowsItsFulfillments() {
        assertEquals("PLACED", derive("ASSIGNED"));
        assertEquals("PLACED", derive("REJECTED", "ASSIGNED"));
        assertEquals("IN_PROGRESS", derive("ACCEPTED", "ASSIGNED"));
        assertEquals("IN_PROGRESS", derive("PACKED"));
        assertEquals("PARTIALLY_READY", derive("READY_FOR_PICKUP", "PICKING"));
        assertEquals("READY_FOR_PICKUP", derive("READY_FOR_PICKUP", "READY_FOR_PICKUP", "CANCELLED"));
        assertEquals("PARTIALLY_FULFILLED", derive("PICKED_UP", "READY_FOR_PICKUP"));
        assertEquals("PARTIALLY_FULFILLED", derive("SHIPPED", "PACKED"));
        assertEquals("SHIPPED", derive("SHIPPED", "DELIVERED"));
        assertEquals("COMPLETED", derive("DELIVERED", "DELIVERED"));
        assertEquals("COMPLETED", derive("PICKED_UP", "EXPIRED"));
        assertEquals("EXPIRED", derive("EXPIRED", "REJECTED"));
        assertEquals("RETURNED", derive("RETURNED"));
        assertEquals("COMPLETED", derive("RETURNED", "DELIVERED"));
        assertEquals("CANCELLED", derive("CANCELLED", "REJECTED"));
        assertEquals("UNFULFILLABLE", derive("REJECTED"));
    }

    @Test
    void everyDerivedStatusIsOneTheDatabaseAccepts() {
        for (String status : List.of(
                "PLACED",
                "IN_PROGRESS",
                "PARTIALLY_READY",
                "READY_FOR_PICKUP",
                "PARTIALLY_FULFILLED",
                "SHIPPED",
                "COMPLETED",
                "EXPIRED",
                "RETURNED",
                "CANCELLED",
                "UNFULFILLABLE")) {
            assertEquals(status, OrderStatus.valueOf(status).name(), status);
        }
    }
}
