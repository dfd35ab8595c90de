package io.omnigate.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aFullBucketAdmitsItsBurstThenRefillsAtTheRate() {
        TokenBuckets buckets = new TokenBuckets(10);
        long now = 5 * SECOND;
        for (int i = 0; i < 4; i++) {
            assertTrue(buckets.take("a", 2, 4, now).admitted(), "token " + i);
        }
        TokenBuckets.Decision refused = buckets.take("a", 2, 4, now);
        assertFalse(refused.admitted());
        assertEquals(SECOND / 2, refused.retryAfterNanos(), "one token comes back every half second");
        assertTrue(buckets.take("b", 2, 4, now).admitted(), "another key has its own bucket");
        assertTrue(buckets.take("a", 2, 4, now + SECOND / 2).admitted());
        assertFalse(buckets.take("a", 2, 4, now + SECOND / 2).admitted());
    }

    @Test
    void parallelTakersNeverGetMoreThanTheBucketHolds() {
        TokenBuckets buckets = new TokenBuckets(10);
        long now = 7 * SECOND;
        AtomicInteger admitted = new AtomicInteger();
        IntStream.range(0, 10_000).parallel().forEach(i -> {
            if (buckets.take("a", 1, 100, now).admitted()) {
                admitted.incrementAndGet();
            }
        });
        assertEquals(100, admitted.get());
    }

    @Test
    void theMapStaysBoundedAndForgetsBucketsThatAreFullAgain() {
        TokenBuckets buckets = new TokenBuckets(3);
        long now = 3 * SECOND;
        for (String key : new String[] {"a", "b", "c"}) {
            buckets.take(key, 1, 1, now);
        }
        assertTrue(buckets.take("d", 1, 1, now).admitted(), "beyond the bound a new caller is not refused");
        assertEquals(3, buckets.size());
        assertTrue(buckets.take("d", 1, 1, now + 2 * SECOND).admitted());
        assertEquals(1, buckets.size(), "a, b and c were full again and dropped; d took their room");
    }

    @Test
    void familiesCoverTheWritesAndStreamOpensOnly() {
        assertEquals(Optional.of(RateFamily.ORDERS), RateFamily.of("POST", "/v1/orders"));
        assertEquals(Optional.of(RateFamily.ORDERS), RateFamily.of("POST", "/v1/orders/O-1/cancel"));
        assertEquals(Optional.of(RateFamily.HOLDS), RateFamily.of("DELETE", "/v1/holds/H-1"));
        assertEquals(Optional.of(RateFamily.ADJUSTMENTS), RateFamily.of("POST", "/v1/inventory/adjustments"));
        assertEquals(Optional.of(RateFamily.SNAPSHOTS), RateFamily.of("PUT", "/v1/locations/S-1/inventory"));
        assertEquals(Optional.of(RateFamily.WORKFLOW), RateFamily.of("POST", "/v1/fulfillments/F-1/transitions"));
        assertEquals(Optional.of(RateFamily.WORKFLOW), RateFamily.of("POST", "/v1/locations/S-1/pickups/verify"));
        assertEquals(Optional.of(RateFamily.TOKENS), RateFamily.of("POST", "/v1/auth/tokens"));
        assertEquals(Optional.of(RateFamily.STREAMS), RateFamily.of("GET", "/v1/orders/O-1/events"));
        assertEquals(Optional.empty(), RateFamily.of("GET", "/v1/orders/O-1"));
        assertEquals(Optional.empty(), RateFamily.of("POST", "/v1/availability"));
        assertEquals(Optional.empty(), RateFamily.of("PUT", "/v1/locations/S-1"));
    }
}
