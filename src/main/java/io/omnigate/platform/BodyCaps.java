package io.omnigate.platform;

import java.util.regex.Pattern;

/**
 * How large a body each endpoint accepts: snapshot uploads the most, bulk JSON lists a middle
 * size, every other JSON call little, so a caller cannot make the gateway buffer and parse
 * megabytes where a few kilobytes do.
 */
final class BodyCaps {

    private static final Pattern SNAPSHOTS = Pattern.compile("/v1/locations/[^/]+/inventory");
    private static final Pattern BULK = Pattern.compile(
            "/v1/inventory/(adjustments|safety-stock|inbound)|/v1/skus|/v1/fulfillments/transitions|/v1/routing/policy");

    private final long snapshotBytes;
    private final long bulkBytes;
    private final long jsonBytes;

    BodyCaps(OmnigateConfig.Http config) {
        this.snapshotBytes = config.maxBodySize();
        this.bulkBytes = Math.min(config.bulkBodySize(), snapshotBytes);
        this.jsonBytes = Math.min(config.jsonBodySize(), bulkBytes);
    }

    /** The most bytes a body sent to {@code path} may have. */
    long capOf(String path) {
        if (path == null || !path.startsWith("/v1/") || SNAPSHOTS.matcher(path).matches()) {
            return snapshotBytes;
        }
        return BULK.matcher(path).matches() ? bulkBytes : jsonBytes;
    }
}
