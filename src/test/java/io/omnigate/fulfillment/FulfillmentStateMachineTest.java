package io.omnigate.fulfillment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.orders.FulfillmentStatus;
import io.omnigate.orders.OrderApi.Method;
import io.omnigate.platform.ProblemException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FulfillmentStateMachineTest {

    private static List<String> allowed(Method method) {
        List<String> edges = new ArrayList<>();
        for (FulfillmentStatus from : FulfillmentStateMachine.STATUSES) {
            for (FulfillmentStatus to : FulfillmentStateMachine.STATUSES) {
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
        for (FulfillmentStatus end : List.of(
                FulfillmentStatus.REJECTED,
                FulfillmentStatus.CANCELLED,
                FulfillmentStatus.EXPIRED,
                FulfillmentStatus.RETURNED)) {
            for (FulfillmentStatus to : FulfillmentStateMachine.STATUSES) {
                assertFalse(FulfillmentStateMachine.allowed(Method.PICKUP, end, to), end + ">" + to);
                assertFalse(FulfillmentStateMachine.allowed(Method.SHIP, end, to), end + ">" + to);
            }
        }
        assertTrue(
                FulfillmentStateMachine.allowed(Method.SAME_DAY, FulfillmentStatus.PACKED, FulfillmentStatus.SHIPPED));
    }

    /**
     * Every status is known to the table: each one but ASSIGNED (where a fulfillment is born) can be
     * reached by some method, and every status either leads on or is one of the four ends.
     */
    @Test
    void everyStatusHasItsPlaceInTheTable() {
        assertEquals(List.of(FulfillmentStatus.values()), FulfillmentStateMachine.STATUSES);
        List<FulfillmentStatus> ends = List.of(
                FulfillmentStatus.REJECTED,
                FulfillmentStatus.CANCELLED,
                FulfillmentStatus.EXPIRED,
                FulfillmentStatus.RETURNED);
        for (FulfillmentStatus status : FulfillmentStatus.values()) {
            boolean reached = false;
            boolean leads = false;
            for (Method method : Method.values()) {
                for (FulfillmentStatus other : FulfillmentStatus.values()) {
                    reached |= FulfillmentStateMachine.allowed(method, other, status);
                    leads |= FulfillmentStateMachine.allowed(method, status, other);
                }
            }
            assertEquals(status != FulfillmentStatus.ASSIGNED, reached, status + " reached");
            assertEquals(!ends.contains(status), leads, status + " leads on");
        }
    }

    @Test
    void aNameThatIsNoStatusIsABadRequestListingTheStatuses() {
        assertEquals(FulfillmentStatus.PACKED, FulfillmentStateMachine.parse("to", "PACKED"));
        for (String wrong : java.util.Arrays.asList("packed", "LOST", "", null)) {
            ProblemException problem =
                    assertThrows(ProblemException.class, () -> FulfillmentStateMachine.parse("to", wrong));
            assertEquals(400, problem.status());
            assertTrue(problem.getMessage().contains("READY_FOR_PICKUP"), problem.getMessage());
        }
    }
}
