package io.omnigate.events;

import io.omnigate.platform.DatabaseAddress;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;

/**
 * The relay's own PostgreSQL connection, outside the request pool so events keep flowing when
 * requests hold every pooled connection. One pass runs at a time, so one connection is enough; a
 * pass that hangs gets the connection closed ({@link #reset()}) and the next pass opens a new one.
 */
@ApplicationScoped
public class RelayConnection {

    /** Shown in {@code pg_stat_activity.application_name}. */
    public static final String APPLICATION_NAME = "omnigate-relay";

    private static final String PASS = "select * from omnigate_relay_pass($1, $2)";

    private final Vertx vertx;
    private final PgConnectOptions options;
    private volatile Uni<PgConnection> connection;

    RelayConnection(Vertx vertx, DatabaseAddress database, EventsConfig config) {
        this.vertx = vertx;
        String timeout = Long.toString(config.passTimeout().toMillis());
        this.options = database.connectOptions().setTcpKeepAlive(true);
        this.options
                .addProperty("application_name", APPLICATION_NAME)
                .addProperty("statement_timeout", timeout)
                .addProperty("lock_timeout", timeout)
                .addProperty("idle_in_transaction_session_timeout", timeout);
    }

    /**
     * One relay pass in one round trip: numbers what is committed and unnumbered, then returns the
     * numbered events after {@code after}, in order, at most {@code batch} (V9 migration). The rows
     * arrive once the numbering has committed.
     */
    Uni<List<OutboxEvent>> pass(long after, int batch) {
        return connection()
                .chain(conn -> conn.preparedQuery(PASS).execute(Tuple.of(after, batch)))
                .map(RelayConnection::events);
    }

    /** Closes the connection (a pass on it hung or failed); the next pass opens a new one. */
    void reset() {
        Uni<PgConnection> current = connection;
        connection = null;
        if (current != null) {
            current.subscribe().with(PgConnection::closeAndForget, failure -> {});
        }
    }

    void close(@Observes ShutdownEvent event) {
        reset();
    }

    private Uni<PgConnection> connection() {
        Uni<PgConnection> current = connection;
        if (current == null) {
            current = PgConnection.connect(vertx, options).memoize().indefinitely();
            connection = current;
        }
        return current;
    }

    private static List<OutboxEvent> events(RowSet<Row> rows) {
        List<OutboxEvent> events = new ArrayList<>(rows.size());
        for (Row row : rows) {
            events.add(OutboxEvent.of(row));
        }
        return events;
    }
}
