package io.omnigate.orders;

import static io.omnigate.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The coalescer alone: which writes fly together, when, and what each caller is answered. */
class HotRowBatchesTest {

    /** A write: its name and its idempotency identity. */
    record Write(String name, String key) {}

    /** Flights the test lands by hand; each records what it carried. */
    static final class ManualFlights implements HotRowBatches.Flights<Write> {
        final List<List<String>> flown = new CopyOnWriteArrayList<>();
        final Map<String, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();

        @Override
        public Uni<Void> alone(Write write) {
            return fly(List.of(write));
        }

        @Override
        public Uni<Void> together(List<Write> writes) {
            return fly(writes);
        }

        private Uni<Void> fly(List<Write> writes) {
            List<String> names = writes.stream().map(Write::name).toList();
            CompletableFuture<Void> landing = new CompletableFuture<>();
            pending.put(String.join(",", names), landing);
            flown.add(names);
            return Uni.createFrom().completionStage(landing);
        }

        @Override
        public Object identity(Write write) {
            return write.key();
        }

        void land(String flight) {
            pending.remove(flight).complete(null);
        }

        void fail(String flight, Throwable failure) {
            pending.remove(flight).completeExceptionally(failure);
        }
    }

    /** What one caller was answered: null while waiting, then "ok" or the failure's message. */
    static final class Answer {
        volatile String value;
    }

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final ManualFlights flights = new ManualFlights();

    @AfterEach
    void stopTimers() {
        timers.shutdownNow();
    }

    private HotRowBatches<Write> batches(int maxBatch, Duration maxWait) {
        return new HotRowBatches<>(flights, maxBatch, maxWait, timers);
    }

    private static Answer send(HotRowBatches<Write> batches, String row, Write write) {
        Answer answer = new Answer();
        batches.send(row, write)
                .subscribe()
                .with(ok -> answer.value = "ok", failure -> answer.value = failure.getMessage());
        return answer;
    }

    @Test
    void anIdleRowSendsAtOnceAloneAndWritesBehindAFlightGoTogetherWhenItLands() {
        HotRowBatches<Write> batches = batches(64, Duration.ofMinutes(1));
        Answer first = send(batches, "row", new Write("a", "ka"));
        assertEquals(List.of(List.of("a")), flights.flown);

        List<Answer> behind = new ArrayList<>();
        for (String name : List.of("b", "c", "d")) {
            behind.add(send(batches, "row", new Write(name, "k" + name)));
        }
        Answer otherRow = send(batches, "other", new Write("x", "kx"));
        assertEquals(List.of(List.of("a"), List.of("x")), flights.flown, "another row never waits for this one");

        flights.land("a");
        assertEquals("ok", first.value);
        assertEquals(List.of("b", "c", "d"), flights.flown.get(2));
        behind.forEach(answer -> assertEquals(null, answer.value));

        flights.land("b,c,d");
        behind.forEach(answer -> assertEquals("ok", answer.value));
        flights.land("x");
        assertEquals("ok", otherRow.value);

        send(batches, "row", new Write("e", "ke"));
        assertEquals(List.of("e"), flights.flown.get(3), "the row is idle again: the next write goes at once");
    }

    @Test
    void aBatchHoldsAtMostMaxBatchAndTheRestFlyNext() {
        HotRowBatches<Write> batches = batches(2, Duration.ofMinutes(1));
        send(batches, "row", new Write("a", "ka"));
        for (String name : List.of("b", "c", "d", "e", "f")) {
            send(batches, "row", new Write(name, "k" + name));
        }
        flights.land("a");
        flights.land("b,c");
        flights.land("d,e");
        assertEquals(List.of(List.of("a"), List.of("b", "c"), List.of("d", "e"), List.of("f")), flights.flown);
    }

    @Test
    void aFailedBatchSendsEachWriteAloneAndEachGetsItsOwnAnswer() {
        HotRowBatches<Write> batches = batches(64, Duration.ofMinutes(1));
        send(batches, "row", new Write("a", "ka"));
        Answer b = send(batches, "row", new Write("b", "kb"));
        Answer c = send(batches, "row", new Write("c", "kc"));
        Answer later = send(batches, "row", new Write("d", "kd"));
        flights.land("a");
        flights.fail("b,c,d", new IllegalStateException("short for the sum"));

        assertEquals(List.of("b"), flights.flown.get(2));
        assertEquals(List.of("c"), flights.flown.get(3));
        assertEquals(List.of("d"), flights.flown.get(4));
        flights.land("b");
        flights.fail("c", new IllegalStateException("short"));
        assertEquals("ok", b.value);
        assertEquals("short", c.value);
        assertEquals(null, later.value);
        flights.land("d");
        assertEquals("ok", later.value);
    }

    @Test
    void aBatchThatEachWriteWouldHaveFailedAloneAnswersEachWithThatFailureWithoutResending() {
        HotRowBatches<Write> batches = batches(64, Duration.ofMinutes(1));
        send(batches, "row", new Write("a", "ka"));
        Answer b = send(batches, "row", new Write("b", "kb"));
        Answer c = send(batches, "row", new Write("c", "kc"));
        flights.land("a");
        flights.fail("b,c", new HotRowBatches.EachRefused(new IllegalStateException("sold out")));

        assertEquals("sold out", b.value);
        assertEquals("sold out", c.value);
        assertEquals(2, flights.flown.size(), "nothing was sent again");
    }

    @Test
    void twoWritesWithOneIdentityNeverShareABatch() {
        HotRowBatches<Write> batches = batches(64, Duration.ofMinutes(1));
        send(batches, "row", new Write("a", "ka"));
        send(batches, "row", new Write("b", "same"));
        send(batches, "row", new Write("c", "same"));
        send(batches, "row", new Write("d", "kd"));
        flights.land("a");
        assertEquals(List.of("b", "d"), flights.flown.get(1));
        flights.land("b,d");
        assertEquals(List.of("c"), flights.flown.get(2));
    }

    @Test
    void aWriteWaitingLongerThanMaxWaitGoesAloneAndIsNotSentTwice() {
        HotRowBatches<Write> batches = batches(64, Duration.ofMillis(50));
        send(batches, "row", new Write("a", "ka"));
        Answer b = send(batches, "row", new Write("b", "kb"));
        eventually(Duration.ofSeconds(5), () -> assertTrue(flights.flown.contains(List.of("b"))));
        flights.land("b");
        assertEquals("ok", b.value);
        flights.land("a");
        assertEquals(2, flights.flown.size(), "b flew once, alone");
        assertFalse(flights.pending.containsKey("b"));
    }

    @Test
    void maxBatchBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> batches(0, Duration.ofSeconds(1)));
    }
}
