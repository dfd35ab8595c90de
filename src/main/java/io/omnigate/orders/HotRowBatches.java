package io.omnigate.orders;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Coalesces writes queued under one key on this instance (a hot row, or a lane of rows): while a
 * flight for a key is out, later writes for it wait in memory and then go together as one flight,
 * so a row is locked once per batch instead of once per write. A key with nothing in flight sends
 * its write at once and alone, so an idle key adds no wait. When a batch fails, each of its writes is sent alone and gets its own
 * answer, unless the batch's failure says each would have failed alone the same way
 * ({@link EachRefused}). Nothing here blocks: the map's compute sections only move queue entries.
 *
 * @param <P> one write
 */
final class HotRowBatches<P> {

    /** How writes reach the database: one alone (the caller's answer), or several together (all or nothing). */
    interface Flights<P> {
        Uni<Void> alone(P write);

        Uni<Void> together(List<P> writes);

        /** Two writes with the same identity never share a batch (the second would abort it). */
        Object identity(P write);
    }

    /**
     * What {@link Flights#together} fails with when every write of the batch, sent alone at that
     * moment, would have failed with {@code getCause()}: each is answered with it, none is resent.
     */
    static final class EachRefused extends RuntimeException {
        EachRefused(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    private final Flights<P> flights;
    private final int maxBatch;
    private final Duration maxWait;
    private final ScheduledExecutorService timers;
    private final Map<String, Row> rows = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();

    HotRowBatches(Flights<P> flights, int maxBatch, Duration maxWait, ScheduledExecutorService timers) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
        this.flights = flights;
        this.maxBatch = maxBatch;
        this.maxWait = maxWait;
        this.timers = timers;
    }

    /** A row with a flight out and the writes waiting for it to land. */
    private final class Row {
        final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    }

    /** A write waiting in memory; {@code taken} once a batch or its own timeout has it. */
    private final class Waiting {
        final P write;
        final UniEmitter<? super Void> emitter;
        final Context context = Vertx.currentContext();
        private final AtomicBoolean taken = new AtomicBoolean();
        volatile ScheduledFuture<?> timer;

        Waiting(P write, UniEmitter<? super Void> emitter) {
            this.write = write;
            this.emitter = emitter;
        }

        /** True for the one caller (a batch or the timeout) that sends this write. */
        boolean take() {
            if (!taken.compareAndSet(false, true)) {
                return false;
            }
            waiting.decrementAndGet();
            ScheduledFuture<?> pendingTimer = timer;
            if (pendingTimer != null) {
                pendingTimer.cancel(false);
            }
            return true;
        }

        /** Answers on the caller's own context, so its continuation runs where it started. */
        void answer(Throwable failure) {
            Runnable deliver = () -> {
                if (failure == null) {
                    emitter.complete(null);
                } else {
                    emitter.fail(failure);
                }
            };
            if (context == null) {
                deliver.run();
            } else {
                context.runOnContext(ignored -> deliver.run());
            }
        }
    }

    /** Sends the write for {@code row}: at once when the row is idle, else with the next batch. */
    Uni<Void> send(String row, P write) {
        return Uni.createFrom().deferred(() -> {
            boolean[] first = {false};
            rows.compute(row, (key, existing) -> {
                if (existing == null) {
                    first[0] = true;
                    return new Row();
                }
                return existing;
            });
            if (first[0]) {
                return flights.alone(write).onTermination().invoke(() -> next(row));
            }
            return Uni.createFrom().emitter(emitter -> enqueue(row, new Waiting(write, emitter)));
        });
    }

    private void enqueue(String row, Waiting entry) {
        boolean[] queued = {false};
        rows.computeIfPresent(row, (key, existing) -> {
            waiting.incrementAndGet();
            existing.queue.add(entry);
            queued[0] = true;
            return existing;
        });
        if (!queued[0]) {
            // The flight ahead landed in between and nothing else is out: go as if just arrived.
            send(row, entry.write).subscribe().with(ok -> entry.answer(null), entry::answer);
            return;
        }
        entry.timer = timers.schedule(
                () -> {
                    if (entry.take()) {
                        flights.alone(entry.write).subscribe().with(ok -> entry.answer(null), entry::answer);
                    }
                },
                maxWait.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Writes waiting in memory on every row. */
    int waiting() {
        return waiting.get();
    }

    /** The flight for {@code row} landed: the next batch goes, or the row is idle again. */
    private void next(String row) {
        List<Waiting> batch = new ArrayList<>();
        rows.computeIfPresent(row, (key, existing) -> {
            Set<Object> identities = new HashSet<>();
            List<Waiting> later = new ArrayList<>();
            while (batch.size() < maxBatch && !existing.queue.isEmpty()) {
                Waiting waiting = existing.queue.poll();
                Object identity = flights.identity(waiting.write);
                if (identities.contains(identity)) {
                    later.add(waiting);
                } else if (waiting.take()) {
                    identities.add(identity);
                    batch.add(waiting);
                }
            }
            for (int i = later.size() - 1; i >= 0; i--) {
                existing.queue.addFirst(later.get(i));
            }
            return batch.isEmpty() ? null : existing;
        });
        if (!batch.isEmpty()) {
            fly(row, batch);
        }
    }

    private void fly(String row, List<Waiting> batch) {
        if (batch.size() == 1) {
            Waiting only = batch.get(0);
            flights.alone(only.write)
                    .subscribe()
                    .with(ok -> land(row, batch, null), failure -> land(row, batch, failure));
            return;
        }
        flights.together(batch.stream().map(w -> w.write).toList())
                .subscribe()
                .with(ok -> land(row, batch, null), failure -> {
                    if (failure instanceof EachRefused refused) {
                        land(row, batch, refused.getCause());
                    } else {
                        eachAlone(row, batch);
                    }
                });
    }

    /** The flight landed: the next batch leaves before these answers are delivered. */
    private void land(String row, List<Waiting> batch, Throwable failure) {
        next(row);
        batch.forEach(w -> w.answer(failure));
    }

    /** A failed batch: every write goes alone, at once, for its own answer; the row is busy until all land. */
    private void eachAlone(String row, List<Waiting> batch) {
        Function<Waiting, Uni<Void>> alone = w -> flights.alone(w.write)
                .onItemOrFailure()
                .invoke((ok, failure) -> w.answer(failure))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
        Uni.join()
                .all(batch.stream().map(alone).toList())
                .andCollectFailures()
                .subscribe()
                .with(ok -> next(row), failure -> next(row));
    }
}
