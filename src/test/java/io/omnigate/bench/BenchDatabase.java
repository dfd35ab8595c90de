package io.omnigate.bench;

import io.omnigate.platform.EmbeddedPostgresServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's own view of the database: it starts an embedded PostgreSQL for the app when no
 * URL is given, and reads the tables directly for the counter audit and for what each SSE stream
 * should have received. Read-only against the app's data.
 */
final class BenchDatabase implements AutoCloseable {

    /** Where the app's datasource points: {@code postgresql://host:port/db}, a user and a password. */
    record Target(String reactiveUrl, String user, String password) {

        /** Accepts {@code postgresql://...} or {@code jdbc:postgresql://...}. */
        static Target of(String url, String user, String password) {
            String reactive = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
            if (!reactive.startsWith("postgresql://")) {
                throw new IllegalArgumentException("--db-url must look like postgresql://host:port/database: " + url);
            }
            return new Target(reactive, user, password);
        }

        String jdbcUrl() {
            return "jdbc:" + reactiveUrl;
        }

        /** The system properties that point the child app at this database. */
        List<String> appProperties() {
            return List.of(
                    "-Dquarkus.datasource.reactive.url=" + reactiveUrl,
                    "-Dquarkus.datasource.jdbc.url=" + jdbcUrl(),
                    "-Dquarkus.datasource.username=" + user,
                    "-Dquarkus.datasource.password=" + password);
        }
    }

    /**
     * The counter audit: every stock row the measured phases touched keeps {@code on_hand >= 0},
     * {@code reserved >= 0} and {@code reserved} equal to its live STOCK reservations; the hot SKU
     * never had more units taken than were stocked.
     */
    record Audit(
            long rows,
            long negativeOnHand,
            long negativeReserved,
            long reservedMismatch,
            long reservedUnits,
            String hotSku,
            long hotStocked,
            long hotTaken,
            long hotCreated) {

        boolean hotOversold() {
            return hotSku != null && (hotTaken > hotStocked || hotTaken != hotCreated);
        }

        boolean passed() {
            return rows > 0 && negativeOnHand == 0 && negativeReserved == 0 && reservedMismatch == 0 && !hotOversold();
        }
    }

    private static final String AUDIT = "with touched as ("
            + "   select location_id, sku from stock where updated_at >= ?"
            + "   union select location_id, sku from reservation where created_at >= ? or released_at >= ?),"
            + " live as (select r.location_id, r.sku, sum(r.qty) as q from reservation r"
            + "   join touched t on t.location_id = r.location_id and t.sku = r.sku"
            + "   where r.kind = 'STOCK' and r.status = 'ACTIVE' group by 1, 2)"
            + " select count(*) as touched,"
            + "   count(*) filter (where s.on_hand < 0) as negative_on_hand,"
            + "   count(*) filter (where s.reserved < 0) as negative_reserved,"
            + "   count(*) filter (where s.reserved <> coalesce(l.q, 0)) as mismatched,"
            + "   coalesce(sum(s.reserved), 0) as reserved_units"
            + " from touched t join stock s on s.location_id = t.location_id and s.sku = t.sku"
            + " left join live l on l.location_id = t.location_id and l.sku = t.sku";

    private static final String HOT = "select"
            + " (select coalesce(sum(delta), 0) from inventory_adjustment where sku = ?) as stocked,"
            + " (select coalesce(sum(qty), 0) from reservation where sku = ? and kind = 'STOCK'"
            + "    and status in ('ACTIVE', 'CONSUMED', 'FULFILLED')) as taken";

    private final Target target;
    private final EmbeddedPostgres embedded;
    private final Connection connection;

    private BenchDatabase(Target target, EmbeddedPostgres embedded) throws SQLException {
        this.target = target;
        this.embedded = embedded;
        this.connection = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
    }

    /** Connects to a database that is already running. */
    /** Another connection to the same database, for writers of their own. */
    Connection newConnection() throws SQLException {
        return DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
    }

    static BenchDatabase connect(Target target) throws SQLException {
        return new BenchDatabase(target, null);
    }

    /**
     * Starts an embedded PostgreSQL in {@code dir} (deleted again on close) with the settings the
     * app gives its own embedded server.
     */
    static BenchDatabase startEmbedded(Path dir) throws IOException, SQLException {
        EmbeddedPostgres postgres = EmbeddedPostgresServer.builder(dir, true).start();
        try {
            return new BenchDatabase(
                    new Target("postgresql://localhost:" + postgres.getPort() + "/postgres", "postgres", "postgres"),
                    postgres);
        } catch (SQLException e) {
            postgres.close();
            throw e;
        }
    }

    Target target() {
        return target;
    }

    boolean embedded() {
        return embedded != null;
    }

    synchronized Instant now() throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select clock_timestamp()");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getTimestamp(1).toInstant();
        }
    }

    synchronized Audit audit(Instant since, String hotSku, long hotCreated) throws SQLException {
        Timestamp from = Timestamp.from(since);
        long[] counters = new long[5];
        try (PreparedStatement statement = connection.prepareStatement(AUDIT)) {
            statement.setTimestamp(1, from);
            statement.setTimestamp(2, from);
            statement.setTimestamp(3, from);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                for (int i = 0; i < counters.length; i++) {
                    counters[i] = rows.getLong(i + 1);
                }
            }
        }
        long stocked = 0;
        long taken = 0;
        if (hotSku != null) {
            try (PreparedStatement statement = connection.prepareStatement(HOT)) {
                statement.setString(1, hotSku);
                statement.setString(2, hotSku);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    stocked = rows.getLong(1);
                    taken = rows.getLong(2);
                }
            }
        }
        return new Audit(
                counters[0], counters[1], counters[2], counters[3], counters[4], hotSku, stocked, taken, hotCreated);
    }

    /** Stores that take pickup orders, by id, at most {@code limit}. */
    synchronized List<String> pickupStores(int limit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select id from location where type = 'STORE'"
                + " and 'PICKUP' = any(capabilities) order by id limit ?")) {
            statement.setInt(1, limit);
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        }
    }

    /** The highest seq numbered so far. */
    synchronized long lastSeq() throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select last_seq from event_sequence");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Committed events that the relay has not numbered yet. */
    synchronized long unnumbered() throws SQLException {
        try (PreparedStatement statement =
                        connection.prepareStatement("select count(*) from event_outbox where seq is null");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Events numbered in (after, upTo]. */
    synchronized long eventsBetween(long after, long upTo) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("select count(*) from event_outbox where seq > ? and seq <= ?")) {
            statement.setLong(1, after);
            statement.setLong(2, upTo);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** What a location stream should have got in (after, upTo]: every event of the location, by location. */
    synchronized Map<String, long[]> locationEvents(List<String> locations, long after, long upTo) throws SQLException {
        return seqsBy(
                "select location_id, seq from event_outbox where location_id = any(?) and seq > ? and seq <= ?"
                        + " order by seq",
                locations,
                after,
                upTo);
    }

    /**
     * What an order stream should have got in (after, upTo], from the order's history: its
     * {@code order.*} and {@code fulfillment.status} events.
     */
    synchronized Map<String, long[]> orderEvents(List<String> orders, long after, long upTo) throws SQLException {
        return seqsBy(
                "select order_id, seq from order_history where order_id = any(?) and seq > ? and seq <= ?"
                        + " and (type like 'order.%' or type = 'fulfillment.status') order by seq",
                orders, after, upTo);
    }

    private Map<String, long[]> seqsBy(String sql, List<String> keys, long after, long upTo) throws SQLException {
        Map<String, List<Long>> found = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            Array array = connection.createArrayOf("text", keys.toArray());
            statement.setArray(1, array);
            statement.setLong(2, after);
            statement.setLong(3, upTo);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.computeIfAbsent(rows.getString(1), k -> new ArrayList<>())
                            .add(rows.getLong(2));
                }
            }
        }
        Map<String, long[]> seqs = new HashMap<>();
        found.forEach((key, list) ->
                seqs.put(key, list.stream().mapToLong(Long::longValue).toArray()));
        return seqs;
    }

    @Override
    public void close() throws IOException {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing anyway
        }
        if (embedded != null) {
            embedded.close();
        }
    }
}
