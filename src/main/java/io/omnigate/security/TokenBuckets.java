package io.omnigate.security;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Bucket4j token bucket per key (lock-free local buckets: no lock on the request path). The
 * caller hands in the time, so tests step it and every instance of a bucket reads one clock. A
 * full bucket is the same as no bucket, so buckets are dropped once full again, which keeps the
 * map bounded by the callers active within the last burst window; beyond {@code maxKeys} active
 * callers a new caller is admitted without a bucket rather than evicting someone else's.
 */
final class TokenBuckets {

    /** The answer to one request: admitted, or refused with nanoseconds to wait before the next try. */
    record Decision(boolean admitted, long retryAfterNanos) {
        static final Decision ADMITTED = new Decision(true, 0);
    }

    /** The time of the call in progress on this thread: what the buckets read as "now". */
    private static final ThreadLocal<long[]> NOW = ThreadLocal.withInitial(() -> new long[1]);

    private static final TimeMeter CALL_TIME = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return NOW.get()[0];
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    };

    private record Entry(Bucket bucket, long capacity) {}

    private final Map<Object, Entry> buckets = new ConcurrentHashMap<>();
    private final int maxKeys;
    private final AtomicLong nextPurge = new AtomicLong();

    TokenBuckets(int maxKeys) {
        this.maxKeys = maxKeys;
    }

    /**
     * Takes one token from {@code key}'s bucket, which refills {@code perSecond} tokens a second and
     * holds at most {@code burst}; a key keeps the rate and burst of its first call.
     */
    Decision take(Object key, double perSecond, int burst, long nowNanos) {
        NOW.get()[0] = nowNanos;
        Entry entry = buckets.get(key);
        if (entry == null) {
            if (buckets.size() >= maxKeys && !purgeFull(nowNanos)) {
                return Decision.ADMITTED;
            }
            entry = buckets.computeIfAbsent(key, k -> newBucket(perSecond, burst));
        }
        ConsumptionProbe probe = entry.bucket().tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Decision.ADMITTED : new Decision(false, probe.getNanosToWaitForRefill());
    }

    int size() {
        return buckets.size();
    }

    private static Entry newBucket(double perSecond, int burst) {
        long capacity = Math.max(1, burst);
        // one token every 1/perSecond seconds, refilled smoothly (greedy), at most the burst held
        long periodNanos = Math.max(1, Math.round(1_000_000_000L / perSecond));
        Bandwidth limit = Bandwidth.builder()
                .capacity(capacity)
                .refillGreedy(1, Duration.ofNanos(periodNanos))
                .initialTokens(capacity)
                .build();
        return new Entry(
                Bucket.builder()
                        .addLimit(limit)
                        .withCustomTimePrecision(CALL_TIME)
                        .build(),
                capacity);
    }

    /** Drops the buckets that are full again; at most once a second. True when there is room now. */
    private boolean purgeFull(long nowNanos) {
        long due = nextPurge.get();
        if (nowNanos - due >= 0 && nextPurge.compareAndSet(due, nowNanos + 1_000_000_000L)) {
            buckets.values().removeIf(entry -> entry.bucket().getAvailableTokens() >= entry.capacity());
        }
        return buckets.size() < maxKeys;
    }
}
