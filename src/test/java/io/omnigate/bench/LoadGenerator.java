package io.omnigate.bench;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * The benchmark's HTTP load generator: one Vert.x {@link HttpClient} in the benchmark's JVM with a
 * fixed pool of keep-alive HTTP/1.1 connections, non-blocking, so one thread of the generator
 * keeps thousands of calls a second going. Open loop: a pacer thread hands each call to the
 * client at its intended send time and its latency runs from that time, so a slow answer delays
 * no later call and is never hidden (no coordinated omission). Closed loop: a fixed number of
 * calls in flight, each completion starting the next.
 */
final class LoadGenerator implements AutoCloseable {

    /**
     * One HTTP call: a path, a bearer token (or null), a JSON body (null for a GET) and an
     * {@code Idempotency-Key} (or null).
     */
    record Call(String path, String token, String body, String idempotencyKey) {
        Call(String path, String token, String body) {
            this(path, token, body, null);
        }
    }

    /**
     * What a run measured: calls made, answered with a 2xx, failed; latency from the intended
     * send time; completions per second; and the CPU seconds the benchmark's JVM spent meanwhile
     * (generator and anything else it runs), so the table can tell when the generator was the limit.
     */
    record Run(
            long sent,
            long ok,
            long errors,
            double seconds,
            Histogram latency,
            double generatorCpuSeconds,
            Map<String, Long> errorKinds) {

        double perSecond() {
            return (ok + errors) / seconds;
        }

        double okPerSecond() {
            return ok / seconds;
        }

        double ms(double percentile) {
            return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(percentile) / 1000.0;
        }

        double maxMs() {
            return latency.getMaxValue() / 1000.0;
        }
    }

    /** When the i-th of a run's calls is due, in nanoseconds after the start. */
    interface Schedule {
        long calls();

        long offsetNanos(long i);

        /** {@code rate} calls a second for {@code duration}. */
        static Schedule constant(int rate, Duration duration) {
            long calls = Math.max(1, rate * duration.toMillis() / 1000);
            return new Schedule() {
                public long calls() {
                    return calls;
                }

                public long offsetNanos(long i) {
                    return i * 1_000_000_000L / rate;
                }
            };
        }

        /**
         * A rate rising linearly from {@code from} to {@code to} calls a second over {@code duration}:
         * the i-th call is due when r0·t + (r1 − r0)·t² / 2T reaches i.
         */
        static Schedule ramp(int from, int to, Duration duration) {
            double seconds = duration.toMillis() / 1000.0;
            double r0 = Math.max(1, from);
            double a = (to - r0) / (2 * seconds);
            long calls = Math.max(1, Math.round(r0 * seconds + a * seconds * seconds));
            return new Schedule() {
                public long calls() {
                    return calls;
                }

                public long offsetNanos(long i) {
                    double t = a <= 0 ? i / r0 : (-r0 + Math.sqrt(r0 * r0 + 4 * a * i)) / (2 * a);
                    return (long) (t * 1e9);
                }
            };
        }
    }

    private static final long TIMEOUT_MS = 30_000;

    /** The open-loop pacer's shortest sleep: calls due within it leave together. */
    static final long TICK_NANOS = 1_000_000;

    private final Vertx vertx;
    private final HttpClient client;
    private final int connections;
    private final Context[] contexts;

    /** A client for {@code base} holding at most {@code connections} keep-alive connections. */
    LoadGenerator(URI base, int connections) {
        this.connections = connections;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(1));
        this.client = vertx.createHttpClient(
                new HttpClientOptions()
                        .setDefaultHost(base.getHost())
                        .setDefaultPort(base.getPort())
                        .setKeepAlive(true)
                        .setPipelining(false)
                        .setTcpNoDelay(true)
                        .setConnectTimeout(10_000),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
        this.contexts = new Context[] {vertx.getOrCreateContext(), vertx.getOrCreateContext()};
    }

    int connections() {
        return connections;
    }

    /**
     * Open loop: the i-th call at start + {@code schedule.offsetNanos(i)}, never earlier, at most
     * {@code maxOutstanding} calls not yet answered (beyond that the pacer waits, and the wait
     * counts in the late calls' latency); waits up to {@code drain} for the last answers. The pacer
     * wakes at most once per {@link #TICK_NANOS} and hands every call due by then to the event
     * loops together: each call's latency still runs from its own intended time, so the tick's
     * wait is measured, and the generator spends its CPU on calls rather than on a wake-up per call.
     */
    Run openLoop(Schedule schedule, int maxOutstanding, Supplier<Call> calls, Duration drain)
            throws InterruptedException {
        Tally tally = new Tally(schedule.calls());
        Semaphore outstanding = new Semaphore(maxOutstanding);
        long cpu0 = cpuNanos();
        long start = System.nanoTime();
        Batches batches = new Batches(tally, outstanding);
        long i = 0;
        while (i < schedule.calls()) {
            long now = System.nanoTime();
            long due = start + schedule.offsetNanos(i);
            if (due > now) {
                LockSupport.parkNanos(Math.max(due - now, TICK_NANOS));
                continue;
            }
            for (; i < schedule.calls() && (due = start + schedule.offsetNanos(i)) <= now; i++) {
                Call call = calls.get();
                if (!outstanding.tryAcquire()) {
                    batches.flush();
                    outstanding.acquire();
                }
                batches.add((int) (i % contexts.length), call, due);
            }
            batches.flush();
        }
        tally.await(drain);
        return tally.run(start, cpuNanos() - cpu0);
    }

    /** A call and the time it was due. */
    private record Due(Call call, long intended) {}

    /** The calls one pacer wake-up found due, per event loop, each with its intended send time. */
    private final class Batches {
        private final Tally tally;
        private final Semaphore outstanding;
        private final List<List<Due>> pending = new ArrayList<>();

        Batches(Tally tally, Semaphore outstanding) {
            this.tally = tally;
            this.outstanding = outstanding;
            for (int c = 0; c < contexts.length; c++) {
                pending.add(new ArrayList<>());
            }
        }

        void add(int context, Call call, long intended) {
            pending.get(context).add(new Due(call, intended));
        }

        /**
         * Sent from an event loop, as every call of the closed loop is: requests made on a thread of
         * no Vert.x context lost about 2% of their answers at 1,000 req/s.
         */
        void flush() {
            for (int c = 0; c < contexts.length; c++) {
                List<Due> batch = pending.get(c);
                if (batch.isEmpty()) {
                    continue;
                }
                pending.set(c, new ArrayList<>());
                contexts[c].runOnContext(v -> {
                    for (Due due : batch) {
                        send(due.call()).onComplete(result -> {
                            tally.done(due.intended(), result);
                            outstanding.release();
                        });
                    }
                });
            }
        }
    }

    /** Closed loop: {@code inFlight} calls at all times (at most the pool's connections) for {@code duration}. */
    Run closedLoop(int inFlight, Duration duration, Supplier<Call> calls) throws InterruptedException {
        Tally tally = new Tally(-1);
        long cpu0 = cpuNanos();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        CountDownLatch loops = new CountDownLatch(inFlight);
        for (int i = 0; i < inFlight; i++) {
            contexts[i % contexts.length].runOnContext(v -> next(calls, end, tally, loops));
        }
        loops.await(duration.toMillis() + TIMEOUT_MS * 2, TimeUnit.MILLISECONDS);
        return tally.run(start, cpuNanos() - cpu0);
    }

    private void next(Supplier<Call> calls, long end, Tally tally, CountDownLatch loops) {
        long sent = System.nanoTime();
        if (sent >= end) {
            loops.countDown();
            return;
        }
        Call call;
        synchronized (calls) {
            call = calls.get();
        }
        tally.sent.incrementAndGet();
        send(call).onComplete(result -> {
            tally.done(sent, result);
            next(calls, end, tally, loops);
        });
    }

    /** Sends one call and reads its whole answer (so the connection is free again); yields the status. */
    private Future<Integer> send(Call call) {
        RequestOptions request = new RequestOptions()
                .setMethod(call.body() == null ? HttpMethod.GET : HttpMethod.POST)
                .setURI(call.path())
                .setTimeout(TIMEOUT_MS);
        if (call.token() != null) {
            request.putHeader("Authorization", "Bearer " + call.token());
        }
        if (call.body() != null) {
            request.putHeader("Content-Type", "application/json");
        }
        if (call.idempotencyKey() != null) {
            request.putHeader("Idempotency-Key", call.idempotencyKey());
        }
        return client.request(request)
                .compose(r -> call.body() == null ? r.send() : r.send(Buffer.buffer(call.body())))
                .compose(response -> response.body().map(ignored -> response.statusCode()));
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    @Override
    public void close() throws Exception {
        client.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** Counts and latencies of one run, recorded from the client's event loops. */
    private static final class Tally {
        final Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(2), 3);
        final AtomicLong sent = new AtomicLong();
        final AtomicLong ok = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong lastDone = new AtomicLong();
        final Map<String, Long> errorKinds = new ConcurrentHashMap<>();
        final CountDownLatch all;

        Tally(long expected) {
            all = new CountDownLatch((int) Math.max(0, expected));
            if (expected > 0) {
                sent.set(expected);
            }
        }

        /** One answer (its status) or failure; anything but a 2xx is an error, counted by its kind. */
        void done(long fromNanos, AsyncResult<Integer> result) {
            long now = System.nanoTime();
            synchronized (latency) {
                latency.recordValue(Math.min((now - fromNanos) / 1_000, latency.getHighestTrackableValue()));
            }
            boolean success = result.succeeded() && result.result() / 100 == 2;
            (success ? ok : errors).incrementAndGet();
            if (!success) {
                String kind = result.succeeded()
                        ? "HTTP " + result.result()
                        : result.cause().getClass().getSimpleName();
                errorKinds.merge(kind, 1L, Long::sum);
            }
            lastDone.accumulateAndGet(now, Math::max);
            all.countDown();
        }

        void await(Duration drain) throws InterruptedException {
            all.await(drain.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Unanswered calls count as errors; the run lasts from the start to its last answer. */
        Run run(long start, long cpuNanos) {
            Histogram copy;
            synchronized (latency) {
                copy = latency.copy();
            }
            long answered = ok.get() + errors.get();
            long unanswered = Math.max(0, sent.get() - answered);
            double seconds = Math.max(1, Math.max(lastDone.get(), start) - start) / 1e9;
            Map<String, Long> kinds = new TreeMap<>(errorKinds);
            if (unanswered > 0) {
                kinds.put("unanswered", unanswered);
            }
            return new Run(sent.get(), ok.get(), errors.get() + unanswered, seconds, copy, cpuNanos / 1e9, kinds);
        }
    }
}
