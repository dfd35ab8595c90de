package io.omnigate.bench;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Availability's throughput as a ratio to a trivial endpoint of the same app ({@code /q/health/live}),
 * measured one after the other in the same run: closed loop, a fixed number of calls in flight.
 * On a machine shared with other work the absolute figures move; the ratio moves much less.
 */
final class CapacityProbe {

    /** 5,000 req/s of the availability target plus a fifth: below this the generator is the limit. */
    static final double GENERATOR_HEADROOM_PER_SECOND = 6_000;

    /**
     * CPU of the benchmark's JVM, in cores, from which a live rate below the headroom is put down
     * to the generator itself: its sending is one pacer and two event-loop threads.
     */
    static final double GENERATOR_BUSY_CORES = 0.8;

    /** Completed calls per second and p99 of each endpoint; {@code ratio} is availability / live. */
    record Capacity(
            int inFlight,
            double seconds,
            double availabilityPerSecond,
            double availabilityP99Ms,
            long availabilityErrors,
            double livePerSecond,
            double liveP99Ms,
            double liveGeneratorCores) {

        double ratio() {
            return livePerSecond <= 0 ? 0 : availabilityPerSecond / livePerSecond;
        }

        /**
         * Whether the trivial endpoint went well past the availability target: when it did not,
         * the load generator (or the HTTP stack it shares the cores with) bounds every figure.
         */
        boolean generatorHasHeadroom() {
            return livePerSecond >= GENERATOR_HEADROOM_PER_SECOND;
        }
    }

    private CapacityProbe() {}

    /**
     * Live first (a short closed-loop warm-up, then {@code duration}), availability second, both
     * with {@code inFlight} calls going through the benchmark's {@link LoadGenerator}.
     */
    static Capacity measure(
            LoadGenerator generator,
            Supplier<LoadGenerator.Call> availability,
            Supplier<LoadGenerator.Call> live,
            int inFlight,
            Duration duration)
            throws InterruptedException {
        Duration warmUp = Duration.ofMillis(Math.min(2_000, duration.toMillis() / 2));
        generator.closedLoop(inFlight, warmUp, live);
        LoadGenerator.Run liveRun = generator.closedLoop(inFlight, duration, live);
        generator.closedLoop(inFlight, warmUp, availability);
        LoadGenerator.Run availabilityRun = generator.closedLoop(inFlight, duration, availability);
        return new Capacity(
                inFlight,
                duration.toMillis() / 1000.0,
                availabilityRun.okPerSecond(),
                availabilityRun.ms(99),
                availabilityRun.errors(),
                liveRun.okPerSecond(),
                liveRun.ms(99),
                liveRun.generatorCpuSeconds() / liveRun.seconds());
    }
}
