package io.omnigate.security;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The endpoint families that get a per-caller rate limit: the writes that cost the database a
 * transaction, token minting, and stream opens. Reads and the checkout call are not limited here.
 */
public enum RateFamily {
    ORDERS("/v1/orders(/.*)?"),
    HOLDS("/v1/holds(/.*)?"),
    ADJUSTMENTS("/v1/inventory/.+"),
    SNAPSHOTS("/v1/locations/[^/]+/inventory(/.*)?"),
    WORKFLOW("/v1/fulfillments(/.*)?|/v1/locations/[^/]+/(fulfillments|pickups|arrivals)(/.*)?|/v1/returns/.+"),
    TOKENS("/v1/auth/tokens(/.*)?"),
    STREAMS("/v1/(orders|locations)/[^/]+/events");

    private final Pattern paths;

    RateFamily(String paths) {
        this.paths = Pattern.compile(paths);
    }

    /** The family of a request, or empty when it is not rate-limited (reads, availability, admin CRUD). */
    public static Optional<RateFamily> of(String method, String path) {
        if (path == null || !path.startsWith("/v1/")) {
            return Optional.empty();
        }
        if ("GET".equals(method)) {
            return STREAMS.paths.matcher(path).matches() ? Optional.of(STREAMS) : Optional.empty();
        }
        if (!isWrite(method)) {
            return Optional.empty();
        }
        for (RateFamily family : values()) {
            if (family != STREAMS && family.paths.matcher(path).matches()) {
                return Optional.of(family);
            }
        }
        return Optional.empty();
    }

    private static boolean isWrite(String method) {
        return "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method) || "DELETE".equals(method);
    }
}
