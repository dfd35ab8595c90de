package io.omnigate.availability;

import static io.omnigate.availability.OptionFixtures.location;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.availability.AvailabilityResponse.Option;
import io.omnigate.availability.AvailabilityResponse.Source;
import io.omnigate.network.Capability;
import io.omnigate.network.Location;
import io.omnigate.network.LocationType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Locker, ship, split and near-time options, built without Quarkus or a database. */
class OptionBuildersTest {

    private final OptionFixtures net = new OptionFixtures();

    @Test
    void aLockerIsFedByItsFirstFeederWithTheCartAndReadyAfterTheTransfer() {
        Location empty = location("S-EMPTY", LocationType.STORE, Capability.SHIP_FROM);
        Location dc = location("DC-1", LocationType.DC, Capability.SHIP_FROM);
        net.locker("L-1", 1, empty, dc);
        net.stock(dc, "A", 5);

        List<Option> options = LockerOptions.build(net.inputs(Map.of("A", 1), FulfillmentMethod.LOCKER));

        assertEquals(1, options.size());
        assertEquals("DC-1", options.get(0).fulfilledFromLocationId());
        // DC lead 60 min, then the 3 h locker transfer; held for 3 days.
        assertEquals(Instant.parse("2026-03-11T13:00:00Z"), options.get(0).readyAt());
        assertEquals(
                Instant.parse("2026-03-14T13:00:00Z"),
                options.get(0).pickupWindow().to());
    }

    @Test
    void shipOffersEveryServiceOfTheBestOriginCheapestFirst() {
        Location dc = net.shipFrom("DC-1", 100);
        net.stock(dc, "A", 5);
        net.quote(dc, "EXPRESS", "9.90");
        net.quote(dc, "STANDARD", "4.90");
        net.quote(dc, CarrierQuotes.SAME_DAY_SERVICE, "12.00");

        List<Option> options = ShipOptions.ship(net.inputs(Map.of("A", 2), FulfillmentMethod.SHIP));

        assertEquals(
                List.of("STANDARD", "EXPRESS"),
                options.stream().map(Option::service).toList());
        assertEquals(new BigDecimal("4.90"), options.get(0).price().amount());
        assertEquals(Source.LIVE, options.get(0).source());
        assertNull(options.get(0).pickupWindow());
    }

    @Test
    void aCartNoOriginHoldsIsShippedSplitWithTheSumOfTheCheapestServices() {
        Location a = net.shipFrom("DC-A", 100);
        Location b = net.shipFrom("DC-B", 200);
        net.stock(a, "A", 5);
        net.stock(b, "B", 5);
        net.quote(a, "STANDARD", "4.90");
        net.quote(b, "STANDARD", "6.90");
        Map<String, Integer> cart = new LinkedHashMap<>();
        cart.put("A", 1);
        cart.put("B", 1);

        List<Option> options = ShipOptions.ship(net.inputs(cart, FulfillmentMethod.SHIP));

        Option split = options.get(0);
        assertEquals(2, split.shipments().size(), options.toString());
        assertEquals(new BigDecimal("11.80"), split.price().amount());
        assertEquals("STANDARD", split.service());
        assertTrue(split.complete());
    }

    @Test
    void withNoShelfHoldingTheCartPickupIsSplitAndInboundGivesANearTimeWindow() {
        Location a = net.pickupStore("S-A", 1, Capability.PICKUP);
        Location b = net.pickupStore("S-B", 2, Capability.PICKUP);
        net.stock(a, "A", 2);
        net.stock(b, "B", 2);
        net.inbound(a, "B", 3, Instant.parse("2026-03-12T07:30:00Z"));
        Map<String, Integer> cart = new LinkedHashMap<>();
        cart.put("A", 1);
        cart.put("B", 1);

        List<Option> options = PickupOptions.build(
                net.inputs(cart, FulfillmentMethod.PICKUP), FulfillmentMethod.PICKUP, Capability.PICKUP);

        assertEquals(2, options.get(0).shipments().size(), options.toString());
        assertEquals(Source.LIVE, options.get(0).source());
        Option nearTime = options.get(1);
        assertEquals(Source.NEAR_TIME, nearTime.source());
        assertEquals("S-A", nearTime.locationId());
        // Inbound at 07:30, the store opens at 08:00, one hour's lead.
        assertEquals(Instant.parse("2026-03-12T09:00:00Z"), nearTime.readyAt());
    }
}
