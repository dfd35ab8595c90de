package io.omnigate.inventory;

import java.util.Arrays;

/**
 * One location's fulfillments assigned per hour, as the database counts them: one row per (hour,
 * load shard) (V8), each applied by its own version, so two orders counted into two shards at
 * once never hide each other's unit. Availability reads the hour's sum, kept beside the shards.
 * Callers hold the location's monitor.
 */
final class ReplicaLoad {

    /** The version of a shard row the replica has never seen. */
    static final long UNSEEN = -1;

    // ---- shard rows, unsorted
    private int rows;
    private long[] rowHour = new long[0];
    private int[] rowShard = new int[0];
    private int[] rowAssigned = new int[0];
    private long[] rowVersion = new long[0];

    // ---- the sum per hour, what availability reads
    private int hours;
    private long[] hourStart = new long[0];
    private int[] assigned = new int[0];

    /** Applies one shard row unless the same or a newer version is held; true when it changed a figure. */
    boolean apply(long hourMicros, int shard, int count, long version) {
        int at = row(hourMicros, shard);
        if (at >= 0 && version <= rowVersion[at]) {
            return false;
        }
        return set(at, hourMicros, shard, count, version);
    }

    /**
     * Makes the shard row equal to what SQL holds unless the replica already holds a newer version;
     * true when the replica was wrong (the row missing or different at the same or an older version).
     */
    boolean repair(long hourMicros, int shard, int count, long version) {
        int at = row(hourMicros, shard);
        if (at >= 0 && rowVersion[at] > version) {
            return false;
        }
        return set(at, hourMicros, shard, count, version);
    }

    /** The version held for this shard row, or {@link #UNSEEN}. */
    long version(long hourMicros, int shard) {
        int at = row(hourMicros, shard);
        return at < 0 ? UNSEEN : rowVersion[at];
    }

    private boolean set(int at, long hourMicros, int shard, int count, long version) {
        boolean changed;
        if (at >= 0) {
            changed = rowAssigned[at] != count;
            rowAssigned[at] = count;
            rowVersion[at] = version;
        } else {
            if (rows == rowHour.length) {
                int capacity = Math.max(4, rows * 2);
                rowHour = Arrays.copyOf(rowHour, capacity);
                rowShard = Arrays.copyOf(rowShard, capacity);
                rowAssigned = Arrays.copyOf(rowAssigned, capacity);
                rowVersion = Arrays.copyOf(rowVersion, capacity);
            }
            rowHour[rows] = hourMicros;
            rowShard[rows] = shard;
            rowAssigned[rows] = count;
            rowVersion[rows] = version;
            rows++;
            changed = true;
        }
        if (changed) {
            sumHour(hourMicros);
        }
        return changed;
    }

    private int row(long hourMicros, int shard) {
        for (int i = 0; i < rows; i++) {
            if (rowHour[i] == hourMicros && rowShard[i] == shard) {
                return i;
            }
        }
        return -1;
    }

    private void sumHour(long hourMicros) {
        int sum = 0;
        for (int i = 0; i < rows; i++) {
            if (rowHour[i] == hourMicros) {
                sum += rowAssigned[i];
            }
        }
        for (int h = 0; h < hours; h++) {
            if (hourStart[h] == hourMicros) {
                assigned[h] = sum;
                return;
            }
        }
        if (hours == hourStart.length) {
            int capacity = Math.max(4, hours * 2);
            hourStart = Arrays.copyOf(hourStart, capacity);
            assigned = Arrays.copyOf(assigned, capacity);
        }
        hourStart[hours] = hourMicros;
        assigned[hours] = sum;
        hours++;
    }

    /** Drops the hours (and their shard rows) that started before {@code micros}. */
    void prune(long micros) {
        for (int i = rows - 1; i >= 0; i--) {
            if (rowHour[i] < micros) {
                rows--;
                rowHour[i] = rowHour[rows];
                rowShard[i] = rowShard[rows];
                rowAssigned[i] = rowAssigned[rows];
                rowVersion[i] = rowVersion[rows];
            }
        }
        for (int h = hours - 1; h >= 0; h--) {
            if (hourStart[h] < micros) {
                hours--;
                hourStart[h] = hourStart[hours];
                assigned[h] = assigned[hours];
            }
        }
    }

    int hours() {
        return hours;
    }

    long hourStart(int h) {
        return hourStart[h];
    }

    /** Fulfillments assigned in the h-th hour: the sum of its shards. */
    int assigned(int h) {
        return assigned[h];
    }

    long bytes() {
        return rowHour.length * (8L + 4 + 4 + 8) + hourStart.length * (8L + 4);
    }
}
