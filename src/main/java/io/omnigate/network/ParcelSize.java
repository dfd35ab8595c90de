package io.omnigate.network;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The size classes of parcels and of locker compartments, smallest first: a SKU's parcel, the
 * parcel a store packs, a compartment a locker has. The JSON and SQL forms are the names.
 */
public enum ParcelSize {
    S,
    M,
    L;

    /** What a SKU that names no size is taken to be. */
    public static final ParcelSize DEFAULT = M;

    /** A parcel of this size goes into a {@code compartment} of its size or larger. */
    public boolean fits(ParcelSize compartment) {
        return compartment.compareTo(this) >= 0;
    }

    /** The compartment sizes this parcel fits, smallest first. */
    public List<ParcelSize> fittingCompartments() {
        return Arrays.stream(values()).filter(this::fits).toList();
    }

    /** The larger of the two; a cart's parcel is as large as its largest item. */
    public ParcelSize max(ParcelSize other) {
        return other.compareTo(this) > 0 ? other : this;
    }

    /** A locker with {@code compartments} (count per size) has one this parcel fits, taken or free. */
    public boolean fitsAny(Map<ParcelSize, Integer> compartments) {
        for (ParcelSize compartment : fittingCompartments()) {
            if (compartments.getOrDefault(compartment, 0) > 0) {
                return true;
            }
        }
        return false;
    }

    /** A name read from storage (SQL, the replica); null or unknown is the {@link #DEFAULT}. */
    public static ParcelSize stored(String name) {
        for (ParcelSize size : values()) {
            if (size.name().equals(name)) {
                return size;
            }
        }
        return DEFAULT;
    }
}
