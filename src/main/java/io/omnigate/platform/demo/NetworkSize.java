package io.omnigate.platform.demo;

import java.util.Locale;

/**
 * How big a generated network is, so the demo, the benchmark and tests can ask for the same
 * generator at different scales.
 *
 * @param name label used in logs
 * @param stores number of stores
 * @param dcs number of distribution centres
 * @param lockers number of locker banks
 * @param skus size of the catalogue
 * @param storeAssortmentShare average share of the catalogue an average store carries
 * @param dcAssortmentShare share of the catalogue a DC carries
 * @param inboundReceipts number of expected receipts
 * @param idPrefix prepended to every location and SKU id, so a test network cannot collide
 */
public record NetworkSize(
        String name,
        int stores,
        int dcs,
        int lockers,
        int skus,
        double storeAssortmentShare,
        double dcAssortmentShare,
        int inboundReceipts,
        String idPrefix) {

    /** The small network dev mode loads: enough to click through every flow. */
    public static final NetworkSize DEMO = new NetworkSize("demo", 60, 3, 20, 2_000, 0.25, 0.7, 300, "");

    /** The benchmark network of DESIGN.md §6. */
    public static final NetworkSize BENCH = new NetworkSize("bench", 1_000, 10, 200, 50_000, 0.04, 0.7, 3_000, "");

    public NetworkSize {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a network size needs a name");
        }
        if (stores < 1 || dcs < 0 || lockers < 0 || skus < 1 || inboundReceipts < 0) {
            throw new IllegalArgumentException("network counts must be positive: " + name);
        }
        if (!(storeAssortmentShare > 0 && storeAssortmentShare <= 0.9)) {
            throw new IllegalArgumentException("storeAssortmentShare must be in (0, 0.9]");
        }
        if (!(dcAssortmentShare > 0 && dcAssortmentShare <= 1)) {
            throw new IllegalArgumentException("dcAssortmentShare must be in (0, 1]");
        }
        if (idPrefix == null) {
            throw new IllegalArgumentException("idPrefix must not be null; use \"\" for none");
        }
    }

    /** The named size, {@code demo} or {@code bench}. */
    public static NetworkSize named(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "demo" -> DEMO;
            case "bench" -> BENCH;
            default ->
                throw new IllegalArgumentException("unknown demo network '" + name + "': use none, demo or bench");
        };
    }

    public NetworkSize withStores(int storeCount) {
        return new NetworkSize(
                name,
                storeCount,
                dcs,
                lockers,
                skus,
                storeAssortmentShare,
                dcAssortmentShare,
                inboundReceipts,
                idPrefix);
    }

    public NetworkSize withIdPrefix(String prefix) {
        return new NetworkSize(
                name, stores, dcs, lockers, skus, storeAssortmentShare, dcAssortmentShare, inboundReceipts, prefix);
    }
}
