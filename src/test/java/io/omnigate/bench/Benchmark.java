package io.omnigate.bench;

import io.omnigate.LocalMachine;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one-command benchmark of DESIGN.md §6: start-up, open-loop availability, order throughput,
 * oversell and counter audits, SSE fan-out.
 */
public final class Benchmark {

    static final double P99_TARGET_MS = 25;
    static final double SSE_P99_TARGET_MS = 100;
    static final long HEAP_TARGET_BYTES = 1L << 30;

    /** The measured instance gets the heap DESIGN.md §6 allows; the first start (network load) keeps the default. */
    static final String APP_HEAP = "-Xmx1g";

    static final List<double[]> CITIES = List.of(
            new double[] {45.4642, 9.19},
            new double[] {48.8566, 2.3522},
            new double[] {52.52, 13.405},
            new double[] {40.4168, -3.7038},
            new double[] {51.5074, -0.1278},
            new double[] {40.7128, -74.006});

    /** Everything one run needs; the smoke test passes its own fixtures instead of the demo network's. */
    public record Options(
            String url,
            String token,
            boolean startApp,
            String network,
            Path jar,
            Path out,
            List<String> skus,
            List<double[]> destinations,
            String dcId,
            int warmupRate,
            Duration warmup,
            List<Integer> rates,
            Duration stepDuration,
            int connections,
            int orderClients,
            Duration orderWarmup,
            Duration orderDuration,
            int burstUnits,
            int stopAfterMisses,
            BenchDatabase.Target db,
            SsePhase.Settings sse) {

        static Options quick() {
            return new Options(
                    null,
                    null,
                    true,
                    "demo",
                    Path.of("target/quarkus-app/quarkus-run.jar"),
                    Path.of("target/bench"),
                    catalogue(2_000),
                    CITIES,
                    "DC-01",
                    50,
                    Duration.ofSeconds(5),
                    List.of(50, 100, 200),
                    Duration.ofSeconds(5),
                    32,
                    8,
                    Duration.ofMillis(2_500),
                    Duration.ofSeconds(5),
                    50,
                    Integer.MAX_VALUE,
                    null,
                    new SsePhase.Settings(300, 50, 50, 100, Duration.ofSeconds(20), null));
        }

        static Options full() {
            return new Options(
                    null,
                    null,
                    true,
                    "bench",
                    Path.of("target/quarkus-app/quarkus-run.jar"),
                    Path.of("target/bench"),
                    catalogue(50_000),
                    CITIES,
                    "DC-01",
                    3_000,
                    Duration.ofSeconds(90),
                    List.of(500, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000),
                    Duration.ofSeconds(15),
                    64,
                    32,
                    Duration.ofSeconds(60),
                    Duration.ofSeconds(20),
                    500,
                    2,
                    null,
                    new SsePhase.Settings(10_000, 1_000, 1_000, 500, Duration.ofSeconds(60), null));
        }

        private Options copy(
                String newUrl,
                String newToken,
                boolean newStartApp,
                Path newOut,
                BenchDatabase.Target newDb,
                SsePhase.Settings newSse) {
            return new Options(
                    newUrl,
                    newToken,
                    newStartApp,
                    network,
                    jar,
                    newOut,
                    skus,
                    destinations,
                    dcId,
                    warmupRate,
                    warmup,
                    rates,
                    stepDuration,
                    connections,
                    orderClients,
                    orderWarmup,
                    orderDuration,
                    burstUnits,
                    stopAfterMisses,
                    newDb,
                    newSse);
        }

        Options withUrl(String newUrl, String newToken) {
            return copy(newUrl, newToken, newUrl == null, out, db, sse);
        }

        Options withDb(BenchDatabase.Target newDb) {
            return copy(url, token, startApp, out, newDb, sse);
        }

        Options withSse(SsePhase.Settings newSse) {
            return copy(url, token, startApp, out, db, newSse);
        }

        Options withOut(Path newOut) {
            return copy(url, token, startApp, newOut, db, sse);
        }
    }

    /**
     * Start-up of the child process; absent when the benchmark drives an instance it did not start.
     * The first start loads the network into the empty database and, on exit, writes a JDK class
     * data sharing archive; the second start (the figure) uses it when {@code cds} (docs/startup.md).
     */
    public record Startup(long firstReadyMs, long secondReadyMs, long idleRssKb, long rssAfterLoadKb, boolean cds) {}

    /**
     * One open-loop availability step; {@code generatorCores} and {@code appCores} are the CPU the
     * benchmark's JVM (the load generator) and the app used meanwhile, in cores (NaN when unknown).
     */
    public record AvailabilityStep(
            int offeredRate,
            double achievedRate,
            long sent,
            long ok,
            long errors,
            double p50Ms,
            double p90Ms,
            double p99Ms,
            double maxMs,
            double generatorCores,
            double appCores) {}

    /**
     * Closed-loop order placement, and the write reference measured just before it against the same
     * PostgreSQL with the same client count (null when the benchmark has no database access).
     */
    public record OrderThroughput(
            int clients,
            double seconds,
            long created,
            long refused,
            long errors,
            double p50Ms,
            double p99Ms,
            double generatorCores,
            WriteReference.Result reference) {

        double createdPerSecond() {
            return created / seconds;
        }

        /** Orders/s over the reference's transactions/s; NaN without a reference. */
        double referenceRatio() {
            return reference == null ? Double.NaN : createdPerSecond() / reference.perSecond();
        }
    }

    /** The hot-SKU burst: U units, n single-unit buyers, and what the HTTP answers add up to. */
    public record Burst(
            String sku,
            int units,
            int buyers,
            long created,
            long refused,
            long errors,
            double seconds,
            double soldOutSeconds,
            boolean noOversell) {

        /** Orders the burst created per second, from the first buyer's start to the last answer. */
        double createdPerSecond() {
            return created / seconds;
        }

        /** Orders created per second while the row still sold: from the first buyer's start to the last 201. */
        double createdPerSecondUntilSoldOut() {
            return soldOutSeconds > 0 ? created / soldOutSeconds : 0;
        }
    }

    /** All figures of one run. */
    public record Results(
            String mode,
            Instant at,
            Startup startup,
            List<AvailabilityStep> availability,
            int bestRateWithinTarget,
            OrderThroughput orders,
            Burst burst,
            BenchDatabase.Audit audit,
            SsePhase.Result sse,
            CapacityProbe.Capacity capacity) {}

    private final Options options;
    private final HttpClient http;
    private final SplittableRandom random = new SplittableRandom(42);
    private final double[] zipfCdf;
    private String checkoutToken;
    private long appPid = -1;
    private LoadGenerator generator;

    Benchmark(Options options) {
        this.options = options;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        this.zipfCdf = zipf(options.skus().size());
    }

    public static void main(String[] args) {
        try {
            Options options = parse(args);
            Results results =
                    run(options, args.length > 0 && Arrays.asList(args).contains("--quick") ? "quick" : "full");
            System.out.println(table(results));
            System.out.println("wrote " + options.out().resolve("results.json") + " and "
                    + options.out().resolve("latency.html"));
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    static Options parse(String[] args) {
        List<String> list = Arrays.asList(args);
        Options options = list.contains("--quick") ? Options.quick() : Options.full();
        String url = null;
        String token = null;
        String dbUrl = null;
        String dbUser = "postgres";
        String dbPassword = "postgres";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--token" -> token = args[++i];
                case "--out" -> options = options.withOut(Path.of(args[++i]));
                case "--db-url" -> dbUrl = args[++i];
                case "--db-user" -> dbUser = args[++i];
                case "--db-password" -> dbPassword = args[++i];
                case "--sse-subscribers" ->
                    options = options.withSse(options.sse().withSubscribers(count(args[++i])));
                case "--sse-rate" -> options = options.withSse(options.sse().withRate(count(args[++i])));
                case "--sse-seconds" ->
                    options = options.withSse(options.sse().withWindow(Duration.ofSeconds(count(args[++i]))));
                case "--quick" -> {}
                default ->
                    throw new IllegalArgumentException("unknown option " + args[i] + "; use --quick,"
                            + " --url http://host:port --token X, --db-url postgresql://host:port/db"
                            + " [--db-user U --db-password P], --sse-subscribers N, --sse-rate EVENTS_PER_S,"
                            + " --sse-seconds N, --out dir");
            }
        }
        if ((url == null) != (token == null)) {
            throw new IllegalArgumentException("--url and --token go together");
        }
        if (dbUrl != null) {
            options = options.withDb(BenchDatabase.Target.of(dbUrl, dbUser, dbPassword));
        }
        return url == null ? options : options.withUrl(url, token);
    }

    private static int count(String value) {
        int n = Integer.parseInt(value);
        if (n < 1) {
            throw new IllegalArgumentException("expected a positive number, got " + value);
        }
        return n;
    }

    /**
     * Runs every phase, writes results.json and latency.html into the out directory and returns the
     * figures. Starting the app, it also starts an embedded PostgreSQL for it unless a database is given.
     */
    public static Results run(Options options, String mode) throws Exception {
        Files.createDirectories(options.out());
        Process[] child = new Process[1];
        Path[] dataDir = new Path[1];
        BenchDatabase[] db = new BenchDatabase[1];
        Thread hook = new Thread(() -> {
            stop(child[0]);
            closeQuietly(db[0]);
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Startup startup = null;
            String url = options.url();
            String admin = options.token();
            if (options.startApp()) {
                Path data = Files.createTempDirectory("omnigate-bench-");
                dataDir[0] = data;
                db[0] = options.db() != null
                        ? BenchDatabase.connect(options.db())
                        : BenchDatabase.startEmbedded(data.resolve("postgres"));
                int port = LocalMachine.freePort();
                url = "http://localhost:" + port;
                long t0 = System.nanoTime();
                Path archive = data.resolve("omnigate-cds.jsa");
                child[0] = start(
                        options, db[0].target(), data, port, "first", List.of("-XX:ArchiveClassesAtExit=" + archive));
                Benchmark probe = new Benchmark(options);
                probe.awaitReady(url, child[0], Duration.ofMinutes(5));
                long first = (System.nanoTime() - t0) / 1_000_000;
                stop(child[0]);
                t0 = System.nanoTime();
                boolean cds = Files.isRegularFile(archive);
                child[0] = start(
                        options,
                        db[0].target(),
                        data,
                        port,
                        "second",
                        cds ? List.of(APP_HEAP, "-XX:SharedArchiveFile=" + archive) : List.of(APP_HEAP));
                probe.awaitReady(url, child[0], Duration.ofMinutes(2));
                long second = (System.nanoTime() - t0) / 1_000_000;
                Thread.sleep(2_000);
                long idle = rssKb(child[0].pid());
                admin = Files.readString(data.resolve("bootstrap-token"), StandardCharsets.US_ASCII)
                        .strip();
                startup = new Startup(first, second, idle, 0, cds);
            } else if (options.db() != null) {
                db[0] = BenchDatabase.connect(options.db());
            }
            Benchmark bench = new Benchmark(options.withUrl(url, admin));
            bench.appPid = child[0] == null ? -1 : child[0].pid();
            Results results = bench.phases(mode, startup, db[0]);
            if (child[0] != null) {
                Startup s = results.startup();
                results = new Results(
                        results.mode(),
                        results.at(),
                        new Startup(s.firstReadyMs(), s.secondReadyMs(), s.idleRssKb(), rssKb(child[0].pid()), s.cds()),
                        results.availability(),
                        results.bestRateWithinTarget(),
                        results.orders(),
                        results.burst(),
                        results.audit(),
                        results.sse(),
                        results.capacity());
            }
            Files.writeString(options.out().resolve("results.json"), json(results));
            Files.writeString(options.out().resolve("latency.html"), html(results));
            return results;
        } finally {
            stop(child[0]);
            closeQuietly(db[0]);
            LocalMachine.deleteRecursively(dataDir[0]);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already and stops the child itself
            }
        }
    }

    Results phases(String mode, Startup startup, BenchDatabase db) throws Exception {
        checkoutToken = mintCheckout();
        List<AvailabilityStep> steps = new ArrayList<>();
        int best = 0;
        CapacityProbe.Capacity capacity;
        if (startup != null) {
            awaitReplica(Duration.ofMinutes(10));
        }
        try (LoadGenerator load = new LoadGenerator(URI.create(options.url()), options.connections())) {
            generator = load;
            availabilityWarmUp();
            int over = 0;
            for (int rate : options.rates()) {
                AvailabilityStep step = availabilityStep(rate, options.stepDuration());
                steps.add(step);
                boolean within = step.p99Ms() <= P99_TARGET_MS && step.errors() == 0;
                if (within) {
                    best = rate;
                } else {
                    over++;
                }
                if (over >= options.stopAfterMisses() || step.errors() > step.sent() / 100) {
                    break;
                }
            }
            capacity = availabilityCapacity();
        } finally {
            generator = null;
        }
        Instant ordersFrom = db == null ? null : db.now();
        OrderThroughput orders = orderThroughput(db);
        Burst burst = burst();
        BenchDatabase.Audit audit = db == null ? null : db.audit(ordersFrom, burst.sku(), burst.created());
        SsePhase.Result sse =
                db == null || options.sse() == null ? null : new SsePhase(this, db, options.sse(), appPid).run();
        return new Results(mode, Instant.now(), startup, steps, best, orders, burst, audit, sse, capacity);
    }

    // ---------------------------------------------------------------- availability, open loop

    /** One call of an open-loop schedule: the i-th, due at {@code intendedNanos}. */
    interface PacedCall {
        void send(long i, long intendedNanos);
    }

    /**
     * Makes {@code total} calls, the i-th at start + i × {@code intervalNanos} (never earlier),
     * each after taking a permit of {@code inFlight} that the call gives back when it completes;
     * returns the start.
     */
    static long pace(long total, long intervalNanos, Semaphore inFlight, PacedCall call) throws InterruptedException {
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long intended = start + i * intervalNanos;
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            inFlight.acquire();
            call.send(i, intended);
        }
        return start;
    }

    /**
     * The warm-up: a rate rising to {@code options.warmupRate()} over {@code options.warmup()}, long
     * enough for the app's JIT to compile the availability path before anything is measured.
     */
    LoadGenerator.Run availabilityWarmUp() throws InterruptedException {
        return generator.openLoop(
                LoadGenerator.Schedule.ramp(
                        Math.max(1, options.warmupRate() / 10), options.warmupRate(), options.warmup()),
                maxOutstanding(),
                this::availabilityCall,
                Duration.ofSeconds(30));
    }

    AvailabilityStep availabilityStep(int rate, Duration duration) throws InterruptedException {
        long appCpu0 = appCpuTicks();
        LoadGenerator.Run run = generator.openLoop(
                LoadGenerator.Schedule.constant(rate, duration),
                maxOutstanding(),
                this::availabilityCall,
                Duration.ofSeconds(30));
        long appCpu = appCpuTicks() - appCpu0;
        if (!run.errorKinds().isEmpty()) {
            System.out.println("availability at " + rate + " req/s, errors by kind: " + run.errorKinds());
        }
        return new AvailabilityStep(
                rate,
                run.perSecond(),
                run.sent(),
                run.ok(),
                run.errors(),
                run.ms(50),
                run.ms(90),
                run.ms(99),
                run.maxMs(),
                run.generatorCpuSeconds() / run.seconds(),
                appCpu0 < 0 ? Double.NaN : appCpu / 100.0 / run.seconds());
    }

    /** Open-loop calls not yet answered before the pacer waits: far more than a healthy step needs. */
    private int maxOutstanding() {
        return options.connections() * 64;
    }

    private LoadGenerator.Call availabilityCall() {
        return new LoadGenerator.Call("/v1/availability", checkoutToken, availabilityBody());
    }

    /** The app's CPU time in clock ticks (100 a second on Linux), or -1 when it is not our child. */
    long appCpuTicks() {
        if (appPid < 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + appPid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException unreadable) {
            return -1;
        }
    }

    /** Availability against {@code /q/health/live} of the same app, closed loop, one after the other. */
    CapacityProbe.Capacity availabilityCapacity() throws InterruptedException {
        LoadGenerator.Call live = new LoadGenerator.Call("/q/health/live", null, null);
        return CapacityProbe.measure(
                generator,
                this::availabilityCall,
                () -> live,
                Math.min(64, options.connections()),
                options.stepDuration());
    }

    String availabilityBody() {
        int lines = 1 + random.nextInt(10);
        StringBuilder body = new StringBuilder("{\"lines\":[");
        List<Integer> chosen = new ArrayList<>();
        while (chosen.size() < Math.min(lines, options.skus().size())) {
            int sku = zipfIndex();
            if (!chosen.contains(sku)) {
                chosen.add(sku);
            }
        }
        for (int i = 0; i < chosen.size(); i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"sku\":\"")
                    .append(options.skus().get(chosen.get(i)))
                    .append("\",\"qty\":")
                    .append(1 + random.nextInt(2))
                    .append('}');
        }
        double[] at = destination();
        return body.append(String.format(
                        Locale.ROOT,
                        "],\"destination\":{\"lat\":%.5f,\"lon\":%.5f},\"maxLocations\":3,\"deadlineMs\":800}",
                        at[0],
                        at[1]))
                .toString();
    }

    private double[] destination() {
        double[] city =
                options.destinations().get(random.nextInt(options.destinations().size()));
        return new double[] {city[0] + random.nextDouble(-0.05, 0.05), city[1] + random.nextDouble(-0.05, 0.05)};
    }

    private int zipfIndex() {
        int found = Arrays.binarySearch(zipfCdf, random.nextDouble());
        return Math.min(zipfCdf.length - 1, found >= 0 ? found : -found - 1);
    }

    static double[] zipf(int n) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1.0 / (i + 1);
            cdf[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            cdf[i] /= sum;
        }
        return cdf;
    }

    // ---------------------------------------------------------------- orders

    /**
     * Closed loop: {@code orderClients} placements in flight at all times through the same
     * non-blocking generator as availability, each answer starting the next. First a warm-up of
     * {@code orderWarmup} (its orders are real and audited, not counted), so the app's JIT has
     * compiled the placement path before anything is measured: on 2 cores the rate kept rising for
     * about a minute of placements even after the availability phase had warmed the shared HTTP path.
     */
    OrderThroughput orderThroughput(BenchDatabase db) throws Exception {
        int clients = options.orderClients();
        WriteReference.Result reference = db == null ? null : WriteReference.run(db, clients, options.orderDuration());
        AtomicLong counter = new AtomicLong();
        int range = Math.min(options.skus().size(), 1_000);
        java.util.function.Supplier<LoadGenerator.Call> orders = () -> {
            long n = counter.getAndIncrement();
            String sku = options.skus().get((int) ((n * 7 + n / range) % range));
            double[] city =
                    options.destinations().get((int) (n % options.destinations().size()));
            return new LoadGenerator.Call(
                    "/v1/orders",
                    checkoutToken,
                    orderBody(sku, city),
                    UUID.randomUUID().toString());
        };
        LoadGenerator.Run run;
        try (LoadGenerator load = new LoadGenerator(URI.create(options.url()), clients)) {
            load.closedLoop(clients, options.orderWarmup(), orders);
            run = load.closedLoop(clients, options.orderDuration(), orders);
        }
        long refused = run.errorKinds().getOrDefault("HTTP 409", 0L);
        return new OrderThroughput(
                clients,
                run.seconds(),
                run.ok(),
                refused,
                run.errors() - refused,
                run.ms(50),
                run.ms(99),
                run.generatorCpuSeconds() / run.seconds(),
                reference);
    }

    static String orderBody(String sku, double[] destination) {
        return String.format(
                Locale.ROOT,
                "{\"method\":\"SHIP\",\"destination\":{\"lat\":%.5f,\"lon\":%.5f},"
                        + "\"shippingAddress\":{\"line1\":\"1 Bench Street\",\"city\":\"Bench\",\"country\":\"IT\"},"
                        + "\"lines\":[{\"sku\":\"%s\",\"qty\":1}]}",
                destination[0],
                destination[1],
                sku);
    }

    int placeOrder(String sku, double[] destination) {
        String body = orderBody(sku, destination);
        try {
            return http.send(
                            post(
                                    "/v1/orders",
                                    checkoutToken,
                                    body,
                                    UUID.randomUUID().toString()),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** A fresh SKU stocked only at the DC, so exactly U buyers can win whatever else the network holds. */
    Burst burst() throws Exception {
        int units = options.burstUnits();
        int buyers = units * 4;
        String sku = "BURST-" + UUID.randomUUID().toString().substring(0, 8);
        expect(200, send(post("/v1/skus", options.token(), "[{\"sku\":\"" + sku + "\",\"name\":\"Burst\"}]", null)));
        String adjustment = String.format(
                Locale.ROOT,
                "[{\"eventId\":\"%s\",\"locationId\":\"%s\",\"sku\":\"%s\",\"delta\":%d,\"reason\":\"RECEIPT\","
                        + "\"occurredAt\":\"%s\"}]",
                UUID.randomUUID(),
                options.dcId(),
                sku,
                units,
                Instant.now().minusSeconds(60));
        expect(200, send(post("/v1/inventory/adjustments", options.token(), adjustment, null)));
        double[] dc = locationPoint(options.dcId());
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(buyers, 64));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<long[]>> answers = new ArrayList<>();
        long start;
        try {
            for (int i = 0; i < buyers; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    int status = placeOrder(sku, dc);
                    return new long[] {status, System.nanoTime()};
                }));
            }
            start = System.nanoTime();
            go.countDown();
            long created = 0;
            long refused = 0;
            long errors = 0;
            long lastCreated = start;
            for (Future<long[]> answer : answers) {
                long[] statusAndTime = answer.get(5, TimeUnit.MINUTES);
                int status = (int) statusAndTime[0];
                if (status == 201) {
                    created++;
                    lastCreated = Math.max(lastCreated, statusAndTime[1]);
                } else if (status == 409) {
                    refused++;
                } else {
                    errors++;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Burst(
                    sku,
                    units,
                    buyers,
                    created,
                    refused,
                    errors,
                    seconds,
                    (lastCreated - start) / 1e9,
                    created == units && refused == buyers - units && errors == 0);
        } finally {
            pool.shutdownNow();
        }
    }

    private double[] locationPoint(String id) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(options.url() + "/v1/locations/" + id))
                .header("Authorization", "Bearer " + options.token())
                .timeout(Duration.ofSeconds(10))
                .build());
        expect(200, response);
        return new double[] {number(response.body(), "lat"), number(response.body(), "lon")};
    }

    private static double number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(-?[0-9.eE+-]+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + field + " in " + json);
        }
        return Double.parseDouble(m.group(1));
    }

    // ---------------------------------------------------------------- HTTP and the child process

    private String mintCheckout() throws Exception {
        return mint("{\"role\":\"checkout\",\"ttlSeconds\":3600}");
    }

    /**
     * Mints one token. Token minting is rate-limited per caller (200 a second by default), and the
     * SSE phase mints thousands from 8 threads: a 429 waits its {@code Retry-After} and tries again,
     * as a well-behaved client does.
     */
    private String mint(String body) throws Exception {
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> response = send(post("/v1/auth/tokens", options.token(), body, null));
            if (response.statusCode() == 429 && attempt < 60) {
                long seconds =
                        response.headers().firstValueAsLong("Retry-After").orElse(1);
                Thread.sleep(TimeUnit.SECONDS.toMillis(Math.max(1, seconds)));
                continue;
            }
            expect(200, response);
            return field(response.body(), "token");
        }
    }

    /** A string field of a JSON answer. */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    /** Work on one item that may fail. */
    interface Task<T> {
        void run(T item) throws Exception;
    }

    /** An order placed for a subscriber, with the token that opens its stream. */
    record PlacedOrder(String id, String token) {}

    String url() {
        return options.url();
    }

    String adminToken() {
        return options.token();
    }

    HttpClient http() {
        return http;
    }

    /** One token per key, minted in parallel. */
    Map<String, String> mintEach(List<String> keys, java.util.function.Function<String, String> body) throws Exception {
        Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();
        SsePhase.parallel(keys, 8, key -> tokens.put(key, mint(body.apply(key))));
        return tokens;
    }

    /** Creates {@code sku} and stocks {@code units} of it at every one of {@code locations}. */
    void stockEverywhere(String sku, List<String> locations, int units) throws Exception {
        expect(200, send(post("/v1/skus", options.token(), "[{\"sku\":\"" + sku + "\",\"name\":\"Bench\"}]", null)));
        String occurred = Instant.now().minusSeconds(60).toString();
        for (int from = 0; from < locations.size(); from += 5_000) {
            StringBuilder body = new StringBuilder("[");
            for (String location : locations.subList(from, Math.min(locations.size(), from + 5_000))) {
                body.append(body.length() > 1 ? "," : "")
                        .append(String.format(
                                Locale.ROOT,
                                "{\"eventId\":\"%s\",\"locationId\":\"%s\",\"sku\":\"%s\",\"delta\":%d,"
                                        + "\"reason\":\"RECEIPT\",\"occurredAt\":\"%s\"}",
                                UUID.randomUUID(),
                                location,
                                sku,
                                units,
                                occurred));
            }
            expect(
                    200,
                    send(post(
                            "/v1/inventory/adjustments",
                            options.token(),
                            body.append(']').toString(),
                            null)));
        }
    }

    /** A single-unit pickup order of {@code sku} at {@code store}, with a fresh idempotency key. */
    HttpRequest pickupOrder(String store, String sku) {
        return post(
                "/v1/orders",
                checkoutToken,
                "{\"method\":\"PICKUP\",\"locationId\":\"" + store + "\",\"lines\":[{\"sku\":\"" + sku
                        + "\",\"qty\":1}]}",
                UUID.randomUUID().toString());
    }

    /** {@code count} pickup orders spread over {@code stores}, placed in parallel. */
    List<PlacedOrder> placePickupOrders(List<String> stores, String sku, int count) throws Exception {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            indexes.add(i);
        }
        List<PlacedOrder> placed = java.util.Collections.synchronizedList(new ArrayList<>());
        SsePhase.parallel(indexes, 16, i -> {
            HttpResponse<String> response = send(pickupOrder(stores.get(i % stores.size()), sku));
            expect(201, response);
            placed.add(new PlacedOrder(field(response.body(), "id"), field(response.body(), "accessToken")));
        });
        return placed;
    }

    HttpRequest post(String path, String token, String body, String idempotencyKey) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(options.url() + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        return builder.build();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(
                    response.request().uri() + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /**
     * Waits until the app's ATP replica has loaded ({@code omnigate_atp_replica_ready 1}), so the
     * availability steps measure the steady state and not SQL reads during the background load;
     * prints how long that took.
     */
    void awaitReplica(Duration limit) throws Exception {
        long start = System.nanoTime();
        HttpRequest metrics = HttpRequest.newBuilder(URI.create(options.url() + "/q/metrics"))
                .timeout(Duration.ofSeconds(10))
                .build();
        while (System.nanoTime() - start < limit.toNanos()) {
            String body =
                    http.send(metrics, HttpResponse.BodyHandlers.ofString()).body();
            if (body.contains("\nomnigate_atp_replica_ready 1")) {
                System.out.printf(
                        Locale.ROOT, "ATP replica loaded %.1f s after readiness%n", (System.nanoTime() - start) / 1e9);
                return;
            }
            Thread.sleep(500);
        }
        System.out.println("ATP replica not loaded after " + limit + "; availability measured on SQL reads");
    }

    void awaitReady(String url, Process process, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2))
                .build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("omnigate exited with " + process.exitValue() + "; see its log");
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("omnigate not ready within " + limit);
    }

    private static Process start(
            Options options, BenchDatabase.Target db, Path data, int port, String name, List<String> jvmOptions)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Domnigate.demo.network=" + options.network());
        command.add("-Domnigate.data-dir=" + data);
        command.add("-Dquarkus.http.port=" + port);
        command.addAll(db.appProperties());
        command.add("-jar");
        command.add(options.jar().toString());
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(options.out().resolve("app-" + name + ".log").toFile())
                .start();
    }

    private static void stop(Process process) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(BenchDatabase db) {
        if (db == null) {
            return;
        }
        try {
            db.close();
        } catch (IOException e) {
            System.err.println("the benchmark's PostgreSQL did not stop cleanly: " + e.getMessage());
        }
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException unreadable) {
            return -1;
        }
        return -1;
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    // ---------------------------------------------------------------- report

    /** The table of each figure against its DESIGN.md §6 target. */
    public static String table(Results r) {
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "%nomnigate benchmark (%s) %s%n%n", r.mode(), r.at()));
        t.append(String.format(
                Locale.ROOT,
                "availability, open loop (after a warm-up ramp):%n%8s %10s %8s %7s %9s %9s %9s %9s %9s %9s%n",
                "offered",
                "achieved",
                "sent",
                "errors",
                "p50 ms",
                "p90 ms",
                "p99 ms",
                "max ms",
                "gen cpu",
                "app cpu"));
        for (AvailabilityStep s : r.availability()) {
            t.append(String.format(
                    Locale.ROOT,
                    "%8d %10.1f %8d %7d %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f%n",
                    s.offeredRate(),
                    s.achievedRate(),
                    s.sent(),
                    s.errors(),
                    s.p50Ms(),
                    s.p90Ms(),
                    s.p99Ms(),
                    s.maxMs(),
                    s.generatorCores(),
                    s.appCores()));
        }
        t.append(
                String.format(Locale.ROOT, "%n%-38s | %-62s | %-34s | %s%n", "what", "measured", "target (§6)", "met"));
        t.append("-".repeat(144)).append('\n');
        row(
                t,
                "availability, highest rate p99<=25ms",
                r.bestRateWithinTarget() + " req/s",
                "p99 <= 25 ms at 5,000 req/s",
                r.bestRateWithinTarget() >= 5_000);
        CapacityProbe.Capacity c = r.capacity();
        if (c != null) {
            row(
                    t,
                    "availability / health/live, same run",
                    String.format(
                            Locale.ROOT,
                            "%.2f (%.0f vs %.0f req/s, %d in flight, p99 %.1f vs %.1f ms, %d err)",
                            c.ratio(),
                            c.availabilityPerSecond(),
                            c.livePerSecond(),
                            c.inFlight(),
                            c.availabilityP99Ms(),
                            c.liveP99Ms(),
                            c.availabilityErrors()),
                    "ratio, for noisy machines",
                    c.availabilityErrors() == 0);
            row(
                    t,
                    "load generator capacity (health/live)",
                    String.format(
                            Locale.ROOT,
                            "%.0f req/s, generator JVM %.2f cores%s",
                            c.livePerSecond(),
                            c.liveGeneratorCores(),
                            c.generatorHasHeadroom()
                                    ? ""
                                    : c.liveGeneratorCores() >= CapacityProbe.GENERATOR_BUSY_CORES
                                            ? ": THE GENERATOR WAS THE LIMIT"
                                            : ": below headroom, the app and the shared cores were the limit"),
                    String.format(Locale.ROOT, ">= %.0f req/s (headroom)", CapacityProbe.GENERATOR_HEADROOM_PER_SECOND),
                    c.generatorHasHeadroom());
        }
        OrderThroughput o = r.orders();
        row(
                t,
                "order placement (closed loop)",
                String.format(
                        Locale.ROOT,
                        "%.0f orders/s (%d clients, %d 201, %d 409, %d err, p99 %.0f ms, gen %.2f cores)",
                        o.createdPerSecond(),
                        o.clients(),
                        o.created(),
                        o.refused(),
                        o.errors(),
                        o.p99Ms(),
                        o.generatorCores()),
                ">= 1,000 orders/s",
                o.createdPerSecond() >= 1_000);
        if (o.reference() != null) {
            row(
                    t,
                    "  ratio to the write reference",
                    String.format(
                            Locale.ROOT,
                            "%.2f (reference %.0f tx/s, %d clients, p99 %.1f ms)",
                            o.referenceRatio(),
                            o.reference().perSecond(),
                            o.reference().clients(),
                            o.reference().p99Ms()),
                    "same run, same PostgreSQL",
                    true);
        }
        Burst b = r.burst();
        row(
                t,
                "hot-SKU burst, oversell audit",
                String.format(
                        Locale.ROOT,
                        "%d units, %d buyers: %d 201, %d 409, %d err; %.0f sold/s to the last answer,"
                                + " %.0f sold/s to the last sale",
                        b.units(),
                        b.buyers(),
                        b.created(),
                        b.refused(),
                        b.errors(),
                        b.createdPerSecond(),
                        b.createdPerSecondUntilSoldOut()),
                "zero oversell",
                b.noOversell());
        if (r.startup() != null) {
            Startup s = r.startup();
            row(
                    t,
                    "start-up to ready (second start)",
                    s.secondReadyMs() + " ms" + (s.cds() ? " with CDS archive" : " without CDS archive")
                            + " (first, with load: " + s.firstReadyMs() + " ms)",
                    "<= 2 s against a running database",
                    s.secondReadyMs() <= 2_000);
            t.append(String.format(
                    Locale.ROOT,
                    "%-38s | %-62s | %-34s | %s%n",
                    "RSS idle / after load",
                    s.idleRssKb() / 1024 + " MiB / " + s.rssAfterLoadKb() / 1024 + " MiB",
                    "",
                    ""));
        } else {
            t.append(String.format(
                    Locale.ROOT,
                    "%-38s | %-62s | %-34s | %s%n",
                    "start-up to ready",
                    "not measured: --url drives a running instance",
                    "<= 3 s against a running database",
                    ""));
        }
        BenchDatabase.Audit a = r.audit();
        if (a == null) {
            unmeasured(t, "counter audit (SQL)", "not measured: no database access (--db-url)", "counters consistent");
        } else {
            row(
                    t,
                    "counter audit (SQL), rows touched",
                    String.format(
                            Locale.ROOT,
                            "%d rows: %d on_hand<0, %d reserved<0, %d reserved<>live reservations",
                            a.rows(),
                            a.negativeOnHand(),
                            a.negativeReserved(),
                            a.reservedMismatch()),
                    "all 0",
                    a.passed());
            row(
                    t,
                    "hot SKU units taken vs stocked (SQL)",
                    String.format(
                            Locale.ROOT,
                            "%d taken of %d stocked (%d orders 201)",
                            a.hotTaken(),
                            a.hotStocked(),
                            a.hotCreated()),
                    "taken <= stocked, = 201s",
                    !a.hotOversold());
        }
        SsePhase.Result e = r.sse();
        if (e == null) {
            unmeasured(t, "SSE", "not measured: needs database access (--db-url)", "10k subscribers, p99 <= 100 ms");
        } else {
            row(
                    t,
                    "SSE subscribers open on one instance",
                    String.format(
                            Locale.ROOT,
                            "%d of %d (%d location over %d stores, %d order), %.1f s to open",
                            e.opened(),
                            e.subscribers(),
                            e.locationStreams(),
                            e.stores(),
                            e.orderStreams(),
                            e.openSeconds()),
                    "10,000",
                    e.opened() >= 10_000);
            row(
                    t,
                    "SSE event rate achieved",
                    String.format(
                            Locale.ROOT,
                            "%.0f events/s (%d events in %.1f s; %d placed, %d transitions, %d cancelled, %d err)",
                            e.achievedEventsPerSecond(),
                            e.eventsInWindow(),
                            e.windowSeconds(),
                            e.placed(),
                            e.transitions(),
                            e.cancelled(),
                            e.operationErrors()),
                    "500 events/s",
                    e.achievedEventsPerSecond() >= 500 * 0.95);
            row(
                    t,
                    "SSE commit-to-client latency",
                    String.format(
                            Locale.ROOT,
                            "p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d frames",
                            e.p50Ms(),
                            e.p99Ms(),
                            e.maxMs(),
                            e.framesReceived()),
                    "p99 <= 100 ms",
                    e.p99Ms() <= SSE_P99_TARGET_MS);
            row(
                    t,
                    "SSE events lost / duplicated / dropped",
                    String.format(
                            Locale.ROOT,
                            "%d lost of %d expected, %d duplicates, %d subscribers dropped",
                            e.lost(),
                            e.framesExpected(),
                            e.duplicates(),
                            e.dropped()),
                    "0 lost",
                    e.lost() == 0 && e.duplicates() == 0 && e.dropped() == 0);
            row(
                    t,
                    "SSE app heap used (max sampled)",
                    String.format(
                            Locale.ROOT,
                            "%d MiB (RSS max %s; relay lag p99 %.0f ms; %d streams by gauge)",
                            e.heapMaxBytes() >> 20,
                            e.rssMaxKb() > 0 ? e.rssMaxKb() / 1024 + " MiB" : "n/a",
                            e.serverLagP99Ms(),
                            e.serverStreamsMax()),
                    "<= 1 GiB",
                    e.heapMaxBytes() > 0 && e.heapMaxBytes() <= HEAP_TARGET_BYTES);
            SsePhase.Pipeline p = e.pipeline();
            row(
                    t,
                    "SSE stream path alone (SQL writes)",
                    String.format(
                            Locale.ROOT,
                            "%.0f events/s: p50 %.1f ms, p99 %.1f ms, max %.1f ms; %d lost of %d, %d duplicates",
                            p.achievedEventsPerSecond(),
                            p.p50Ms(),
                            p.p99Ms(),
                            p.maxMs(),
                            p.lost(),
                            p.framesExpected(),
                            p.duplicates()),
                    "p99 <= 100 ms at 500 events/s",
                    p.p99Ms() <= SSE_P99_TARGET_MS
                            && p.achievedEventsPerSecond() >= 500 * 0.95
                            && p.lost() == 0
                            && p.duplicates() == 0);
        }
        return t.toString();
    }

    private static void unmeasured(StringBuilder t, String what, String why, String target) {
        t.append(String.format(Locale.ROOT, "%-38s | %-62s | %-34s | %s%n", what, why, target, ""));
    }

    private static void row(StringBuilder t, String what, String measured, String target, boolean met) {
        t.append(
                String.format(Locale.ROOT, "%-38s | %-62s | %-34s | %s%n", what, measured, target, met ? "yes" : "NO"));
    }

    /** A JSON number with three decimals, or null for NaN. */
    private static String number(double value) {
        return Double.isNaN(value) ? "null" : String.format(Locale.ROOT, "%.3f", value);
    }

    static String json(Results r) {
        StringBuilder j = new StringBuilder("{\n");
        j.append("  \"mode\": \"").append(r.mode()).append("\",\n");
        j.append("  \"at\": \"").append(r.at()).append("\",\n");
        Startup s = r.startup();
        j.append("  \"startup\": ")
                .append(
                        s == null
                                ? "null"
                                : String.format(
                                        Locale.ROOT,
                                        "{\"firstReadyMs\": %d, \"secondReadyMs\": %d, \"idleRssKb\": %d,"
                                                + " \"rssAfterLoadKb\": %d, \"cds\": %b}",
                                        s.firstReadyMs(),
                                        s.secondReadyMs(),
                                        s.idleRssKb(),
                                        s.rssAfterLoadKb(),
                                        s.cds()))
                .append(",\n  \"availability\": [\n");
        for (int i = 0; i < r.availability().size(); i++) {
            AvailabilityStep a = r.availability().get(i);
            j.append(String.format(
                    Locale.ROOT,
                    "    {\"offeredRate\": %d, \"achievedRate\": %.2f, \"sent\": %d, \"ok\": %d, \"errors\": %d,"
                            + " \"p50Ms\": %.3f, \"p90Ms\": %.3f, \"p99Ms\": %.3f, \"maxMs\": %.3f,"
                            + " \"generatorCores\": %s, \"appCores\": %s}%s%n",
                    a.offeredRate(),
                    a.achievedRate(),
                    a.sent(),
                    a.ok(),
                    a.errors(),
                    a.p50Ms(),
                    a.p90Ms(),
                    a.p99Ms(),
                    a.maxMs(),
                    number(a.generatorCores()),
                    number(a.appCores()),
                    i + 1 < r.availability().size() ? "," : ""));
        }
        OrderThroughput o = r.orders();
        Burst b = r.burst();
        j.append("  ],\n  \"bestRateWithinTarget\": ")
                .append(r.bestRateWithinTarget())
                .append(",\n");
        CapacityProbe.Capacity c = r.capacity();
        if (c != null) {
            j.append(String.format(
                    Locale.ROOT,
                    "  \"availabilityCapacity\": {\"inFlight\": %d, \"seconds\": %.1f, \"availabilityPerSecond\": %.2f,"
                            + " \"availabilityP99Ms\": %.3f, \"availabilityErrors\": %d, \"livePerSecond\": %.2f,"
                            + " \"liveP99Ms\": %.3f, \"ratio\": %.4f, \"liveGeneratorCores\": %.3f,"
                            + " \"generatorHasHeadroom\": %b},%n",
                    c.inFlight(),
                    c.seconds(),
                    c.availabilityPerSecond(),
                    c.availabilityP99Ms(),
                    c.availabilityErrors(),
                    c.livePerSecond(),
                    c.liveP99Ms(),
                    c.ratio(),
                    c.liveGeneratorCores(),
                    c.generatorHasHeadroom()));
        }
        j.append(String.format(
                Locale.ROOT,
                "  \"orders\": {\"clients\": %d, \"seconds\": %.3f, \"created\": %d, \"refused\": %d, \"errors\": %d,"
                        + " \"createdPerSecond\": %.2f, \"p50Ms\": %.3f, \"p99Ms\": %.3f, \"generatorCores\": %.3f,"
                        + " \"reference\": %s},%n",
                o.clients(),
                o.seconds(),
                o.created(),
                o.refused(),
                o.errors(),
                o.createdPerSecond(),
                o.p50Ms(),
                o.p99Ms(),
                o.generatorCores(),
                referenceJson(o)));
        j.append(String.format(
                Locale.ROOT,
                "  \"burst\": {\"sku\": \"%s\", \"units\": %d, \"buyers\": %d, \"created\": %d, \"refused\": %d,"
                        + " \"errors\": %d, \"seconds\": %.3f, \"createdPerSecond\": %.2f,"
                        + " \"soldOutSeconds\": %.3f, \"createdPerSecondUntilSoldOut\": %.2f, \"noOversell\": %b},%n",
                b.sku(),
                b.units(),
                b.buyers(),
                b.created(),
                b.refused(),
                b.errors(),
                b.seconds(),
                b.createdPerSecond(),
                b.soldOutSeconds(),
                b.createdPerSecondUntilSoldOut(),
                b.noOversell()));
        BenchDatabase.Audit a = r.audit();
        j.append("  \"audit\": ")
                .append(
                        a == null
                                ? "null"
                                : String.format(
                                        Locale.ROOT,
                                        "{\"rows\": %d, \"negativeOnHand\": %d, \"negativeReserved\": %d,"
                                                + " \"reservedMismatch\": %d, \"reservedUnits\": %d, \"hotSku\": \"%s\","
                                                + " \"hotStocked\": %d, \"hotTaken\": %d, \"hotCreated\": %d, \"passed\": %b}",
                                        a.rows(),
                                        a.negativeOnHand(),
                                        a.negativeReserved(),
                                        a.reservedMismatch(),
                                        a.reservedUnits(),
                                        a.hotSku(),
                                        a.hotStocked(),
                                        a.hotTaken(),
                                        a.hotCreated(),
                                        a.passed()))
                .append(",\n");
        SsePhase.Result e = r.sse();
        j.append("  \"sse\": ")
                .append(
                        e == null
                                ? "null"
                                : String.format(
                                        Locale.ROOT,
                                        "{\"subscribers\": %d, \"opened\": %d, \"locationStreams\": %d, \"orderStreams\": %d,"
                                                + " \"stores\": %d, \"openSeconds\": %.3f, \"targetEventsPerSecond\": %d,"
                                                + " \"windowSeconds\": %.3f, \"eventsInWindow\": %d,"
                                                + " \"achievedEventsPerSecond\": %.2f, \"placed\": %d, \"transitions\": %d,"
                                                + " \"cancelled\": %d,"
                                                + " \"operationErrors\": %d, \"framesExpected\": %d, \"framesReceived\": %d,"
                                                + " \"lost\": %d, \"duplicates\": %d, \"dropped\": %d, \"p50Ms\": %.3f,"
                                                + " \"p99Ms\": %.3f, \"maxMs\": %.3f, \"heapMaxBytes\": %d, \"rssMaxKb\": %d,"
                                                + " \"serverLagP99Ms\": %.3f, \"serverStreamsMax\": %d,"
                                                + " \"pipeline\": {\"achievedEventsPerSecond\": %.2f, \"events\": %d,"
                                                + " \"framesExpected\": %d, \"lost\": %d, \"duplicates\": %d, \"p50Ms\": %.3f,"
                                                + " \"p99Ms\": %.3f, \"maxMs\": %.3f}}",
                                        e.subscribers(),
                                        e.opened(),
                                        e.locationStreams(),
                                        e.orderStreams(),
                                        e.stores(),
                                        e.openSeconds(),
                                        e.targetEventsPerSecond(),
                                        e.windowSeconds(),
                                        e.eventsInWindow(),
                                        e.achievedEventsPerSecond(),
                                        e.placed(),
                                        e.transitions(),
                                        e.cancelled(),
                                        e.operationErrors(),
                                        e.framesExpected(),
                                        e.framesReceived(),
                                        e.lost(),
                                        e.duplicates(),
                                        e.dropped(),
                                        e.p50Ms(),
                                        e.p99Ms(),
                                        e.maxMs(),
                                        e.heapMaxBytes(),
                                        e.rssMaxKb(),
                                        e.serverLagP99Ms(),
                                        e.serverStreamsMax(),
                                        e.pipeline().achievedEventsPerSecond(),
                                        e.pipeline().events(),
                                        e.pipeline().framesExpected(),
                                        e.pipeline().lost(),
                                        e.pipeline().duplicates(),
                                        e.pipeline().p50Ms(),
                                        e.pipeline().p99Ms(),
                                        e.pipeline().maxMs()))
                .append("\n}\n");
        return j.toString();
    }

    private static String referenceJson(OrderThroughput o) {
        WriteReference.Result w = o.reference();
        if (w == null) {
            return "null";
        }
        return String.format(
                Locale.ROOT,
                "{\"clients\": %d, \"seconds\": %.3f, \"transactions\": %d, \"perSecond\": %.2f,"
                        + " \"p50Ms\": %.3f, \"p99Ms\": %.3f, \"ordersPerReferenceTransaction\": %.4f}",
                w.clients(),
                w.seconds(),
                w.transactions(),
                w.perSecond(),
                w.p50Ms(),
                w.p99Ms(),
                o.referenceRatio());
    }

    static String html(Results r) {
        int w = 720;
        int h = 400;
        int pad = 60;
        List<AvailabilityStep> steps = r.availability();
        double maxRate =
                steps.stream().mapToInt(AvailabilityStep::offeredRate).max().orElse(1);
        double maxMs = Math.max(
                P99_TARGET_MS * 1.2,
                steps.stream().mapToDouble(AvailabilityStep::p99Ms).max().orElse(1));
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\">%n", w, h));
        svg.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                pad,
                h - pad,
                w - pad,
                h - pad,
                pad,
                pad,
                pad,
                h - pad));
        double targetY = y(P99_TARGET_MS, maxMs, h, pad);
        svg.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"gray\" stroke-dasharray=\"4\"/>"
                        + "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" fill=\"gray\">p99 target 25 ms</text>%n",
                pad,
                targetY,
                w - pad,
                targetY,
                w - pad - 100,
                targetY - 4));
        for (Map.Entry<String, String> series : List.of(Map.entry("p50", "#1f77b4"), Map.entry("p99", "#d62728"))) {
            StringBuilder points = new StringBuilder();
            for (AvailabilityStep s : steps) {
                double x = pad + (w - 2.0 * pad) * s.offeredRate() / maxRate;
                double value = series.getKey().equals("p50") ? s.p50Ms() : s.p99Ms();
                double yy = y(value, maxMs, h, pad);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, yy));
                svg.append(String.format(
                        Locale.ROOT,
                        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s %d req/s: %.2f ms</title></circle>%n",
                        x,
                        yy,
                        series.getValue(),
                        series.getKey(),
                        s.offeredRate(),
                        value));
            }
            svg.append(String.format(
                    Locale.ROOT,
                    "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
                    series.getValue(),
                    points.toString().strip()));
        }
        for (AvailabilityStep s : steps) {
            double x = pad + (w - 2.0 * pad) * s.offeredRate() / maxRate;
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%d</text>%n",
                    x,
                    h - pad + 16,
                    s.offeredRate()));
        }
        for (int i = 0; i <= 4; i++) {
            double v = maxMs * i / 4;
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%.0f</text>%n",
                    pad - 6,
                    y(v, maxMs, h, pad) + 4,
                    v));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">offered rate (req/s)</text>"
                        + "<text x=\"14\" y=\"%d\" font-size=\"12\" transform=\"rotate(-90 14 %d)\" text-anchor=\"middle\">latency (ms)</text>%n"
                        + "<text x=\"%d\" y=\"20\" font-size=\"12\" fill=\"#1f77b4\">p50</text><text x=\"%d\" y=\"20\" font-size=\"12\" fill=\"#d62728\">p99</text>%n",
                w / 2,
                h - 16,
                h / 2,
                h / 2,
                pad + 10,
                pad + 50));
        svg.append("</svg>\n");
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>omnigate availability latency</title></head>"
                + "<body style=\"font-family:sans-serif\">\n<h1>omnigate availability latency (" + r.mode() + ", "
                + r.at()
                + ")</h1>\n<p>Open loop, latency from the intended send time. Highest rate with p99 &le; 25 ms: "
                + r.bestRateWithinTarget() + " req/s.</p>\n" + svg + "<pre>" + table(r).replace("<", "&lt;")
                + "</pre>\n</body></html>\n";
    }

    private static double y(double ms, double maxMs, int h, int pad) {
        return h - pad - (h - 2.0 * pad) * ms / maxMs;
    }

    static List<String> catalogue(int size) {
        List<String> skus = new ArrayList<>(size);
        for (int i = 1; i <= size; i++) {
            skus.add(String.format(Locale.ROOT, "SKU-%05d", i));
        }
        return skus;
    }
}
