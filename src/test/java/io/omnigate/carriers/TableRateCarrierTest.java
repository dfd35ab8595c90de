package io.omnigate.carriers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.network.ParcelSize;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TableRateCarrierTest {

    record Band(double maxKm, BigDecimal price) implements CarriersConfig.Band {}

    record Service(LocalTime cutOff, int transitDays, List<CarriersConfig.Band> bands)
            implements CarriersConfig.Service {}

    record Table(Map<String, CarriersConfig.Service> services) implements CarriersConfig.TableRate {
        public boolean enabled() {
            return true;
        }

        public String name() {
            return "table";
        }

        public String currency() {
            return "EUR";
        }

        public Set<DayOfWeek> workingDays() {
            return EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        }

        public Optional<List<LocalDate>> holidays() {
            return Optional.of(List.of(LocalDate.of(2026, 3, 12)));
        }
    }

    private final TableRateCarrier carrier = new TableRateCarrier(new Table(Map.of(
            "STANDARD",
            new Service(
                    LocalTime.of(17, 0),
                    1,
                    List.of(new Band(100, new BigDecimal("4.90")), new Band(500, new BigDecimal("6.90")))))));

    private List<Quote> quotesAt(double km) {
        return carrier.quotesFor(new QuoteRequest(
                List.of(new QuoteRequest.Origin("DC-1", 45, 9, "Europe/Rome", km)),
                new QuoteRequest.Destination(45, 9, null, "IT"),
                1,
                ParcelSize.M,
                Instant.parse("2026-03-11T09:00:00Z")));
    }

    @Test
    void pricesByTheFirstBandThatReachesTheDestination() {
        assertEquals(new BigDecimal("4.90"), quotesAt(40).get(0).amount());
        assertEquals(new BigDecimal("6.90"), quotesAt(100.5).get(0).amount());
        assertTrue(quotesAt(501).isEmpty(), "beyond the last band the service is not offered");
    }

    @Test
    void holidaysDelayThePromise() {
        // Wednesday before the cut-off, one transit day, Thursday is a holiday: Friday.
        assertEquals(LocalDate.of(2026, 3, 13), quotesAt(40).get(0).promisedBy());
    }
}
