package io.omnigate.network;

import java.time.ZoneId;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Time zones by id, kept after the first lookup: availability asks for a location's zone for
 * every candidate of every checkout, and {@link ZoneId#of} looks the rules up each time. A
 * network names a handful.
 */
public final class Zones {

    private static final ConcurrentMap<String, ZoneId> BY_ID = new ConcurrentHashMap<>();

    private Zones() {}

    /**
     * The zone of a valid IANA id, one instance per id even when threads ask for it first at once;
     * throws as {@link ZoneId#of} does for an invalid one, and caches nothing then.
     */
    public static ZoneId of(String id) {
        ZoneId zone = BY_ID.get(id);
        if (zone == null) {
            ZoneId parsed = ZoneId.of(id);
            zone = BY_ID.putIfAbsent(id, parsed);
            return zone == null ? parsed : zone;
        }
        return zone;
    }
}
