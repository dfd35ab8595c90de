package io.omnigate.availability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.availability.SourceCall.Sourced;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SourceCallTest {

    @Test
    void aSourceThatAnswersAtOnceIsDoneWithoutWaiting() {
        SourceCall<String> call =
                SourceCall.start("stock", () -> Uni.createFrom().item("view"), f -> "failed");

        assertTrue(call.done());
        assertEquals(new Sourced<>("view", null), call.outcome());
    }

    @Test
    void aFailureAtOnceIsDescribed() {
        SourceCall<String> thrown = SourceCall.start(
                "carrier x",
                () -> {
                    throw new IllegalStateException("boom");
                },
                f -> "failed: " + f.getMessage());
        SourceCall<String> failed = SourceCall.start(
                "carrier y", () -> Uni.createFrom().failure(new RuntimeException("down")), f -> "circuit open");

        assertTrue(thrown.done());
        assertEquals("carrier x: failed: boom", thrown.outcome().warning());
        assertEquals("carrier y: circuit open", failed.outcome().warning());
    }

    @Test
    void aSlowSourceIsGivenUpAfterItsBudgetAndCancelled() {
        AtomicBoolean cancelled = new AtomicBoolean();
        CompletableFuture<String> never = new CompletableFuture<>();
        SourceCall<String> call = SourceCall.start(
                "carrier slow",
                () -> Uni.createFrom().completionStage(never).onCancellation().invoke(() -> cancelled.set(true)),
                f -> "failed");
        assertFalse(call.done());
        assertEquals(
                "carrier slow: no answer within the deadline", call.outcome().warning());

        Sourced<String> outcome = call.awaited(Duration.ofMillis(30)).await().atMost(Duration.ofSeconds(5));

        assertNull(outcome.value());
        assertEquals("carrier slow: no answer within 30 ms", outcome.warning());
        assertEquals(outcome, call.outcome());
        assertTrue(cancelled.get(), "the late call is cancelled, not left running");
    }

    @Test
    void aSourceThatAnswersWithinItsBudgetIsAwaited() {
        CompletableFuture<String> later = new CompletableFuture<>();
        SourceCall<String> call =
                SourceCall.start("stock", () -> Uni.createFrom().completionStage(later), f -> "failed");
        CompletableFuture.runAsync(
                () -> later.complete("view"),
                CompletableFuture.delayedExecutor(20, java.util.concurrent.TimeUnit.MILLISECONDS));

        assertEquals(
                "view",
                call.awaited(Duration.ofSeconds(5))
                        .await()
                        .atMost(Duration.ofSeconds(5))
                        .value());
    }
}
