package io.omnigate.bench;

import com.sun.management.UnixOperatingSystemMXBean;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * DESIGN.md §6 SSE: N subscribers on the location streams of many stores and on order streams,
 * held by one Vert.x client in this JVM, while orders are placed and cancelled through the API
 * at a target event rate. Each frame's latency is its receive time minus the event's {@code at}
 * (written just before commit, same machine clock); what each stream should have received comes
 * from the tables.
 */
final class SsePhase {

    /** How many streams, over how many stores, and how fast events flow. */
    record Settings(
            int subscribers,
            int orderStreams,
            int stores,
            int eventsPerSecond,
            Duration window,
            List<String> storeIds) {

        /** {@code n} subscribers, a tenth of them on order streams. */
        Settings withSubscribers(int n) {
            return new Settings(n, n / 10, stores, eventsPerSecond, window, storeIds);
        }

        Settings withRate(int perSecond) {
            return new Settings(subscribers, orderStreams, stores, perSecond, window, storeIds);
        }

        Settings withWindow(Duration newWindow) {
            return new Settings(subscribers, orderStreams, stores, eventsPerSecond, newWindow, storeIds);
        }
    }

    /** Everything the phase measured. */
    record Result(
            int subscribers,
            int opened,
            int locationStreams,
            int orderStreams,
            int stores,
            double openSeconds,
            int targetEventsPerSecond,
            double windowSeconds,
            long eventsInWindow,
            double achievedEventsPerSecond,
            long placed,
            long transitions,
            long cancelled,
            long operationErrors,
            long framesExpected,
            long framesReceived,
            long lost,
            long duplicates,
            long dropped,
            double p50Ms,
            double p99Ms,
            double maxMs,
            long heapMaxBytes,
            long rssMaxKb,
            double serverLagP99Ms,
            long serverStreamsMax,
            Pipeline pipeline) {}

    /**
     * The stream path alone: the same subscribers while events are written straight into the
     * outbox by SQL at the target rate, so the figure is the relay and the streams without the
     * CPU the order and workflow calls take on the same two cores.
     */
    record Pipeline(
            double achievedEventsPerSecond,
            long events,
            long framesExpected,
            long lost,
            long duplicates,
            double p50Ms,
            double p99Ms,
            double maxMs) {}

    private static final int OPENING_AT_ONCE = 200;

    /**
     * One event for a store, committed on its own with the external wake ({@code NOTIFY
     * omnigate_outbox}, delivered at its commit); the app's own writers wake their relay in process
     * instead (docs/events.md).
     */
    private static final String PIPELINE_EVENT = "with e as (insert into event_outbox"
            + " (type, location_id, status, previous_status, payload, created_at)"
            + " values ('fulfillment.status', ?, 'PICKING', 'ACCEPTED', '{\"probe\":true}', clock_timestamp())"
            + " returning 1) select pg_notify('omnigate_outbox', '') from e";

    private static final int OPERATIONS_IN_FLIGHT = 128;
    private static final Duration DRAIN = Duration.ofSeconds(15);

    private final Benchmark bench;
    private final BenchDatabase db;
    private final Settings settings;
    private final long appPid;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();

    SsePhase(Benchmark bench, BenchDatabase db, Settings settings, long appPid) {
        this.bench = bench;
        this.db = db;
        this.settings = settings;
        this.appPid = appPid;
    }

    /** One open stream and every frame it received. */
    final class Subscriber {
        final String path;
        final String key;
        final String token;
        final boolean order;
        private final StringBuilder pending = new StringBuilder();
        private long[] seqs = new long[16];
        private long[] micros = new long[16];
        private int frames;
        volatile boolean open;

        Subscriber(String path, String key, String token, boolean order) {
            this.path = path;
            this.key = key;
            this.token = token;
            this.order = order;
        }

        void onBytes(Buffer buffer) {
            Instant now = Instant.now();
            long received = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
            pending.append(buffer.toString(StandardCharsets.UTF_8));
            int end;
            while ((end = pending.indexOf("\n\n")) >= 0) {
                String frame = pending.substring(0, end);
                pending.delete(0, end + 2);
                parse(frame, received);
            }
        }

        private void parse(String frame, long received) {
            long seq = -1;
            long at = -1;
            for (String line : frame.split("\n")) {
                if (line.startsWith("id:")) {
                    seq = Long.parseLong(line.substring(3).strip());
                } else if (line.startsWith("data:")) {
                    int start = line.indexOf("\"at\":\"");
                    if (start >= 0) {
                        int close = line.indexOf('"', start + 6);
                        Instant instant = Instant.parse(line.substring(start + 6, close));
                        at = instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
                    }
                }
            }
            if (seq >= 0) {
                record(seq, at < 0 ? -1 : Math.max(0, received - at));
            }
        }

        private synchronized void record(long seq, long latencyMicros) {
            if (frames == seqs.length) {
                seqs = Arrays.copyOf(seqs, frames * 2);
                micros = Arrays.copyOf(micros, frames * 2);
            }
            seqs[frames] = seq;
            micros[frames] = latencyMicros;
            frames++;
        }

        /** Seqs received in (after, upTo], in arrival order. */
        synchronized long[] seqsBetween(long after, long upTo) {
            return Arrays.stream(seqs, 0, frames)
                    .filter(s -> s > after && s <= upTo)
                    .toArray();
        }

        synchronized void latencies(long after, long upTo, Histogram into) {
            for (int i = 0; i < frames; i++) {
                if (seqs[i] > after && seqs[i] <= upTo && micros[i] >= 0) {
                    into.recordValue(Math.min(micros[i], into.getHighestTrackableValue()));
                }
            }
        }

        void closedByServer() {
            if (open && !closing.get()) {
                dropped.incrementAndGet();
            }
            open = false;
        }
    }

    /** Checks that this process may hold {@code subscribers} sockets and names the fix when not. */
    static void requireFileDescriptors(int subscribers) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof UnixOperatingSystemMXBean) {
            long max = ((UnixOperatingSystemMXBean) os).getMaxFileDescriptorCount();
            long needed = subscribers + 1_024L;
            if (max < needed) {
                throw new IllegalStateException(String.format(
                        Locale.ROOT,
                        "%d SSE subscribers need about %d open files, but this process may open %d;"
                                + " raise it (ulimit -n %d) or use fewer subscribers",
                        subscribers,
                        needed,
                        max,
                        needed));
            }
        }
    }

    Result run() throws Exception {
        requireFileDescriptors(settings.subscribers());
        List<String> stores =
                settings.storeIds() != null ? settings.storeIds() : db.pickupStores(Math.max(1, settings.stores()));
        if (stores.isEmpty()) {
            throw new IllegalStateException("no store with PICKUP capability for the SSE phase");
        }
        int orderStreams = Math.min(settings.orderStreams(), settings.subscribers() - stores.size());
        int locationStreams = settings.subscribers() - orderStreams;
        String sku = "SSE-" + UUID.randomUUID().toString().substring(0, 8);
        bench.stockEverywhere(sku, stores, 1_000_000);
        Map<String, String> deviceTokens = bench.mintEach(
                stores, store -> "{\"role\":\"store-device\",\"locationId\":\"" + store + "\",\"ttlSeconds\":7200}");

        List<Subscriber> subscribers = new ArrayList<>(settings.subscribers());
        for (int i = 0; i < locationStreams; i++) {
            String store = stores.get(i % stores.size());
            subscribers.add(
                    new Subscriber("/v1/locations/" + store + "/events", store, deviceTokens.get(store), false));
        }
        ConcurrentLinkedQueue<String> subscribedOrders = new ConcurrentLinkedQueue<>();
        for (Benchmark.PlacedOrder placed : bench.placePickupOrders(stores, sku, orderStreams)) {
            subscribers.add(new Subscriber("/v1/orders/" + placed.id() + "/events", placed.id(), placed.token(), true));
            subscribedOrders.add(placed.id());
        }

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(2));
        URI base = URI.create(bench.url());
        HttpClient client = vertx.createHttpClient(
                new HttpClientOptions()
                        .setDefaultHost(base.getHost())
                        .setDefaultPort(base.getPort())
                        .setKeepAlive(true)
                        .setConnectTimeout(30_000),
                new PoolOptions().setHttp1MaxSize(settings.subscribers() + 16));
        MetricsSampler sampler = new MetricsSampler();
        Thread sampling = new Thread(sampler, "bench-metrics");
        sampling.setDaemon(true);
        sampling.start();
        try {
            long openStart = System.nanoTime();
            int opened = open(client, subscribers);
            double openSeconds = (System.nanoTime() - openStart) / 1e9;
            if (opened < subscribers.size()) {
                throw new IllegalStateException(
                        "only " + opened + " of " + subscribers.size() + " SSE streams opened; see the app log");
            }
            Thread.sleep(500);
            long startSeq = db.lastSeq();
            dropped.set(0);

            Operations ops = new Operations(stores, sku, subscribedOrders);
            long windowStart = System.nanoTime();
            ops.run();
            double windowSeconds = (System.nanoTime() - windowStart) / 1e9;
            long endSeq = settledSeq();

            List<String> locationKeys = stores;
            List<String> orderKeys =
                    subscribers.stream().filter(s -> s.order).map(s -> s.key).toList();
            Map<String, long[]> byLocation = db.locationEvents(locationKeys, startSeq, endSeq);
            Map<String, long[]> byOrder = orderKeys.isEmpty() ? Map.of() : db.orderEvents(orderKeys, startSeq, endSeq);
            long[] counts = new long[3];
            long drainUntil = System.nanoTime() + DRAIN.toNanos();
            do {
                counts = compare(subscribers, byLocation, byOrder, startSeq, endSeq);
                if (counts[1] == 0) {
                    break;
                }
                Thread.sleep(200);
            } while (System.nanoTime() < drainUntil);
            Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
            for (Subscriber s : subscribers) {
                s.latencies(startSeq, endSeq, latency);
            }
            long events = db.eventsBetween(startSeq, endSeq);
            Pipeline pipeline = pipeline(subscribers, stores);
            sampler.stop();
            sampling.join(5_000);
            return new Result(
                    subscribers.size(),
                    opened,
                    locationStreams,
                    orderStreams,
                    stores.size(),
                    openSeconds,
                    settings.eventsPerSecond(),
                    windowSeconds,
                    events,
                    events / windowSeconds,
                    ops.placed.get(),
                    ops.transitions.get(),
                    ops.cancelled.get(),
                    ops.errors.get(),
                    counts[0],
                    latency.getTotalCount(),
                    counts[1],
                    counts[2],
                    dropped.get(),
                    latency.getValueAtPercentile(50) / 1000.0,
                    latency.getValueAtPercentile(99) / 1000.0,
                    latency.getMaxValue() / 1000.0,
                    sampler.heapMax,
                    sampler.rssMaxKb,
                    sampler.lagP99Ms,
                    sampler.streamsMax,
                    pipeline);
        } finally {
            sampler.stop();
            closing.set(true);
            client.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    /** Writes events for the subscribed stores straight into the outbox and measures their delivery. */
    private Pipeline pipeline(List<Subscriber> subscribers, List<String> stores) throws Exception {
        int writers = 4;
        BlockingQueue<Connection> connections = new ArrayBlockingQueue<>(writers);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            for (int i = 0; i < writers; i++) {
                connections.add(db.newConnection());
            }
            long startSeq = settledSeq();
            long total = Math.max(
                    1, Math.round(settings.eventsPerSecond() * settings.window().toMillis() / 1000.0));
            long interval = Math.round(1e9 / settings.eventsPerSecond());
            Semaphore inFlight = new Semaphore(writers * 4);
            long windowStart = System.nanoTime();
            Benchmark.pace(
                    total,
                    interval,
                    inFlight,
                    (i, intended) -> pool.execute(() -> {
                        Connection connection = null;
                        try {
                            connection = connections.take();
                            try (PreparedStatement insert = connection.prepareStatement(PIPELINE_EVENT)) {
                                insert.setString(1, stores.get((int) (i % stores.size())));
                                insert.execute();
                            }
                        } catch (Exception e) {
                            // counted as lost frames by the comparison below
                        } finally {
                            if (connection != null) {
                                connections.add(connection);
                            }
                            inFlight.release();
                        }
                    }));
            inFlight.acquire(writers * 4);
            double seconds = (System.nanoTime() - windowStart) / 1e9;
            long endSeq = settledSeq();
            Map<String, long[]> byLocation = db.locationEvents(stores, startSeq, endSeq);
            long[] counts;
            long drainUntil = System.nanoTime() + DRAIN.toNanos();
            do {
                counts = compare(subscribers, byLocation, Map.of(), startSeq, endSeq);
                if (counts[1] == 0) {
                    break;
                }
                Thread.sleep(200);
            } while (System.nanoTime() < drainUntil);
            Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
            for (Subscriber s : subscribers) {
                s.latencies(startSeq, endSeq, latency);
            }
            long events = db.eventsBetween(startSeq, endSeq);
            return new Pipeline(
                    events / seconds,
                    events,
                    counts[0],
                    counts[1],
                    counts[2],
                    latency.getValueAtPercentile(50) / 1000.0,
                    latency.getValueAtPercentile(99) / 1000.0,
                    latency.getMaxValue() / 1000.0);
        } finally {
            pool.shutdownNow();
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    /** Opens every stream, a bounded number at a time; returns how many are open and live. */
    private int open(HttpClient client, List<Subscriber> subscribers) throws InterruptedException {
        Semaphore opening = new Semaphore(OPENING_AT_ONCE);
        CountDownLatch done = new CountDownLatch(subscribers.size());
        AtomicLong failures = new AtomicLong();
        List<String> firstFailure = new ArrayList<>();
        for (Subscriber s : subscribers) {
            opening.acquire();
            AtomicBoolean settled = new AtomicBoolean();
            Runnable settle = () -> {
                if (settled.compareAndSet(false, true)) {
                    opening.release();
                    done.countDown();
                }
            };
            RequestOptions request = new RequestOptions()
                    .setMethod(HttpMethod.GET)
                    .setURI(s.path)
                    .putHeader("Authorization", "Bearer " + s.token)
                    .putHeader("Accept", "text/event-stream");
            client.request(request)
                    .compose(r -> r.send())
                    .onSuccess(response -> attach(s, response, settle, failures, firstFailure))
                    .onFailure(failure -> {
                        failed(failures, firstFailure, s.path + ": " + failure);
                        settle.run();
                    });
        }
        if (!done.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("SSE streams did not open within 5 minutes");
        }
        if (failures.get() > 0) {
            System.err.println(failures.get() + " SSE streams failed to open; first: " + firstFailure);
        }
        return (int) subscribers.stream().filter(s -> s.open).count();
    }

    private void attach(
            Subscriber s,
            HttpClientResponse response,
            Runnable settle,
            AtomicLong failures,
            List<String> firstFailure) {
        if (response.statusCode() != 200) {
            failed(failures, firstFailure, s.path + " answered " + response.statusCode());
            response.body().onComplete(body -> settle.run());
            return;
        }
        response.handler(buffer -> {
            if (!s.open) {
                s.open = true;
                settle.run();
            }
            s.onBytes(buffer);
        });
        response.endHandler(v -> {
            s.closedByServer();
            settle.run();
        });
        response.exceptionHandler(e -> {
            s.closedByServer();
            settle.run();
        });
    }

    private static void failed(AtomicLong failures, List<String> first, String what) {
        failures.incrementAndGet();
        synchronized (first) {
            if (first.isEmpty()) {
                first.add(what);
            }
        }
    }

    /** The last seq once every event committed by the window has been numbered. */
    private long settledSeq() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (db.unnumbered() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return db.lastSeq();
    }

    /** {expected frames, lost, duplicates} over every stream in (after, upTo]. */
    private static long[] compare(
            List<Subscriber> subscribers,
            Map<String, long[]> byLocation,
            Map<String, long[]> byOrder,
            long after,
            long upTo) {
        long expected = 0;
        long lost = 0;
        long duplicates = 0;
        for (Subscriber s : subscribers) {
            long[] should = (s.order ? byOrder : byLocation).getOrDefault(s.key, new long[0]);
            long[] got = s.seqsBetween(after, upTo);
            Arrays.sort(got);
            for (int i = 1; i < got.length; i++) {
                if (got[i] == got[i - 1]) {
                    duplicates++;
                }
            }
            expected += should.length;
            for (long seq : should) {
                if (Arrays.binarySearch(got, seq) < 0) {
                    lost++;
                }
            }
        }
        return new long[] {expected, lost, duplicates};
    }

    /**
     * Status changes through the real API, open loop: pickup orders are placed at the subscribed
     * stores and walked through the store workflow (accepted, picking, packed, ready for pickup,
     * then cancelled so their stock goes back), and the subscribed orders are cancelled spread over
     * the window. A cycle of six calls commits about twelve events, so calls run at half the event
     * rate.
     */
    private final class Operations {
        static final List<String> WORKFLOW = List.of("ACCEPTED", "PICKING", "PACKED", "READY_FOR_PICKUP", "CANCELLED");
        static final Pattern FIRST_FULFILLMENT =
                Pattern.compile("\"fulfillments\"\\s*:\\s*\\[\\s*\\{\\s*\"id\"\\s*:\\s*\"([^\"]+)\"");

        /** A placed order's fulfillment and the index of its next workflow step. */
        record Step(String fulfillmentId, int next) {}

        final List<String> stores;
        final String sku;
        final ConcurrentLinkedQueue<String> subscribed;
        final ConcurrentLinkedQueue<Step> advancing = new ConcurrentLinkedQueue<>();
        final AtomicLong placed = new AtomicLong();
        final AtomicLong cancelled = new AtomicLong();
        final AtomicLong transitions = new AtomicLong();
        final AtomicLong errors = new AtomicLong();

        Operations(List<String> stores, String sku, ConcurrentLinkedQueue<String> subscribed) {
            this.stores = stores;
            this.sku = sku;
            this.subscribed = subscribed;
        }

        void run() throws InterruptedException {
            double perSecond = settings.eventsPerSecond() / 2.0;
            long total = Math.max(2, Math.round(perSecond * settings.window().toMillis() / 1000.0));
            long interval = Math.round(1e9 / perSecond);
            long every = Math.max(1, total / Math.max(1, subscribed.size()));
            Semaphore inFlight = new Semaphore(OPERATIONS_IN_FLIGHT);
            Benchmark.pace(total, interval, inFlight, (i, intended) -> {
                String cancel = i % every == 0 ? subscribed.poll() : null;
                Step step = cancel == null ? advancing.poll() : null;
                HttpRequest request;
                if (cancel != null) {
                    request = bench.post("/v1/orders/" + cancel + "/cancel", bench.adminToken(), "{}", null);
                } else if (step != null) {
                    request = bench.post(
                            "/v1/fulfillments/" + step.fulfillmentId() + "/transitions",
                            bench.adminToken(),
                            "{\"to\":\"" + WORKFLOW.get(step.next()) + "\"}",
                            null);
                } else {
                    request = bench.pickupOrder(stores.get((int) (i % stores.size())), sku);
                }
                bench.http()
                        .sendAsync(request, HttpResponse.BodyHandlers.ofString())
                        .whenComplete((response, failure) -> {
                            if (failure != null) {
                                errors.incrementAndGet();
                            } else if (cancel != null && response.statusCode() == 200) {
                                cancelled.incrementAndGet();
                            } else if (step != null && response.statusCode() == 200) {
                                transitions.incrementAndGet();
                                if (step.next() + 1 < WORKFLOW.size()) {
                                    advancing.add(new Step(step.fulfillmentId(), step.next() + 1));
                                }
                            } else if (cancel == null && step == null && response.statusCode() == 201) {
                                placed.incrementAndGet();
                                Matcher fulfillment = FIRST_FULFILLMENT.matcher(response.body());
                                if (fulfillment.find()) {
                                    advancing.add(new Step(fulfillment.group(1), 0));
                                }
                            } else {
                                errors.incrementAndGet();
                            }
                            inFlight.release();
                        });
            });
            if (!inFlight.tryAcquire(OPERATIONS_IN_FLIGHT, 2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("SSE phase operations did not finish within 2 minutes");
            }
        }
    }

    /** Samples the app's heap, streams and relay lag from /q/metrics, and its RSS, once a second. */
    private final class MetricsSampler implements Runnable {
        volatile boolean running = true;
        volatile long heapMax;
        volatile long rssMaxKb;
        volatile double lagP99Ms;
        volatile long streamsMax;

        void stop() {
            running = false;
        }

        @Override
        public void run() {
            while (running) {
                try {
                    sample();
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // a missed sample; the next one counts
                }
            }
        }

        private void sample() throws Exception {
            HttpResponse<String> response = bench.http()
                    .send(
                            HttpRequest.newBuilder(URI.create(bench.url() + "/q/metrics"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            long heap = 0;
            for (String line : response.body().split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    heap += (long) value(line);
                } else if (line.startsWith("omnigate_sse_streams ") || line.startsWith("omnigate_sse_streams{")) {
                    streamsMax = Math.max(streamsMax, (long) value(line));
                } else if (line.startsWith("omnigate_events_lag_seconds{") && line.contains("quantile=\"0.99\"")) {
                    lagP99Ms = Math.max(lagP99Ms, value(line) * 1000);
                }
            }
            heapMax = Math.max(heapMax, heap);
            if (appPid > 0) {
                rssMaxKb = Math.max(rssMaxKb, Benchmark.rssKb(appPid));
            }
        }

        private double value(String line) {
            return io.omnigate.MetricLines.value(line);
        }
    }

    /** Runs {@code task} on {@code threads} threads over {@code items}, failing on the first failure. */
    static <T> void parallel(List<T> items, int threads, Benchmark.Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, items.size())));
        try {
            List<Future<?>> running = new ArrayList<>();
            for (T item : items) {
                running.add(pool.submit(() -> {
                    task.run(item);
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
