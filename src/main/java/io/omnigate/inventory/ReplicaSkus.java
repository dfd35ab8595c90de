package io.omnigate.inventory;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The replica's SKU catalogue: a dense index per SKU (what the stock arrays store) with the SKU's
 * parcel size and version in primitive arrays. Indexes are never reused.
 */
final class ReplicaSkus {

    private static final String SIZES = "SML";

    private final Map<String, Integer> index = new ConcurrentHashMap<>();
    private volatile byte[] size = new byte[1024];
    private volatile long[] version = new long[1024];
    private int count;

    /** The SKU's index, or -1 when the replica does not know it. */
    int index(String sku) {
        Integer at = index.get(sku);
        return at == null ? -1 : at;
    }

    /** The SKU's index, adding it (size unknown, version 0) when new. */
    synchronized int indexOrAdd(String sku) {
        Integer at = index.get(sku);
        if (at != null) {
            return at;
        }
        if (count == size.length) {
            version = Arrays.copyOf(version, count * 2);
            size = Arrays.copyOf(size, count * 2);
        }
        int added = count++;
        size[added] = (byte) SIZES.indexOf('M');
        index.put(sku, added);
        return added;
    }

    /** Applies a catalogue row unless a newer version is held; true when it changed something. */
    synchronized boolean apply(String sku, String parcelSize, long rowVersion) {
        int at = indexOrAdd(sku);
        if (rowVersion <= version[at]) {
            return false;
        }
        byte code = (byte) Math.max(0, SIZES.indexOf(parcelSize));
        boolean changed = size[at] != code;
        size[at] = code;
        version[at] = rowVersion;
        return changed;
    }

    String parcelSize(int at) {
        return String.valueOf(SIZES.charAt(size[at]));
    }

    synchronized long version(int at) {
        return version[at];
    }

    synchronized int size() {
        return count;
    }

    long bytes() {
        // the arrays, plus the map's entries and keys (about 100 bytes per SKU)
        return size.length * (1L + 8) + index.size() * 100L;
    }
}
