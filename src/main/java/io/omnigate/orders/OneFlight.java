package io.omnigate.orders;

import io.smallrye.mutiny.CompositeException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A transaction sent as one flight: {@code BEGIN}, its statements and {@code COMMIT} leave
 * together on one connection and the caller waits once, so a row lock taken by a statement is
 * held only for the server's own time to the commit, not for round trips and the event loop's
 * queue. Nothing can look at an answer before the commit, so each statement must abort the
 * transaction itself when it falls short (a constraint, or {@code omnigate_require}, V18_1), and
 * each must be one statement sent at once (nothing chained on its answer). {@code COMMIT} on an
 * aborted transaction rolls it back; the flight then fails with the first statement's error. A
 * deadlock or serialization failure sends the whole flight again, as {@link OrderRepository#inTransaction} does.
 */
final class OneFlight {

    /** "current transaction is aborted": what the statements after the failing one answer. */
    private static final String ABORTED = "25P02";

    private OneFlight() {}

    static Uni<Void> run(Pool pool, Function<SqlConnection, List<Uni<?>>> statements) {
        return pool.withConnection(conn -> {
                    List<Uni<?>> flight = new ArrayList<>();
                    flight.add(conn.query("begin").execute());
                    flight.addAll(statements.apply(conn));
                    flight.add(conn.query("commit").execute());
                    return Uni.combine()
                            .all()
                            .unis(flight)
                            .collectFailures()
                            .discardItems()
                            .onFailure()
                            .transform(OneFlight::firstCause);
                })
                .onFailure(OrderRepository::retryable)
                .retry()
                .withBackOff(Duration.ofMillis(5), Duration.ofMillis(50))
                .atMost(3);
    }

    /** The error of the statement that aborted the flight, not the ones that followed it. */
    static Throwable firstCause(Throwable failure) {
        List<Throwable> causes =
                failure instanceof CompositeException composite ? composite.getCauses() : List.of(failure);
        for (Throwable cause : causes) {
            if (!(cause instanceof PgException pg && ABORTED.equals(pg.getSqlState()))) {
                return cause;
            }
        }
        return causes.get(0);
    }
}
