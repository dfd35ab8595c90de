package io.omnigate.events;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caps the streams one token holds open on this instance, so a leaked or buggy client cannot
 * take every connection; the next one is refused with a 429 until one of them closes.
 */
@ApplicationScoped
class StreamQuota {

    private final Map<String, Integer> open = new ConcurrentHashMap<>();
    private final int perToken;

    StreamQuota(EventsConfig config) {
        this.perToken = config.maxStreamsPerToken();
    }

    /** Takes a slot for {@code holder}; false when it already holds the most it may. */
    boolean admit(String holder) {
        boolean[] admitted = {false};
        open.compute(holder, (key, count) -> {
            int current = count == null ? 0 : count;
            if (current >= perToken) {
                return count;
            }
            admitted[0] = true;
            return current + 1;
        });
        return admitted[0];
    }

    void release(String holder) {
        open.computeIfPresent(holder, (key, count) -> count <= 1 ? null : count - 1);
    }

    int limit() {
        return perToken;
    }
}
