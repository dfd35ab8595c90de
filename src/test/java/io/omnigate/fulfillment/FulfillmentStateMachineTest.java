package io.omnigate.fulfillment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.orders.OrderApi.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FulfillmentStateMachineTest {

    private static List<String> allowed(Method method) {
        List<String> edges = new ArrayList<>();
        for (String from : FulfillmentStateMachine.STATUSES) {
            for (String to : FulfillmentStateMachine.STATUSES) {
                if (FulfillmentStateMachine.allowed(method, from, to)) {
                    edges.add(from + ">" + to);
                }
            }
        }
        return edges;
    }

    /** Every method's first steps, then {@code rest}. */
    private static List<String> edges(String... rest) {
        List<String> edges = new ArrayList<>(List.of(
                "ASSIGNED>ACCEPTED",
                "ASSIGNED>REJECTED",
                "ASSIGNED>CANCELLED",
                "ACCEPTED>PICKING",
                "ACCEPTED>REJECTED",
                "ACCEPTED>CANCELLED",
                "PICKING>PACKED",
                "PICKING>REJECTED",
                "PICKING>CANCELLED"));
        edges.addAll(List.of(rest));
        return edges;
    }

    @Test
    void pickupMethodsGoThroughReadyForPickup() {
        List<String> expected = edges(
                "PACKED>READY_FOR_PICKUP",
                "PACKED>CANCELLED",
                "READY_FOR_PICKUP>PICKED_UP",
                "READY_FOR_PICKUP>CANCELLED",
                "READY_FOR_PICKUP>EXPIRED",
                "PICKED_UP>RETURNED");
        for (Method method : List.of(Method.PICKUP, Method.CURBSIDE, Method.LOCKER)) {
            assertEquals(expected, allowed(method), method.name());
        }
    }

    @Test
    void shipMethodsGoThroughShipped() {
        List<String> expected = edges("PACKED>SHIPPED", "PACKED>CANCELLED", "SHIPPED>DELIVERED", "DELIVERED>RETURNED");
        for (Method method : List.of(Method.SHIP, Method.SAME_DAY)) {
            assertEquals(expected, allowed(method), method.name());
        }
    }

    @Test
    void endStatusesAreEnds() {
        for (String end : List.of("REJECTED", "CANCELLED", "EXPIRED", "RETURNED")) {
            for (String to : FulfillmentStateMachine.STATUSES) {
                assertFalse(FulfillmentStateMachine.allowed(Method.PICKUP, end, to), end + ">" + to);
                assertFalse(FulfillmentStateMachine.allowed(Method.SHIP, end, to), end + ">" + to);
            }
        }
        assertTrue(FulfillmentStateMachine.allowed(Method.SAME_DAY, "PACKED", "SHIPPED"));
    }
}
