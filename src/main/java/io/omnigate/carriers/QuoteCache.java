package io.omnigate.carriers;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** Recent answers of one carrier, so a checkout burst for the same cart and place asks the carrier once. */
final class QuoteCache {

    private record Entry(long expiresAtNanos, List<Quote> quotes) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoTime;

    QuoteCache(Duration ttl, int maxEntries, LongSupplier nanoTime) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.nanoTime = nanoTime;
    }

    List<Quote> get(String key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (nanoTime.getAsLong() - entry.expiresAtNanos() >= 0) {
            entries.remove(key, entry);
            return null;
        }
        return entry.quotes();
    }

    void put(String key, List<Quote> quotes) {
        if (ttlNanos <= 0) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (entries.size() >= maxEntries) {
            entries.values().removeIf(e -> now - e.expiresAtNanos() >= 0);
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
        }
        entries.put(key, new Entry(now + ttlNanos, List.copyOf(quotes)));
    }

    int size() {
        return entries.size();
    }

    /** Same origins, destination and parcel within the same minute: the same answer. */
    static String keyOf(QuoteRequest request) {
        StringBuilder key = new StringBuilder();
        request.origins().forEach(o -> key.append(o.locationId()).append(','));
        QuoteRequest.Destination d = request.destination();
        key.append('|')
                .append(Math.round(d.lat() * 1000))
                .append(',')
                .append(Math.round(d.lon() * 1000))
                .append(',')
                .append(d.postalCode())
                .append(',')
                .append(d.country())
                .append('|')
                .append(request.units())
                .append(request.parcelSize())
                .append('|')
                .append(request.requestedAt().getEpochSecond() / 60);
        return key.toString();
    }
}
