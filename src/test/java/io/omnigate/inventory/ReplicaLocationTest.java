package io.omnigate.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Version ordering and reconciliation repair of one location's arrays, without Quarkus. */
class ReplicaLocationTest {

    @Test
    void aLateOrRepeatedNoticeNeverMovesACounterBack() {
        ReplicaLocation stock = new ReplicaLocation("S1");
        assertEquals(ReplicaLocation.Applied.ADDED, stock.applyStock(7, 10, 0, ReplicaLocation.NO_SAFETY, 5));
        assertEquals(ReplicaLocation.Applied.CHANGED, stock.applyStock(7, 10, 3, ReplicaLocation.NO_SAFETY, 9));
        // version 6 was written before version 9 but arrives after it
        assertEquals(ReplicaLocation.Applied.IGNORED, stock.applyStock(7, 10, 1, ReplicaLocation.NO_SAFETY, 6));
        // the same notice twice
        assertEquals(ReplicaLocation.Applied.IGNORED, stock.applyStock(7, 10, 3, ReplicaLocation.NO_SAFETY, 9));
        int at = stock.find(7);
        assertEquals(3, stock.reserved(at));
        assertEquals(9, stock.version(at));
    }

    @Test
    void anyDeliveryOrderOfVersionedNoticesEndsAtTheNewestValues() {
        Random random = new Random(42);
        for (int run = 0; run < 200; run++) {
            List<int[]> notices = new ArrayList<>();
            int skus = 1 + random.nextInt(6);
            int[] newest = new int[skus];
            for (int version = 1; version <= 30; version++) {
                int sku = random.nextInt(skus);
                int onHand = random.nextInt(50);
                notices.add(new int[] {sku, onHand, version});
                newest[sku] = onHand;
            }
            // duplicates and any order
            notices.addAll(notices.subList(0, 10));
            Collections.shuffle(notices, random);
            ReplicaLocation stock = new ReplicaLocation("S");
            for (int[] n : notices) {
                stock.applyStock(n[0] * 3, n[1], 0, ReplicaLocation.NO_SAFETY, n[2]);
            }
            for (int sku = 0; sku < skus; sku++) {
                int at = stock.find(sku * 3);
                if (at >= 0) {
                    assertEquals(newest[sku], stock.onHand(at), "run " + run + " sku " + sku);
                }
            }
        }
    }

    @Test
    void rowsStaySortedWhateverTheInsertOrder() {
        ReplicaLocation stock = new ReplicaLocation("S1");
        int[] order = {50, 3, 99, 1, 20, 4, 77};
        for (int sku : order) {
            stock.applyStock(sku, sku, 0, ReplicaLocation.NO_SAFETY, 1);
        }
        for (int sku : order) {
            assertEquals(sku, stock.onHand(stock.find(sku)));
        }
        assertTrue(stock.find(2) < 0);
        assertTrue(stock.removeStock(20, 2));
        assertTrue(stock.find(20) < 0);
        assertEquals(6, stock.rows());
        assertFalse(stock.removeStock(50, 1), "a delete older than the row held is ignored");
    }

    @Test
    void atpIsTheSqlFormula() {
        ReplicaLocation stock = new ReplicaLocation("S1");
        stock.applyLocation(ReplicaLocation.NEVER, 2, 1);
        stock.applyStock(1, 10, 3, ReplicaLocation.NO_SAFETY, 1);
        stock.applyStock(2, 10, 3, 0, 1);
        stock.applyStock(3, 4, 3, 5, 1);
        assertEquals(5, stock.atp(stock.find(1)), "greatest(on_hand - reserved - location default, 0)");
        assertEquals(7, stock.atp(stock.find(2)), "a row's own safety stock wins, even 0");
        assertEquals(0, stock.atp(stock.find(3)), "never below zero");
    }

    @Test
    void reconciliationRepairsDriftButNeverUndoesANewerNotice() {
        ReplicaLocation stock = new ReplicaLocation("S1");
        stock.applyStock(1, 10, 2, ReplicaLocation.NO_SAFETY, 4);
        stock.applyStock(2, 10, 2, ReplicaLocation.NO_SAFETY, 8);
        // SQL says version 4 holds reserved 3: the replica drifted at the same version
        assertTrue(stock.repairStock(1, 10, 3, ReplicaLocation.NO_SAFETY, 4));
        assertEquals(3, stock.reserved(stock.find(1)));
        // SQL read before the notice of version 8 was applied: the replica is newer, keep it
        assertFalse(stock.repairStock(2, 10, 0, ReplicaLocation.NO_SAFETY, 6));
        assertEquals(2, stock.reserved(stock.find(2)));
        // a row the replica never heard of
        assertTrue(stock.repairStock(5, 1, 0, ReplicaLocation.NO_SAFETY, 3));
        // a row that already agrees is not a repair
        assertFalse(stock.repairStock(5, 1, 0, ReplicaLocation.NO_SAFETY, 3));
        assertTrue(stock.repairLocation(123L, 1, 0));
        assertFalse(stock.repairLocation(123L, 1, 0));
        assertTrue(stock.load.repair(3_600_000_000L, 0, 4, 2));
        assertFalse(stock.load.apply(3_600_000_000L, 0, 1, 1), "older load notice ignored");
        assertEquals(4, stock.load.assigned(0));
    }

    @Test
    void receiptsAreKnownOnceAndPrunedWhenTheyArrive() {
        ReplicaLocation stock = new ReplicaLocation("S1");
        assertTrue(stock.addReceipt(10, 1, 5, 1_000));
        assertFalse(stock.addReceipt(10, 1, 5, 1_000));
        assertTrue(stock.addReceipt(11, 2, 5, 5_000));
        assertEquals(1, stock.pruneReceipts(2_000));
        assertEquals(1, stock.receipts());
        assertEquals(11, stock.receiptId(0));
        assertTrue(stock.removeReceipt(11));
        assertEquals(0, stock.receipts());
    }

    @Test
    void theReadIndexFindsWhatTheSortedRowsHoldThroughAddsAndRemovals() {
        Random random = new Random(7);
        ReplicaLocation stock = new ReplicaLocation("S1");
        java.util.Map<Integer, Integer> held = new java.util.HashMap<>();
        long version = 1;
        for (int step = 0; step < 20_000; step++) {
            int sku = random.nextInt(3_000);
            if (random.nextInt(4) == 0) {
                stock.removeStock(sku, ++version);
                held.remove(sku);
            } else {
                int onHand = random.nextInt(100);
                stock.applyStock(sku, onHand, 0, ReplicaLocation.NO_SAFETY, ++version);
                held.put(sku, onHand);
            }
            if (step % 97 == 0) {
                for (int probe = 0; probe < 3_000; probe++) {
                    int at = stock.lookup(probe);
                    assertEquals(stock.find(probe) >= 0 ? stock.find(probe) : -1, at, "SKU " + probe);
                    assertEquals(held.containsKey(probe), at >= 0, "SKU " + probe);
                    if (at >= 0) {
                        assertEquals(held.get(probe), stock.onHand(at), "SKU " + probe);
                    }
                }
            }
        }
        assertTrue(stock.rows() > 1_000, "rows held: " + stock.rows());
    }
}
