package io.omnigate.availability;

import io.omnigate.carriers.Quote;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The carriers' answers of one request, by ship-from origin. */
final class CarrierQuotes {

    static final String SAME_DAY_SERVICE = "SAME_DAY";

    private final Map<String, List<Quote>> byOrigin = new HashMap<>();

    CarrierQuotes(List<Quote> quotes) {
        quotes.forEach(q -> byOrigin.computeIfAbsent(q.originLocationId(), k -> new ArrayList<>())
                .add(q));
    }

    static CarrierQuotes none() {
        return new CarrierQuotes(List.of());
    }

    /** Parcel services from this origin, cheapest first. */
    List<Quote> parcel(String originId) {
        return byOrigin.getOrDefault(originId, List.of()).stream()
                .filter(q -> !SAME_DAY_SERVICE.equals(q.service()))
                .sorted(Comparator.comparing(Quote::amount))
                .toList();
    }

    /** The cheapest same-day service from this origin that delivers on {@code today}. */
    Optional<Quote> sameDay(String originId, LocalDate today) {
        return byOrigin.getOrDefault(originId, List.of()).stream()
                .filter(q -> SAME_DAY_SERVICE.equals(q.service()) && today.equals(q.promisedBy()))
                .min(Comparator.comparing(Quote::amount));
    }
}
