package io.omnigate.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The order phase's yardstick, measured in the same run against the same PostgreSQL: a
 * pgbench-like closed loop over JDBC, each transaction one guarded one-row UPDATE and one INSERT
 * then a commit, with as many clients as the order phase. Orders/s divided by its transactions/s
 * says how close placement comes to the cheapest write transaction the database does on this
 * machine right now, a figure that survives a noisy, shared machine better than orders/s alone.
 */
final class WriteReference {

    /** What the loop did. */
    record Result(int clients, double seconds, long transactions, double p50Ms, double p99Ms) {

        double perSecond() {
            return transactions / seconds;
        }
    }

    /** Rows the updates spread over (pgbench's 100,000 accounts of scale 1). */
    static final int ROWS = 100_000;

    private static final String CREATE = "create table if not exists omnigate_bench_account"
            + " (id int primary key, balance bigint not null);"
            + " create table if not exists omnigate_bench_history"
            + " (id bigserial primary key, account int not null, delta int not null, at timestamptz not null default now());"
            + " truncate omnigate_bench_account, omnigate_bench_history;"
            + " insert into omnigate_bench_account select n, 1000000 from generate_series(1, " + ROWS + ") n";

    private static final String DROP = "drop table if exists omnigate_bench_account, omnigate_bench_history";

    private WriteReference() {}

    /**
     * Runs the loop for {@code duration} with {@code clients} connections, on two tables of its own
     * (logged, like the app's) that it drops afterwards.
     */
    static Result run(BenchDatabase db, int clients, Duration duration) throws Exception {
        try (Connection setup = db.newConnection();
                Statement statement = setup.createStatement()) {
            statement.execute(CREATE);
        }
        try {
            return loop(db, clients, duration);
        } finally {
            try (Connection cleanup = db.newConnection();
                    Statement statement = cleanup.createStatement()) {
                statement.execute(DROP);
            }
        }
    }

    private static Result loop(BenchDatabase db, int clients, Duration duration) throws Exception {
        Histogram histogram = new Histogram(TimeUnit.MINUTES.toMicros(2), 3);
        AtomicLong done = new AtomicLong();
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                running.add(threads.submit(() -> {
                    client(db, client, end, histogram, done);
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        synchronized (histogram) {
            return new Result(
                    clients,
                    seconds,
                    done.get(),
                    histogram.getValueAtPercentile(50) / 1000.0,
                    histogram.getValueAtPercentile(99) / 1000.0);
        }
    }

    private static void client(BenchDatabase db, int client, long end, Histogram histogram, AtomicLong done)
            throws SQLException {
        SplittableRandom random = new SplittableRandom(client);
        try (Connection conn = db.newConnection();
                PreparedStatement update = conn.prepareStatement(
                        "update omnigate_bench_account set balance = balance + ? where id = ? and balance + ? >= 0");
                PreparedStatement insert =
                        conn.prepareStatement("insert into omnigate_bench_history (account, delta) values (?, ?)")) {
            conn.setAutoCommit(false);
            while (System.nanoTime() < end) {
                int account = 1 + random.nextInt(ROWS);
                int delta = random.nextInt(-5000, 5001);
                long sent = System.nanoTime();
                update.setInt(1, delta);
                update.setInt(2, account);
                update.setInt(3, delta);
                update.executeUpdate();
                insert.setInt(1, account);
                insert.setInt(2, delta);
                insert.executeUpdate();
                conn.commit();
                synchronized (histogram) {
                    histogram.recordValue(Math.min((System.nanoTime() - sent) / 1_000, 120_000_000L));
                }
                done.incrementAndGet();
            }
        }
    }
}
