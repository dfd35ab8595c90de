package io.omnigate.availability;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One source of an answer (stock, one carrier), started as soon as the request is understood. A
 * source that answers synchronously (the in-memory stock replica, the table-rate carrier, a cached
 * quote) is done at once and costs no timer; only one still in flight is awaited within its budget.
 */
final class SourceCall<T> {

    /** A source's answer, or why it is missing. */
    record Sourced<T>(T value, String warning) {}

    private final String name;
    private final CompletableFuture<T> future;
    private final Function<Throwable, String> describeFailure;
    private volatile Sourced<T> outcome;

    private SourceCall(String name, CompletableFuture<T> future, Function<Throwable, String> describeFailure) {
        this.name = name;
        this.future = future;
        this.describeFailure = describeFailure;
    }

    /**
     * Subscribes to the source now.
     *
     * @param name how warnings name the source, e.g. {@code stock} or {@code carrier acme}
     * @param describeFailure the warning's reason when the source fails
     */
    static <T> SourceCall<T> start(String name, Supplier<Uni<T>> call, Function<Throwable, String> describeFailure) {
        Uni<T> uni;
        try {
            uni = call.get();
        } catch (RuntimeException e) {
            uni = Uni.createFrom().failure(e);
        }
        return new SourceCall<>(name, uni.subscribe().asCompletionStage(), describeFailure);
    }

    boolean done() {
        return future.isDone();
    }

    /** Completes with the source's outcome, or with a gap when it has not answered within {@code budget}. */
    Uni<Sourced<T>> awaited(Duration budget) {
        return Uni.createFrom()
                .completionStage(future)
                .map(value -> new Sourced<T>(value, null))
                .ifNoItem()
                .after(budget)
                .recoverWithItem(() -> new Sourced<>(null, name + ": no answer within " + budget.toMillis() + " ms"))
                .onFailure()
                .recoverWithItem(failure -> new Sourced<>(null, name + ": " + describeFailure.apply(failure)))
                .invoke(result -> outcome = result);
    }

    /** The outcome so far: the answer, its failure, its time-out, or a gap when the deadline cut it off. */
    Sourced<T> outcome() {
        Sourced<T> settled = outcome;
        if (settled != null) {
            return settled;
        }
        if (!future.isDone() || future.isCancelled()) {
            // still running, or cancelled when the request's deadline cut the wait short
            return new Sourced<>(null, name + ": no answer within the deadline");
        }
        try {
            return new Sourced<>(future.join(), null);
        } catch (CompletionException | CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Sourced<>(null, name + ": " + describeFailure.apply(cause));
        }
    }
}
