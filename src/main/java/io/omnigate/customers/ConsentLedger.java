package io.omnigate.customers;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.omnigate.orders.OrderEvents;
import io.omnigate.platform.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The consent ledger: append-only records per customer and purpose, the current state being the
 * newest record of each purpose. Changes of one customer are serialised, so a withdrawal written
 * after a grant is always the newer record, and every gate reads the ledger when it shares.
 */
@ApplicationScoped
public class ConsentLedger {

    /** The public event every consent change writes to the outbox, for webhooks and other consumers. */
    public static final String CONSENT_CHANGED = "consent.changed";

    private static final String CURRENT = "select distinct on (purpose) id, purpose, granted, channel, surface,"
            + " notice_version, recorded_at from consent_record where customer_id = $1 order by purpose, id desc";

    private static final String APPEND = "insert into consent_record"
            + " (customer_id, purpose, granted, channel, surface, notice_version, recorded_by)"
            + " select $1, p, g, $4, $5, $6, $7 from unnest($2::text[], $3::bool[]) with ordinality as x(p, g, n)"
            + " order by n returning id, purpose, granted, recorded_at";

    private final Pool pool;
    private final OrderEvents events;
    private final Timer applyTime;
    private final MeterRegistry registry;

    ConsentLedger(Pool pool, OrderEvents events, MeterRegistry registry) {
        this.pool = pool;
        this.events = events;
        this.registry = registry;
        this.applyTime = Timer.builder("omnigate.consent.apply")
                .description("From a consent change request to the ledger change every gate reads (commit)")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    /** Every purpose with its current state; purposes never decided are not granted. */
    public Uni<CustomerApi.Consents> current(String customerId) {
        return current(pool, customerId).map(state -> view(customerId, state));
    }

    /** The newest record per purpose. */
    public Uni<Map<Purpose, CustomerApi.ConsentState>> current(SqlClient client, String customerId) {
        return client.preparedQuery(CURRENT).execute(Tuple.of(customerId)).map(rows -> {
            Map<Purpose, CustomerApi.ConsentState> state = new EnumMap<>(Purpose.class);
            for (Row row : rows) {
                Purpose.ofCode(row.getString("purpose")).ifPresent(p -> state.put(p, stateOf(p, row)));
            }
            return state;
        });
    }

    /**
     * Appends a record for every purpose whose state or notice version changes, and one
     * {@code consent.changed} event listing them, in one transaction; answers the state after it.
     */
    public Uni<CustomerApi.Consents> change(String customerId, CustomerApi.ConsentChange change, String recordedBy) {
        Map<Purpose, Boolean> requested = requested(change);
        long started = System.nanoTime();
        return pool.withTransaction(conn -> conn.preparedQuery(
                                "select pg_advisory_xact_lock(hashtextextended('consent:' || $1, 0))")
                        .execute(Tuple.of(customerId))
                        .chain(() -> current(conn, customerId))
                        .chain(before ->
                                append(conn, customerId, change, recordedBy, toRecord(before, requested, change)))
                        .chain(() -> current(conn, customerId)))
                .invoke(after -> {
                    applyTime.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
                    requested.forEach((purpose, granted) -> registry.counter(
                                    "omnigate.consent.decisions",
                                    "purpose",
                                    purpose.code(),
                                    "channel",
                                    change.source().channel().code(),
                                    "granted",
                                    String.valueOf(granted))
                            .increment());
                })
                .map(after -> view(customerId, after));
    }

    private static Map<Purpose, Boolean> requested(CustomerApi.ConsentChange change) {
        boolean withdrawAll = Boolean.TRUE.equals(change.withdrawAll());
        boolean named = change.consents() != null && !change.consents().isEmpty();
        if (withdrawAll && named && change.consents().containsValue(true)) {
            throw ProblemException.invalid("withdrawAll", "cannot be combined with granting a purpose");
        }
        if (!withdrawAll && !named) {
            throw ProblemException.invalid("consents", "name at least one purpose, or set withdrawAll");
        }
        Map<Purpose, Boolean> requested = new EnumMap<>(Purpose.class);
        if (withdrawAll) {
            Arrays.stream(Purpose.values()).forEach(p -> requested.put(p, false));
        } else {
            requested.putAll(change.consents());
        }
        return requested;
    }

    /** The purposes whose record changes: a different decision, or the same one under a new notice. */
    private static Map<Purpose, Boolean> toRecord(
            Map<Purpose, CustomerApi.ConsentState> before,
            Map<Purpose, Boolean> requested,
            CustomerApi.ConsentChange change) {
        Map<Purpose, Boolean> records = new LinkedHashMap<>();
        requested.forEach((purpose, granted) -> {
            CustomerApi.ConsentState now = before.get(purpose);
            boolean unchanged = now != null
                    ? now.granted() == granted
                            && (!granted || Objects.equals(now.noticeVersion(), change.noticeVersion()))
                    : !granted && Boolean.TRUE.equals(change.withdrawAll());
            if (!unchanged) {
                records.put(purpose, granted);
            }
        });
        return records;
    }

    private Uni<Void> append(
            SqlConnection conn,
            String customerId,
            CustomerApi.ConsentChange change,
            String recordedBy,
            Map<Purpose, Boolean> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] purposes = records.keySet().stream().map(Purpose::code).toArray(String[]::new);
        Boolean[] granted = records.values().toArray(Boolean[]::new);
        return conn.preparedQuery(APPEND)
                .execute(Tuple.from(Arrays.asList(
                        customerId,
                        purposes,
                        granted,
                        change.source().channel().code(),
                        change.source().surface(),
                        change.noticeVersion(),
                        recordedBy)))
                .chain(rows -> {
                    List<Map<String, Object>> changes = new ArrayList<>();
                    String at = null;
                    for (Row row : rows) {
                        Map<String, Object> one = new LinkedHashMap<>();
                        one.put("purpose", row.getString("purpose"));
                        one.put("granted", row.getBoolean("granted"));
                        one.put("recordId", row.getLong("id"));
                        changes.add(one);
                        at = row.getOffsetDateTime("recorded_at").toInstant().toString();
                    }
                    Map<String, Object> payload = new LinkedHashMap<>();
                    payload.put("customerId", customerId);
                    payload.put("changes", changes);
                    payload.put("channel", change.source().channel().code());
                    payload.put("surface", change.source().surface());
                    payload.put("recordedAt", at);
                    return events.write(
                            conn,
                            List.of(new OrderEvents.Event(CONSENT_CHANGED, null, null, null, null, null, payload)));
                });
    }

    private static CustomerApi.ConsentState stateOf(Purpose purpose, Row row) {
        return new CustomerApi.ConsentState(
                purpose,
                row.getBoolean("granted"),
                row.getLong("id"),
                Channel.ofCode(row.getString("channel")),
                row.getString("surface"),
                row.getString("notice_version"),
                row.getOffsetDateTime("recorded_at").toInstant());
    }

    private static CustomerApi.Consents view(String customerId, Map<Purpose, CustomerApi.ConsentState> state) {
        List<CustomerApi.ConsentState> all = new ArrayList<>();
        for (Purpose purpose : Purpose.values()) {
            all.add(state.getOrDefault(
                    purpose, new CustomerApi.ConsentState(purpose, false, null, null, null, null, null)));
        }
        return new CustomerApi.Consents(customerId, all);
    }
}
