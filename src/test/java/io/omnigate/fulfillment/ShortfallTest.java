package io.omnigate.fulfillment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.orders.FulfillmentStatus;
import io.omnigate.orders.OrderApi;
import io.omnigate.orders.OrderApi.LineMode;
import io.omnigate.orders.OrderRepository;
import io.omnigate.platform.ProblemException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShortfallTest {

    /** Two units of A and one of B from stock, one of C on backorder. */
    private static final OrderRepository.StoredFulfillment PICKING = new OrderRepository.StoredFulfillment(
            "F-1",
            "S-1",
            FulfillmentStatus.PICKING,
            List.of(
                    new OrderApi.LineView("SKU-A", 2, LineMode.STOCK),
                    new OrderApi.LineView("SKU-B", 1, LineMode.STOCK),
                    new OrderApi.LineView("SKU-C", 1, LineMode.BACKORDER)),
            null,
            null);

    @Test
    void noLinesRejectsTheWholeFulfillmentAndReroutesEveryLineFromStock() {
        Shortfall all = Shortfall.of(PICKING, List.of());

        assertTrue(all.whole());
        assertEquals(Map.of("SKU-A", 2, "SKU-B", 1), all.missingBySku());
        assertEquals(
                List.of(
                        new OrderApi.Line("SKU-A", 2, LineMode.STOCK),
                        new OrderApi.Line("SKU-B", 1, LineMode.STOCK),
                        new OrderApi.Line("SKU-C", 1, LineMode.STOCK)),
                all.toReroute());
        assertEquals(all, Shortfall.of(PICKING, null));
    }

    @Test
    void aShortPickReroutesOnlyTheMissingUnitsSummedPerSku() {
        Shortfall shortPick = Shortfall.of(
                PICKING, List.of(new OrderApi.RejectLine("SKU-A", 1), new OrderApi.RejectLine("SKU-A", 1)));

        assertFalse(shortPick.whole());
        assertEquals(Map.of("SKU-A", 2), shortPick.missingBySku());
        assertEquals(List.of(new OrderApi.Line("SKU-A", 2, LineMode.STOCK)), shortPick.toReroute());
    }

    @Test
    void namingEveryStockUnitIsWholeOnlyWithoutOtherLines() {
        OrderRepository.StoredFulfillment stockOnly = new OrderRepository.StoredFulfillment(
                "F-2", "S-1", FulfillmentStatus.ACCEPTED, PICKING.lines().subList(0, 2), null, null);
        List<OrderApi.RejectLine> everything =
                List.of(new OrderApi.RejectLine("SKU-B", 1), new OrderApi.RejectLine("SKU-A", 2));

        assertTrue(Shortfall.of(stockOnly, everything).whole());
        assertFalse(Shortfall.of(PICKING, everything).whole());
        assertEquals(
                List.of("SKU-A", "SKU-B"),
                List.copyOf(Shortfall.of(stockOnly, everything).missingBySku().keySet()));
    }

    @Test
    void moreThanTheFulfillmentHoldsIsUnprocessable() {
        for (OrderApi.RejectLine wrong :
                List.of(new OrderApi.RejectLine("SKU-B", 2), new OrderApi.RejectLine("SKU-C", 1))) {
            ProblemException problem =
                    assertThrows(ProblemException.class, () -> Shortfall.of(PICKING, List.of(wrong)));
            assertEquals(422, problem.status());
            assertTrue(problem.getMessage().contains(wrong.sku()), problem.getMessage());
        }
    }
}
