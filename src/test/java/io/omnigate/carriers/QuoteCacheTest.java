package io.omnigate.carriers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class QuoteCacheTest {

    private final AtomicLong nanos = new AtomicLong();
    private final List<Quote> quotes =
            List.of(new Quote("acme", "STANDARD", "DC-1", new BigDecimal("5.00"), "EUR", null));

    @Test
    void answersWithinTheTtlThenForgets() {
        QuoteCache cache = new QuoteCache(Duration.ofSeconds(30), 10, nanos::get);
        cache.put("k", quotes);
        nanos.addAndGet(Duration.ofSeconds(29).toNanos());
        assertEquals(quotes, cache.get("k"));
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertNull(cache.get("k"));
    }

    @Test
    void staysBounded() {
        QuoteCache cache = new QuoteCache(Duration.ofSeconds(30), 5, nanos::get);
        for (int i = 0; i < 50; i++) {
            cache.put("k" + i, quotes);
        }
        assertTrue(cache.size() <= 5, "size " + cache.size());
    }
}
