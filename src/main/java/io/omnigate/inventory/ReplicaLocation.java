package io.omnigate.inventory;

import java.util.Arrays;

/**
 * One location's share of the ATP replica in parallel primitive arrays: stock rows sorted by SKU
 * index, inbound receipts and assigned load per hour ({@link ReplicaLoad}). Every change is applied by version, so a
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

    // ---- stock rows, sorted by sku; each row's counters side by side in one array
    private static final int ON_HAND = 0;
    private static final int RESERVED = 1;
    private static final int SAFETY = 2;
    private static final int COUNTERS = 3;

    private int rows;
    private int[] sku = new int[0];
    private int[] counters = new int[0];
    private long[] version = new long[0];

    /**
     * The read side's index of the rows: open addressing on the SKU index, each entry the SKU
     * index + 1 in the high half and the row in the low half (0 = empty). A checkout reads ten SKUs
     * at each of dozens of locations whose arrays are cold in the CPU cache; a binary search cost
     * several cache misses each, a probe here costs one. Built on the first read after rows were
     * added or removed, so writes only drop it.
     */
    private long[] index;

    // ---- inbound receipts, unsorted (immutable rows, keyed by id)
    private int receipts;
    private long[] receiptId = new long[0];
    private int[] receiptSku = new int[0];
    private int[] receiptQty = new int[0];
    private long[] receiptEta = new long[0];

    // ---- load per hour, kept per shard
    final ReplicaLoad load = new ReplicaLoad();

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
            boolean same = onHand(at) == onHand && reserved(at) == reserved && safety(at) == safety;
            set(at, onHand, reserved, safety, version);
            return same ? Applied.IGNORED : Applied.CHANGED;
        }
        int insert = -at - 1;
        if (rows == sku.length) {
            int capacity = Math.max(8, rows + (rows >> 2));
            sku = Arrays.copyOf(sku, capacity);
            counters = Arrays.copyOf(counters, capacity * COUNTERS);
            this.version = Arrays.copyOf(this.version, capacity);
        }
        int tail = rows - insert;
        System.arraycopy(sku, insert, sku, insert + 1, tail);
        System.arraycopy(counters, insert * COUNTERS, counters, (insert + 1) * COUNTERS, tail * COUNTERS);
        System.arraycopy(this.version, insert, this.version, insert + 1, tail);
        sku[insert] = skuIndex;
        set(insert, onHand, reserved, safety, version);
        rows++;
        index = null;
        return Applied.ADDED;
    }

    private void set(int at, int onHand, int reserved, int safety, long version) {
        int c = at * COUNTERS;
        counters[c + ON_HAND] = onHand;
        counters[c + RESERVED] = reserved;
        counters[c + SAFETY] = safety;
        this.version[at] = version;
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
        boolean wrong = onHand(at) != onHand || reserved(at) != reserved || safety(at) != safety;
        set(at, onHand, reserved, safety, version);
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

    /** Removes a stock row that the database deleted, unless the replica holds a newer version of it. */
    boolean removeStock(int skuIndex, long version) {
        int at = Arrays.binarySearch(sku, 0, rows, skuIndex);
        if (at < 0 || this.version[at] >= version) {
            return false;
        }
        int tail = rows - at - 1;
        System.arraycopy(sku, at + 1, sku, at, tail);
        System.arraycopy(counters, (at + 1) * COUNTERS, counters, at * COUNTERS, tail * COUNTERS);
        System.arraycopy(this.version, at + 1, this.version, at, tail);
        rows--;
        index = null;
        return true;
    }

    /** Where the row of {@code skuIndex} sits, or a negative number when there is none. */
    int find(int skuIndex) {
        return Arrays.binarySearch(sku, 0, rows, skuIndex);
    }

    /**
     * {@link #find} for the read side: one probe of {@link #index} (built here when missing), so
     * the same answer with one cache miss instead of a binary search's several.
     */
    int lookup(int skuIndex) {
        long[] table = index;
        if (table == null) {
            table = index = buildIndex();
        }
        int mask = table.length - 1;
        long key = (long) (skuIndex + 1) << 32;
        for (int slot = mix(skuIndex) & mask; ; slot = (slot + 1) & mask) {
            long entry = table[slot];
            if (entry == 0) {
                return -1;
            }
            if ((entry & 0xFFFF_FFFF_0000_0000L) == key) {
                return (int) entry;
            }
        }
    }

    /** At most half full, so a probe rarely goes past its first slot. */
    private long[] buildIndex() {
        long[] table = new long[Integer.highestOneBit(Math.max(4, rows * 2 - 1)) << 1];
        int mask = table.length - 1;
        for (int row = 0; row < rows; row++) {
            int slot = mix(sku[row]) & mask;
            while (table[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = (long) (sku[row] + 1) << 32 | row;
        }
        return table;
    }

    /** Spreads consecutive SKU indexes (a location's rows often are) over the table. */
    private static int mix(int skuIndex) {
        int h = skuIndex * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /** Available to promise of the row at {@code at}: {@link StockSql#ATP}, in Java. */
    int atp(int at) {
        int c = at * COUNTERS;
        int held = counters[c + SAFETY] == NO_SAFETY ? defaultSafety : counters[c + SAFETY];
        return Math.max(counters[c + ON_HAND] - counters[c + RESERVED] - held, 0);
    }

    long version(int at) {
        return version[at];
    }

    int onHand(int at) {
        return counters[at * COUNTERS + ON_HAND];
    }

    int reserved(int at) {
        return counters[at * COUNTERS + RESERVED];
    }

    int safety(int at) {
        return counters[at * COUNTERS + SAFETY];
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

    boolean hasReceipt(long id) {
        for (int i = 0; i < receipts; i++) {
            if (receiptId[i] == id) {
                return true;
            }
        }
        return false;
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

    /** Bytes held by this location's arrays (their capacity, not just the rows in use). */
    long bytes() {
        return 64L
                + sku.length * (4L + 4 * COUNTERS + 8)
                + (index == null ? 0 : index.length * 8L)
                + receiptId.length * (8L + 4 + 4 + 8)
                + load.bytes();
    }
}
