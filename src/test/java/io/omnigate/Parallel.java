package io.omnigate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Real parallel requests: calls on a pool of threads, all released at one moment. */
public final class Parallel {

    private Parallel() {}

    /** The same call from {@code threads} threads at once. */
    public static <T> List<T> run(int threads, Callable<T> call) throws Exception {
        return all(threads, Collections.nCopies(threads, call), Duration.ofMinutes(2));
    }

    /** Every call on a pool of {@code threads}, released together; their results in order, each within {@code timeout}. */
    public static <T> List<T> all(int threads, List<Callable<T>> calls, Duration timeout) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
