package io.omnigate.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One token bucket per key, lock-free: each bucket is a single {@code AtomicLong} holding the time
 * at which it will be full again (the generic cell rate algorithm, which admits exactly what a
 * token bucket of {@code burst} tokens refilled at {@code perSecond} admits). A full bucket is the
 * same as no bucket, so entries are dropped once full again, which keeps the map bounded by the
 * callers active within the last burst window; beyond {@code maxKeys} active callers a new caller
 * is admitted without a bucket rather than evicting someone else's.
 */
final class TokenBuckets {

    /** The answer to one request: admitted, or refused with nanoseconds to wait before the next try. */
    record Decision(boolean admitted, long retryAfterNanos) {
        static final Decision ADMITTED = new Decision(true, 0);
    }

    private final Map<Object, AtomicLong> fullAt = new ConcurrentHashMap<>();
    private final int maxKeys;
    private final AtomicLong nextPurge = new AtomicLong();

    TokenBuckets(int maxKeys) {
        this.maxKeys = maxKeys;
    }

    /**
     * Takes one token from {@code key}'s bucket, which refills {@code perSecond} tokens a second and
     * holds at most {@code burst}.
     */
    Decision take(Object key, double perSecond, int burst, long nowNanos) {
        long interval = Math.max(1, (long) (1_000_000_000L / perSecond));
        long tolerance = interval * Math.max(0, burst - 1L);
        AtomicLong bucket = fullAt.get(key);
        if (bucket == null) {
            if (fullAt.size() >= maxKeys && !purgeFull(nowNanos)) {
                return Decision.ADMITTED;
            }
            bucket = fullAt.computeIfAbsent(key, k -> new AtomicLong(nowNanos));
        }
        while (true) {
            long current = bucket.get();
            long start = current - nowNanos < 0 ? nowNanos : current;
            long wait = start - nowNanos - tolerance;
            if (wait > 0) {
                return new Decision(false, wait);
            }
            if (bucket.compareAndSet(current, start + interval)) {
                return Decision.ADMITTED;
            }
        }
    }

    int size() {
        return fullAt.size();
    }

    /** Drops the buckets that are full again; at most once a second. True when there is room now. */
    private boolean purgeFull(long nowNanos) {
        long due = nextPurge.get();
        if (nowNanos - due >= 0 && nextPurge.compareAndSet(due, nowNanos + 1_000_000_000L)) {
            fullAt.values().removeIf(bucket -> bucket.get() - nowNanos <= 0);
        }
        return fullAt.size() < maxKeys;
    }
}
