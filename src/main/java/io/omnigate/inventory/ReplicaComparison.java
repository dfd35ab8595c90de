package io.omnigate.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One reconciliation's comparison of SQL rows with the replica. SQL is read while changes go on,
 * so a row SQL holds at a newer version than the replica is not yet drift: its change notice may
 * be on its way (the replica's lag). Such rows wait; {@link #settle()}, called after a grace
 * longer than the lag, repairs and counts only those the notices have still not brought. A row
 * that differs at the same version (or is missing where no notice can bring it) is drift at once.
 */
final class ReplicaComparison {

    /** A row SQL holds newer than the replica: caught up once the replica holds its version. */
    private record Waiting(ReplicaLocation location, BooleanSupplier caughtUp, BooleanSupplier repair) {}

    private final List<Waiting> waiting = new ArrayList<>();
    private int repaired;

    /** Compares one stock row; {@code safety} may be {@link ReplicaLocation#NO_SAFETY}. */
    void stock(ReplicaLocation location, int sku, int onHand, int reserved, int safety, long version) {
        synchronized (location) {
            int at = location.find(sku);
            if (at >= 0 && location.version(at) >= version) {
                count(location.repairStock(sku, onHand, reserved, safety, version));
                return;
            }
        }
        waiting.add(new Waiting(
                location,
                () -> {
                    int at = location.find(sku);
                    return at >= 0 && location.version(at) >= version;
                },
                () -> location.repairStock(sku, onHand, reserved, safety, version)));
    }

    /** Compares the location row's replicated fields. */
    void location(ReplicaLocation location, long syncedAtMicros, int defaultSafety, long version) {
        synchronized (location) {
            if (location.locationVersion >= version) {
                count(location.repairLocation(syncedAtMicros, defaultSafety, version));
                return;
            }
        }
        waiting.add(new Waiting(
                location,
                () -> location.locationVersion >= version,
                () -> location.repairLocation(syncedAtMicros, defaultSafety, version)));
    }

    /** Compares one shard row of the load per hour. */
    void load(ReplicaLocation location, long hourMicros, int shard, int assigned, long version) {
        synchronized (location) {
            if (location.load.version(hourMicros, shard) >= version) {
                count(location.load.repair(hourMicros, shard, assigned, version));
                return;
            }
        }
        waiting.add(new Waiting(
                location,
                () -> location.load.version(hourMicros, shard) >= version,
                () -> location.load.repair(hourMicros, shard, assigned, version)));
    }

    /** An expected receipt (written once, no version): missing only until its notice arrives. */
    void receipt(ReplicaLocation location, long id, int sku, int qty, long etaMicros) {
        synchronized (location) {
            if (location.hasReceipt(id)) {
                return;
            }
        }
        waiting.add(new Waiting(
                location, () -> location.hasReceipt(id), () -> location.addReceipt(id, sku, qty, etaMicros)));
    }

    private void count(boolean wrong) {
        if (wrong) {
            repaired++;
        }
    }

    /** Whether some rows wait for their notices. */
    boolean waiting() {
        return !waiting.isEmpty();
    }

    /**
     * Repairs the waiting rows the notices have not brought (the replica still holds an older
     * version, or nothing) and returns how many rows were wrong in all.
     */
    int settle() {
        for (Waiting row : waiting) {
            synchronized (row.location()) {
                if (!row.caughtUp().getAsBoolean()) {
                    count(row.repair().getAsBoolean());
                }
            }
        }
        waiting.clear();
        return repaired;
    }
}
