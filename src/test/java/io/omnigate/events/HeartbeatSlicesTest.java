package io.omnigate.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 12: heartbeats go out in slices spread over the interval, each stream once per interval. */
class HeartbeatSlicesTest {

    private static final int ORDER_STREAMS = 3_200;
    private static final int LOCATION_STREAMS = 1_600;
    private static final int STREAMS = ORDER_STREAMS + LOCATION_STREAMS;
    private static final int SLICES = StreamHub.HEARTBEAT_SLICES;

    private StreamHub hub;
    private List<EventStream> streams;

    @BeforeEach
    void manyStreams() {
        hub = new StreamHub(new ObjectMapper(), payload -> Optional.empty(), null, null, new SimpleMeterRegistry());
        streams = new ArrayList<>();
        for (int i = 0; i < ORDER_STREAMS; i++) {
            streams.add(stream("order-" + i, EventStream.Audience.ORDER));
        }
        for (int i = 0; i < LOCATION_STREAMS; i++) {
            // a hundred stores with sixteen devices each
            streams.add(stream("store-" + i % 100, EventStream.Audience.LOCATION));
        }
        streams.forEach(hub::register);
    }

    private static EventStream stream(String key, EventStream.Audience audience) {
        return new EventStream(key, audience, null, null, 10, event -> null);
    }

    @Test
    void eachTickBeatsAboutOneSixteenthAndSixteenTicksBeatEveryStreamOnce() {
        // any sixteen consecutive ticks make one interval, wherever the timer's count stands
        for (long first : new long[] {0, 7, 1_000_003}) {
            Map<EventStream, Integer> beats = new IdentityHashMap<>();
            for (long tick = first; tick < first + SLICES; tick++) {
                int before = total(beats);
                hub.heartbeat(tick, stream -> beats.merge(stream, 1, Integer::sum));
                int inTick = total(beats) - before;
                assertTrue(
                        inTick >= STREAMS / SLICES / 2 && inTick <= STREAMS / SLICES * 2,
                        "tick " + tick + " beat " + inTick + " of " + STREAMS + " streams");
            }
            assertEquals(STREAMS, beats.size(), "every stream beaten within one interval");
            assertTrue(beats.values().stream().allMatch(n -> n == 1), "no stream beaten twice in one interval");
        }
    }

    @Test
    void aStreamGoneFromTheHubGetsNoHeartbeat() {
        List<EventStream> gone = streams.subList(0, STREAMS / 2);
        gone.forEach(hub::unregister);

        Map<EventStream, Integer> beats = new IdentityHashMap<>();
        for (long tick = 0; tick < SLICES; tick++) {
            hub.heartbeat(tick, stream -> beats.merge(stream, 1, Integer::sum));
        }

        assertEquals(STREAMS - gone.size(), beats.size());
        assertTrue(gone.stream().noneMatch(beats::containsKey));
    }

    @Test
    void sixteenTicksFitInOneIntervalWithoutRunningFarAhead() {
        for (Duration interval : List.of(Duration.ofSeconds(15), Duration.ofSeconds(1), Duration.ofMillis(100))) {
            long tick = StreamHub.heartbeatTickMillis(interval);
            assertTrue(tick * SLICES <= interval.toMillis(), interval + ": one round of slices within the interval");
            assertTrue(tick * SLICES > interval.toMillis() - SLICES, interval + ": ticks no more often than needed");
        }
    }

    private static int total(Map<EventStream, Integer> beats) {
        return beats.values().stream().mapToInt(Integer::intValue).sum();
    }
}
