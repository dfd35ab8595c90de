package io.omnigate.availability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.omnigate.availability.AvailabilityResponse.Carriage;
import io.omnigate.availability.AvailabilityResponse.LineAvailability;
import io.omnigate.availability.AvailabilityResponse.Option;
import io.omnigate.availability.AvailabilityResponse.Price;
import io.omnigate.availability.AvailabilityResponse.Shipment;
import io.omnigate.availability.AvailabilityResponse.ShipmentLine;
import io.omnigate.availability.AvailabilityResponse.Source;
import io.omnigate.availability.AvailabilityResponse.Window;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written writer must produce byte for byte what Jackson writes by reflection. */
class AvailabilityJsonTest {

    /** Takes the hand-written serializer away again, so the mapper falls back to reflection. */
    @JsonSerialize(using = JsonSerializer.None.class)
    private interface ByReflection {}

    private static ObjectMapper mapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    @Test
    void writesExactlyWhatReflectionWrites() throws Exception {
        ObjectMapper handWritten = mapper();
        ObjectMapper reflective = mapper().addMixIn(AvailabilityResponse.class, ByReflection.class);
        assertEquals(AvailabilityJson.class, serializer(handWritten));
        assertNotEquals(AvailabilityJson.class, serializer(reflective), "the mix-in restores reflection");
        Random random = new Random(5);
        for (int i = 0; i < 500; i++) {
            AvailabilityResponse response = response(random);
            String expected = reflective.writeValueAsString(response);
            assertEquals(expected, handWritten.writeValueAsString(response));
        }
        assertTrue(handWritten.writeValueAsString(response(random)).startsWith("{\"requestId\":"));
    }

    @Test
    void writesNullTopLevelFieldsAsReflectionDoes() throws Exception {
        AvailabilityResponse empty = new AvailabilityResponse(null, null, true, null, null);
        assertEquals(
                mapper().addMixIn(AvailabilityResponse.class, ByReflection.class)
                        .writeValueAsString(empty),
                mapper().writeValueAsString(empty));
    }

    private static Class<?> serializer(ObjectMapper mapper) throws Exception {
        return mapper.getSerializerProviderInstance()
                .findValueSerializer(AvailabilityResponse.class)
                .getClass();
    }

    private static AvailabilityResponse response(Random random) {
        List<Option> options = new ArrayList<>();
        int count = random.nextInt(8);
        for (int i = 0; i < count; i++) {
            options.add(option(random));
        }
        List<String> warnings = random.nextBoolean() ? List.of() : List.of("carrier post: timed out", "ünïcode \"q\"");
        return new AvailabilityResponse(
                "req-" + random.nextInt(), instant(random), random.nextBoolean(), warnings, options);
    }

    private static Option option(Random random) {
        FulfillmentMethod method = FulfillmentMethod.values()[random.nextInt(FulfillmentMethod.values().length)];
        Source source = Source.values()[random.nextInt(Source.values().length)];
        List<LineAvailability> lines = List.of(
                new LineAvailability("SKU-00001", 2, random.nextInt(3)), new LineAvailability("SKU-00042", 1, 1));
        Window window = new Window(instant(random), random.nextInt(5) == 0 ? null : instant(random));
        double km = random.nextInt(100_000) / 100.0;
        Carriage carriage = new Carriage(
                random.nextBoolean() ? "post" : null,
                "standard",
                new Price(new BigDecimal(random.nextInt(10_000)).movePointLeft(2), "EUR"),
                random.nextBoolean() ? LocalDate.of(2026, 3, 1 + random.nextInt(28)) : null);
        List<Shipment> shipments = List.of(
                new Shipment(
                        "S-0001", List.of(new ShipmentLine("SKU-00001", 2)), instant(random), null, null, null, null),
                new Shipment(
                        "DC-01",
                        List.of(new ShipmentLine("SKU-00042", 1)),
                        null,
                        "post",
                        "express",
                        new Price(new BigDecimal("4.90"), "EUR"),
                        LocalDate.of(2026, 3, 13)));
        return switch (random.nextInt(6)) {
            case 0 -> Option.atStore(method, "S-0627", km, lines, window, source);
            case 1 -> Option.transferredToStore(method, "S-0646", km, lines, window, "S-0194");
            case 2 -> Option.atLocker("L-0001", km, lines, window, source, "DC-02");
            case 3 ->
                Option.delivered(method, "DC-01", km, random.nextBoolean(), lines, instant(random), carriage, source);
            case 4 -> Option.pickupSplit(method, "S-0001", km, lines, window, source, shipments);
            default -> Option.shipSplit("DC-01", km, lines, carriage, source, shipments);
        };
    }

    private static Instant instant(Random random) {
        Instant at = Instant.parse("2026-03-11T09:00:00Z").plusSeconds(random.nextInt(600_000));
        return random.nextBoolean() ? at : at.plusNanos(random.nextInt(1_000_000_000));
    }
}
