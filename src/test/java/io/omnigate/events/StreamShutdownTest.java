package io.omnigate.events;

import static io.omnigate.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.OrderFixtures;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, limits: when the instance starts to stop (Quarkus' shutdown delay begins, as on
 * SIGTERM), an open stream gets a {@code retry:} hint and ends cleanly, so its client reconnects
 * elsewhere; the stream's quota slot is given back.
 */
@QuarkusTest
class StreamShutdownTest extends StreamTestBase {

    @Inject
    Event<ShutdownDelayInitiatedEvent> shutdownBegins;

    @Inject
    StreamHub hub;

    @Test
    void aStreamEndsWithTheShutdownRetryHintWhenTheInstanceStartsToStop() throws Exception {
        String store = new OrderFixtures(pool).store(0, "PICKUP");
        try (SseClient stream = SseClient.openAsStoreDevice(base, store)) {
            assertEquals(200, stream.status());
            eventually(WAIT, () -> assertTrue(stream.comments() > 0, "opened"));
            assertEquals("2000", stream.retry(), "the usual hint while it runs");
            int before = hub.size();

            shutdownBegins.fire(new ShutdownDelayInitiatedEvent());

            eventually(WAIT, () -> assertTrue(stream.ended(), "the stream ended"));
            assertEquals("1000", stream.retry(), "the last hint is omnigate.events.shutdown-retry");
            eventually(WAIT, () -> assertTrue(hub.size() < before, "unregistered"));
        }
    }
}
