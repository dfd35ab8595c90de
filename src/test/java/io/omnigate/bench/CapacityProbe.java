package io.omnigate.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * Availability's throughput as a ratio to a trivial endpoint of the same app ({@code /q/health/live}),
 * measured one after the other in the same run: closed loop, a fixed number of calls in flight.
 * On a machine shared with other work the absolute figures move; the ratio moves much less.
 */
final class CapacityProbe {

    /** Completed calls per second and p99 of each endpoint; {@code ratio} is availability / live. */
    record Capacity(
            int inFlight,
            double seconds,
            double availabilityPerSecond,
            double availabilityP99Ms,
            long availabilityErrors,
            double livePerSecond,
            double liveP99Ms) {

        double ratio() {
            return livePerSecond <= 0 ? 0 : availabilityPerSecond / livePerSecond;
        }
    }

    private record Saturation(double perSecond, double p99Ms, long errors) {}

    private CapacityProbe() {}

    static Capacity measure(
            HttpClient http,
            Supplier<HttpRequest> availability,
            Supplier<HttpRequest> live,
            int inFlight,
            Duration duration)
            throws InterruptedException {
        Duration warmUp = Duration.ofMillis(Math.min(2_000, duration.toMillis() / 2));
        saturate(http, live, inFlight, warmUp);
        Saturation liveRate = saturate(http, live, inFlight, duration);
        saturate(http, availability, inFlight, warmUp);
        Saturation availabilityRate = saturate(http, availability, inFlight, duration);
        return new Capacity(
                inFlight,
                duration.toMillis() / 1000.0,
                availabilityRate.perSecond(),
                availabilityRate.p99Ms(),
                availabilityRate.errors(),
                liveRate.perSecond(),
                liveRate.p99Ms());
    }

    /** Keeps {@code inFlight} calls going until {@code duration} has passed; a 200 counts, anything else errs. */
    private static Saturation saturate(HttpClient http, Supplier<HttpRequest> request, int inFlight, Duration duration)
            throws InterruptedException {
        Histogram histogram = new Histogram(TimeUnit.MINUTES.toMicros(2), 3);
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        CountDownLatch loops = new CountDownLatch(inFlight);
        for (int i = 0; i < inFlight; i++) {
            next(http, request, end, histogram, ok, errors, loops);
        }
        loops.await(duration.toMillis() + 60_000, TimeUnit.MILLISECONDS);
        double seconds = Math.max(1, System.nanoTime() - start) / 1e9;
        return new Saturation(ok.get() / seconds, histogram.getValueAtPercentile(99) / 1000.0, errors.get());
    }

    private static void next(
            HttpClient http,
            Supplier<HttpRequest> request,
            long end,
            Histogram histogram,
            AtomicLong ok,
            AtomicLong errors,
            CountDownLatch loops) {
        if (System.nanoTime() >= end) {
            loops.countDown();
            return;
        }
        long sent = System.nanoTime();
        http.sendAsync(request.get(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            synchronized (histogram) {
                histogram.recordValue(
                        Math.min((System.nanoTime() - sent) / 1_000, histogram.getHighestTrackableValue()));
            }
            if (failure == null && response.statusCode() == 200) {
                ok.incrementAndGet();
            } else {
                errors.incrementAndGet();
            }
            next(http, request, end, histogram, ok, errors, loops);
        });
    }
}
