package io.omnigate.inventory;

import java.util.Arrays;

/**
 * One location's share of the ATP replica in parallel primitive arrays: stock rows sorted by SKU
 * index, inbound receipts and assigned load per hour. Every change is applied by version, so a
 * late or repeated notice never moves a counter back. Callers hold the object's monitor.
 */
final class ReplicaLocation {

    /** Marks a null safety stock (the location's default applies) or a null sync time. */
    static final int NO_SAFETY = -1;

    static final long NEVER = Long.MIN_VALUE;

    /** Outcome of applying one row: changed, already known (same or newer version held), or new. */
    enum Applied {
        CHANGED,
        IGNORED,
        ADDED
    }

    final String id;

    // ---- the location row
    long syncedAtMicros = NEVER;
    int defaultSafety;
    long locationVersion;
    volatile boolean loaded;

    // ---- stock rows, sorted by sku
    private int rows;
    private int[] sku = new int[0];
    private int[] onHand = new int[0];
    private int[] reserved = new int[0];
    private int[] safety = new int[0];
    private long[] version = new long[0];

    // ---- inbound receipts, unsorted (immutable rows, keyed by id)
    private int receipts;
    private long[] receiptId = new long[0];
    private int[] receiptSku = new int[0];
    private int[] receiptQty = new int[0];
    private long[] receiptEta = new long[0];

    // ---- load per hour, unsorted
    private int hours;
    private long[] hourStart = new long[0];
    private int[] assigned = new int[0];
    private long[] hourVersion = new long[0];

    ReplicaLocation(String id) {
        this.id = id;
    }

    /** Applies the location row's fields unless a newer version is held. */
    boolean applyLocation(long syncedAtMicros, int defaultSafety, long version) {
        if (version <= locationVersion) {
            return false;
        }
        boolean changed = this.syncedAtMicros != syncedAtMicros || this.defaultSafety != defaultSafety;
        this.syncedAtMicros = syncedAtMicros;
        this.defaultSafety = defaultSafety;
        this.locationVersion = version;
        return changed;
    }

    /** Applies one stock row unless a newer version is held; {@code safety} may be {@link #NO_SAFETY}. */
    Applied applyStock(int skuIndex, int onHand, int reserved, int safety, long version) {
        int at = Arrays.binarySearch(sku, 0, rows, skuIndex);
        if (at >= 0) {
            if (version <= this.version[at]) {
                return Applied.IGNORED;
            }
            boolean same = this.onHand[at] == onHand && this.reserved[at] == reserved && this.safety[at] == safety;
            this.onHand[at] = onHand;
            this.reserved[at] = reserved;
            this.safety[at] = safety;
            this.version[at] = version;
            return same ? Applied.IGNORED : Applied.CHANGED;
        }
        int insert = -at - 1;
        if (rows == sku.length) {
            int capacity = Math.max(8, rows + (rows >> 2));
            sku = Arrays.copyOf(sku, capacity);
            this.onHand = Arrays.copyOf(this.onHand, capacity);
            this.reserved = Arrays.copyOf(this.reserved, capacity);
            this.safety = Arrays.copyOf(this.safety, capacity);
            this.version = Arrays.copyOf(this.version, capacity);
        }
        int tail = rows - insert;
        System.arraycopy(sku, insert, sku, insert + 1, tail);
        System.arraycopy(this.onHand, insert, this.onHand, insert + 1, tail);
        System.arraycopy(this.reserved, insert, this.reserved, insert + 1, tail);
        System.arraycopy(this.safety, insert, this.safety, insert + 1, tail);
        System.arraycopy(this.version, insert, this.version, insert + 1, tail);
        sku[insert] = skuIndex;
        this.onHand[insert] = onHand;
        this.reserved[insert] = reserved;
        this.safety[insert] = safety;
        this.version[insert] = version;
        rows++;
        return Applied.ADDED;
    }

    /**
     * Makes the row equal to what SQL holds unless the replica already holds a newer version;
     * true when the replica was wrong (a row missing or different at the same or an older version).
     */
    boolean repairStock(int skuIndex, int onHand, int reserved, int safety, long version) {
        int at = find(skuIndex);
        if (at < 0) {
            return applyStock(skuIndex, onHand, reserved, safety, version) == Applied.ADDED;
        }
        if (this.version[at] > version) {
            return false;
        }
        boolean wrong = this.onHand[at] != onHand || this.reserved[at] != reserved || this.safety[at] != safety;
        this.onHand[at] = onHand;
        this.reserved[at] = reserved;
        this.safety[at] = safety;
        this.version[at] = version;
        return wrong;
    }

    /** The location row's counterpart of {@link #repairStock}. */
    boolean repairLocation(long syncedAtMicros, int defaultSafety, long version) {
        if (locationVersion > version) {
            return false;
        }
        boolean wrong = this.syncedAtMicros != syncedAtMicros || this.defaultSafety != defaultSafety;
        this.syncedAtMicros = syncedAtMicros;
        this.defaultSafety = defaultSafety;
        this.locationVersion = version;
        return wrong;
    }

    /** The load's counterpart of {@link #repairStock}. */
    boolean repairLoad(long hourMicros, int assigned, long version) {
        for (int i = 0; i < hours; i++) {
            if (hourStart[i] == hourMicros) {
                if (hourVersion[i] > version) {
                    return false;
                }
                boolean wrong = this.assigned[i] != assigned;
                this.assigned[i] = assigned;
                hourVersion[i] = version;
                return wrong;
            }
        }
        return applyLoad(hourMicros, assigned, version);
    }

    /** Removes a stock row that the database deleted, unless the replica holds a newer version of it. */
    boolean removeStock(int skuIndex, long version) {
        int at = Arrays.binarySearch(sku, 0, rows, skuIndex);
        if (at < 0 || this.version[at] >= version) {
            return false;
        }
        int tail = rows - at - 1;
        System.arraycopy(sku, at + 1, sku, at, tail);
        System.arraycopy(onHand, at + 1, onHand, at, tail);
        System.arraycopy(reserved, at + 1, reserved, at, tail);
        System.arraycopy(safety, at + 1, safety, at, tail);
        System.arraycopy(this.version, at + 1, this.version, at, tail);
        rows--;
        return true;
    }

    /** Where the row of {@code skuIndex} sits, or a negative number when there is none. */
    int find(int skuIndex) {
        return Arrays.binarySearch(sku, 0, rows, skuIndex);
    }

    /** Available to promise of the row at {@code at}: {@link StockSql#ATP}, in Java. */
    int atp(int at) {
        int held = safety[at] == NO_SAFETY ? defaultSafety : safety[at];
        return Math.max(onHand[at] - reserved[at] - held, 0);
    }

    long version(int at) {
        return version[at];
    }

    int onHand(int at) {
        return onHand[at];
    }

    int reserved(int at) {
        return reserved[at];
    }

    int safety(int at) {
        return safety[at];
    }

    int rows() {
        return rows;
    }

    /** Adds an expected receipt unless it is already known. */
    boolean addReceipt(long id, int skuIndex, int qty, long etaMicros) {
        for (int i = 0; i < receipts; i++) {
            if (receiptId[i] == id) {
                return false;
            }
        }
        if (receipts == receiptId.length) {
            int capacity = Math.max(4, receipts + (receipts >> 1));
            receiptId = Arrays.copyOf(receiptId, capacity);
            receiptSku = Arrays.copyOf(receiptSku, capacity);
            receiptQty = Arrays.copyOf(receiptQty, capacity);
            receiptEta = Arrays.copyOf(receiptEta, capacity);
        }
        receiptId[receipts] = id;
        receiptSku[receipts] = skuIndex;
        receiptQty[receipts] = qty;
        receiptEta[receipts] = etaMicros;
        receipts++;
        return true;
    }

    boolean removeReceipt(long id) {
        for (int i = 0; i < receipts; i++) {
            if (receiptId[i] == id) {
                removeReceiptAt(i);
                return true;
            }
        }
        return false;
    }

    /** Drops receipts that arrived before {@code micros}: availability only reads future ones. */
    int pruneReceipts(long micros) {
        int pruned = 0;
        for (int i = receipts - 1; i >= 0; i--) {
            if (receiptEta[i] <= micros) {
                removeReceiptAt(i);
                pruned++;
            }
        }
        return pruned;
    }

    private void removeReceiptAt(int i) {
        receipts--;
        receiptId[i] = receiptId[receipts];
        receiptSku[i] = receiptSku[receipts];
        receiptQty[i] = receiptQty[receipts];
        receiptEta[i] = receiptEta[receipts];
    }

    int receipts() {
        return receipts;
    }

    long receiptId(int i) {
        return receiptId[i];
    }

    int receiptSku(int i) {
        return receiptSku[i];
    }

    int receiptQty(int i) {
        return receiptQty[i];
    }

    long receiptEta(int i) {
        return receiptEta[i];
    }

    /** Applies the assigned count of one hour unless a newer version is held. */
    boolean applyLoad(long hourMicros, int assigned, long version) {
        for (int i = 0; i < hours; i++) {
            if (hourStart[i] == hourMicros) {
                if (version <= hourVersion[i]) {
                    return false;
                }
                boolean changed = this.assigned[i] != assigned;
                this.assigned[i] = assigned;
                hourVersion[i] = version;
                return changed;
            }
        }
        if (hours == hourStart.length) {
            int capacity = Math.max(4, hours * 2);
            hourStart = Arrays.copyOf(hourStart, capacity);
            this.assigned = Arrays.copyOf(this.assigned, capacity);
            hourVersion = Arrays.copyOf(hourVersion, capacity);
        }
        hourStart[hours] = hourMicros;
        this.assigned[hours] = assigned;
        hourVersion[hours] = version;
        hours++;
        return true;
    }

    /** Drops hours that started before {@code micros}. */
    void pruneLoad(long micros) {
        for (int i = hours - 1; i >= 0; i--) {
            if (hourStart[i] < micros) {
                hours--;
                hourStart[i] = hourStart[hours];
                assigned[i] = assigned[hours];
                hourVersion[i] = hourVersion[hours];
            }
        }
    }

    int hours() {
        return hours;
    }

    long hourStart(int i) {
        return hourStart[i];
    }

    int assigned(int i) {
        return assigned[i];
    }

    long hourVersion(int i) {
        return hourVersion[i];
    }

    /** Bytes held by this location's arrays (their capacity, not just the rows in use). */
    long bytes() {
        return 64L
                + sku.length * (4L + 4 + 4 + 4 + 8)
                + receiptId.length * (8L + 4 + 4 + 8)
                + hourStart.length * (8L + 4 + 8);
    }
}
