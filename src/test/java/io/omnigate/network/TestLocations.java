package io.omnigate.network;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Locations for pure tests that only care about where a place is and what it offers. */
public final class TestLocations {

    private TestLocations() {}

    public static Location at(String id, LocationType type, double lat, double lon, Capability... capabilities) {
        return at(id, type, lat, lon, "UTC", capabilities);
    }

    /** A store with nothing but its time zone. */
    public static Location inZone(String id, String timeZone) {
        return at(id, LocationType.STORE, 0, 0, timeZone);
    }

    private static Location at(
            String id, LocationType type, double lat, double lon, String timeZone, Capability... capabilities) {
        return new Location(
                id,
                type,
                id,
                lat,
                lon,
                timeZone,
                Set.of(capabilities),
                Map.of(),
                List.of(),
                60,
                10,
                Map.of(),
                null,
                null,
                0,
                null,
                null,
                1,
                null);
    }
}
