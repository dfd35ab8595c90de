package io.omnigate.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The reconciliation reads SQL while changes go on: a row SQL holds newer than the replica is lag
 * until the grace is over, drift only when its notice still has not come.
 */
class ReplicaComparisonTest {

    static final int NONE = ReplicaLocation.NO_SAFETY;

    @Test
    void aChangeWhoseNoticeArrivesWithinTheGraceIsNotDrift() {
        ReplicaLocation stock = new ReplicaLocation("S1");
        stock.applyStock(1, 10, 2, NONE, 4);
        stock.load.apply(3_600_000_000L, 5, 1, 6);
        ReplicaComparison comparison = new ReplicaComparison();
        // SQL was read after an order committed (versions 7 and 8), before its notice was applied
        comparison.stock(stock, 1, 10, 3, NONE, 7);
        comparison.load(stock, 3_600_000_000L, 5, 2, 8);
        comparison.receipt(stock, 42, 1, 5, 9_000_000_000L);
        assertTrue(comparison.waiting());
        // the notices arrive during the grace
        stock.applyStock(1, 10, 3, NONE, 7);
        stock.load.apply(3_600_000_000L, 5, 2, 8);
        stock.addReceipt(42, 1, 5, 9_000_000_000L);
        assertEquals(0, comparison.settle(), "nothing was wrong, nothing counted");
        assertEquals(3, stock.reserved(stock.find(1)));
    }

    @Test
    void aNoticeThatNeverComesIsRepairedAndCounted() {
        ReplicaLocation stock = new ReplicaLocation("S1");
        stock.applyStock(1, 10, 2, NONE, 4);
        ReplicaComparison comparison = new ReplicaComparison();
        comparison.stock(stock, 1, 10, 3, NONE, 7);
        comparison.stock(stock, 2, 5, 0, NONE, 3);
        comparison.load(stock, 3_600_000_000L, 5, 2, 8);
        assertEquals(3, comparison.settle(), "a changed row, a missing row, a missing shard");
        assertEquals(3, stock.reserved(stock.find(1)));
        assertEquals(5, stock.onHand(stock.find(2)));
        assertEquals(2, stock.load.assigned(0));
    }

    @Test
    void aNewerNoticeAppliedMeanwhileIsNeverUndone() {
        ReplicaLocation stock = new ReplicaLocation("S1");
        stock.applyStock(1, 10, 2, NONE, 4);
        ReplicaComparison comparison = new ReplicaComparison();
        comparison.stock(stock, 1, 10, 3, NONE, 7);
        stock.applyStock(1, 10, 5, NONE, 9);
        assertEquals(0, comparison.settle());
        assertEquals(5, stock.reserved(stock.find(1)));
    }

    @Test
    void aDifferenceAtTheSameVersionIsDriftAtOnce() {
        ReplicaLocation stock = new ReplicaLocation("S1");
        stock.applyStock(1, 10, 2, NONE, 4);
        stock.applyLocation(ReplicaLocation.NEVER, 1, 3);
        ReplicaComparison comparison = new ReplicaComparison();
        comparison.stock(stock, 1, 10, 3, NONE, 4);
        comparison.location(stock, ReplicaLocation.NEVER, 1, 3);
        assertFalse(comparison.waiting());
        assertEquals(3, stock.reserved(stock.find(1)), "repaired at once");
        assertEquals(1, comparison.settle());
    }

    @Test
    void theHoursFigureIsTheSumOfItsShards() {
        ReplicaLoad load = new ReplicaLoad();
        long hour = 7_200_000_000L;
        assertTrue(load.apply(hour, 1, 3, 10));
        assertTrue(load.apply(hour, 2, 1, 11));
        assertFalse(load.apply(hour, 1, 2, 9), "an older notice of shard 1 is ignored");
        assertTrue(load.apply(hour, 1, 4, 12));
        assertEquals(1, load.hours());
        assertEquals(5, load.assigned(0));
        load.prune(hour + 1);
        assertEquals(0, load.hours());
        assertEquals(ReplicaLoad.UNSEEN, load.version(hour, 1));
    }
}
