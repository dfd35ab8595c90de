package io.omnigate.availability;

import static io.omnigate.availability.OptionFixtures.location;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.availability.AvailabilityResponse.Option;
import io.omnigate.availability.AvailabilityResponse.Source;
import io.omnigate.network.Capability;
import io.omnigate.network.Location;
import io.omnigate.network.LocationType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PICKUP and CURBSIDE options, ship-to-store included, built without Quarkus or a database. */
class PickupOptionsTest {

    private final OptionFixtures net = new OptionFixtures();

    @Test
    void aStoreWithTheCartComesBeforeAStoreFedByATransfer() {
        Location near = net.pickupStore("S-NEAR", 1, Capability.PICKUP);
        Location far = net.pickupStore("S-FAR", 5, Capability.PICKUP);
        Location dc = location("DC-1", LocationType.DC, Capability.SHIP_FROM);
        net.feeds(near, dc);
        net.feeds(far, dc);
        net.stock(far, "A", 5);
        net.stock(dc, "A", 100);

        List<Option> options = PickupOptions.build(
                net.inputs(Map.of("A", 2), FulfillmentMethod.PICKUP), FulfillmentMethod.PICKUP, Capability.PICKUP);

        assertEquals(
                List.of("S-FAR", "S-NEAR"),
                options.stream().map(Option::locationId).toList());
        assertEquals(Source.LIVE, options.get(0).source());
        Option transfer = options.get(1);
        assertEquals(Source.TRANSFER, transfer.source());
        assertEquals("DC-1", transfer.fulfilledFromLocationId());
        assertTrue(transfer.complete());
        assertEquals(2, transfer.lines().get(0).available());
        // DC lead 60 min (10:00), 24 h DC-to-store transfer (Thursday 10:00), the store's own 60 min lead.
        assertEquals(Instant.parse("2026-03-12T11:00:00Z"), transfer.readyAt());
        assertEquals(
                Instant.parse("2026-03-12T20:00:00Z"), transfer.pickupWindow().to());
    }

    @Test
    void theFeederThatGetsTheGoodsThereFirstIsNamed() {
        Location store = net.pickupStore("S-1", 2, Capability.PICKUP, Capability.CURBSIDE);
        Location dc = location("DC-1", LocationType.DC, Capability.SHIP_FROM);
        Location otherStore = location("S-2", LocationType.STORE, Capability.SHIP_FROM);
        net.feeds(store, dc, otherStore);
        net.stock(dc, "A", 100);
        net.stock(otherStore, "A", 3);

        List<Option> options = PickupOptions.build(
                net.inputs(Map.of("A", 1), FulfillmentMethod.CURBSIDE),
                FulfillmentMethod.CURBSIDE,
                Capability.CURBSIDE);

        assertEquals(1, options.size(), options.toString());
        assertEquals("S-2", options.get(0).fulfilledFromLocationId());
        assertEquals(FulfillmentMethod.CURBSIDE, options.get(0).method());
        // S-2 ready at 10:00, 4 h store-to-store (14:00), S-1's own lead: 15:00.
        assertEquals(Instant.parse("2026-03-11T15:00:00Z"), options.get(0).readyAt());
    }

    @Test
    void noFeederWithTheWholeCartMeansNoTransfer() {
        Location store = net.pickupStore("S-1", 2, Capability.PICKUP);
        Location dc = location("DC-1", LocationType.DC, Capability.SHIP_FROM);
        net.feeds(store, dc);
        net.stock(dc, "A", 100);
        net.stock(dc, "B", 0);

        List<Option> options = PickupOptions.build(
                net.inputs(Map.of("A", 1, "B", 1), FulfillmentMethod.PICKUP),
                FulfillmentMethod.PICKUP,
                Capability.PICKUP);

        assertTrue(options.isEmpty(), options.toString());
    }

    @Test
    void aStoreWithoutTheCapabilityIsNotOffered() {
        Location store = net.pickupStore("S-1", 2, Capability.CURBSIDE);
        net.stock(store, "A", 5);

        assertTrue(PickupOptions.build(
                        net.inputs(Map.of("A", 1), FulfillmentMethod.PICKUP),
                        FulfillmentMethod.PICKUP,
                        Capability.PICKUP)
                .isEmpty());
        assertEquals(
                "S-1",
                PickupOptions.build(
                                net.inputs(Map.of("A", 1), FulfillmentMethod.CURBSIDE),
                                FulfillmentMethod.CURBSIDE,
                                Capability.CURBSIDE)
                        .get(0)
                        .locationId());
    }
}
