package io.omnigate.inventory;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigate.platform.ProblemException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Replaces a location's on-hand counts from a full snapshot in one transaction, reading the body
 * as a stream (JSON, NDJSON or CSV) into a temporary table batch by batch, so 100k+ lines never
 * sit in memory. Runs on a worker thread: it waits on the reactive client, which is allowed there.
 */
@ApplicationScoped
public class SnapshotIngest {

    public enum Format {
        JSON,
        NDJSON,
        CSV
    }

    /** What a snapshot did. */
    public record Result(String locationId, OffsetDateTime asOf, int lines, int zeroed) {}

    private static final Duration STATEMENT_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern SKU = Pattern.compile(Sku.PATTERN);
    private static final int MAX_ON_HAND = 10_000_000;

    private static final String LOCK_LOCATION = "select snapshot_as_of from location where id = $1 for update";
    private static final String CREATE_LINES =
            "create temp table snapshot_line (sku text primary key, on_hand integer not null) on commit drop";
    private static final String INSERT_LINES = "insert into snapshot_line select * from unnest($1::text[], $2::int[])";
    private static final String UNKNOWN_SKUS = "select l.sku from snapshot_line l"
            + " where not exists (select 1 from sku k where k.sku = l.sku) order by l.sku limit 20";
    private static final String REPLACE_COUNTS = "insert into stock (location_id, sku, on_hand)"
            + " select $1, sku, on_hand from snapshot_line order by sku"
            + " on conflict (location_id, sku) do update set on_hand = excluded.on_hand, updated_at = now()"
            + " where stock.on_hand <> excluded.on_hand";
    private static final String ZERO_MISSING = "update stock s set on_hand = 0, updated_at = now()"
            + " where s.location_id = $1 and s.on_hand <> 0"
            + " and not exists (select 1 from snapshot_line l where l.sku = s.sku)";
    private static final String REPLAY_LATER_DELTAS = "update stock s set on_hand = greatest(s.on_hand + d.delta, 0)"
            + " from (select sku, sum(delta) as delta from inventory_adjustment"
            + "   where location_id = $1 and occurred_at > $2 group by sku) d"
            + " where s.location_id = $1 and s.sku = d.sku";
    private static final String MARK_SYNCED =
            "update location set snapshot_as_of = $2, stock_synced_at = now() where id = $1";

    private final Pool pool;
    private final ObjectMapper json;
    private final int batchSize;
    private final Duration maxClockSkew;

    SnapshotIngest(Pool pool, ObjectMapper json, InventoryConfig config) {
        this.pool = pool;
        this.json = json;
        this.batchSize = config.snapshotBatchSize();
        this.maxClockSkew = config.maxClockSkew();
    }

    public Result ingest(String locationId, Format format, OffsetDateTime asOfParam, InputStream body) {
        SqlConnection connection = await(pool.getConnection());
        Transaction tx = await(connection.begin());
        try {
            RowSet<Row> location = await(connection.preparedQuery(LOCK_LOCATION).execute(Tuple.of(locationId)));
            if (location.size() == 0) {
                throw ProblemException.notFound("Location", locationId);
            }
            OffsetDateTime applied = location.iterator().next().getOffsetDateTime("snapshot_as_of");
            await(connection.query(CREATE_LINES).execute());
            Batches batches = new Batches(connection);
            OffsetDateTime asOf = asOfParam;
            if (format == Format.JSON) {
                asOf = readJson(body, asOfParam, batches);
            } else {
                readLines(body, format, batches);
            }
            batches.flush();
            if (asOf == null) {
                throw ProblemException.invalid(
                        "asOf", "is required (in the body for JSON, as a query parameter otherwise)");
            }
            ClockSkew.refuseFuture("asOf", asOf, maxClockSkew);
            if (applied != null && !asOf.toInstant().isAfter(applied.toInstant())) {
                throw ProblemException.conflict(
                        "stale-snapshot",
                        "Stale snapshot",
                        "A snapshot as of " + applied.toInstant() + " is already applied; this one is as of "
                                + asOf.toInstant() + ".");
            }
            List<String> unknown = new ArrayList<>();
            await(connection.query(UNKNOWN_SKUS).execute()).forEach(r -> unknown.add(r.getString("sku")));
            if (!unknown.isEmpty()) {
                throw ProblemException.unprocessable(
                        "unknown-sku", "Unknown SKUs", "The snapshot names SKUs not in the catalogue: " + unknown);
            }
            await(connection.preparedQuery(REPLACE_COUNTS).execute(Tuple.of(locationId)));
            int zeroed = await(connection.preparedQuery(ZERO_MISSING).execute(Tuple.of(locationId)))
                    .rowCount();
            await(connection.preparedQuery(REPLAY_LATER_DELTAS).execute(Tuple.of(locationId, asOf)));
            await(connection.preparedQuery(MARK_SYNCED).execute(Tuple.of(locationId, asOf)));
            await(tx.commit());
            return new Result(locationId, asOf, batches.total, zeroed);
        } catch (RuntimeException e) {
            await(tx.rollback().onFailure().recoverWithNull());
            throw e;
        } finally {
            connection.closeAndForget();
        }
    }

    private OffsetDateTime readJson(InputStream body, OffsetDateTime asOfParam, Batches batches) {
        OffsetDateTime asOf = asOfParam;
        try (JsonParser parser = json.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw malformed("the body must be a JSON object {asOf, items}");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("asOf".equals(field) && value == JsonToken.VALUE_STRING) {
                    asOf = parseAsOf(parser.getText());
                } else if ("items".equals(field) && value == JsonToken.START_ARRAY) {
                    int line = 0;
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        line++;
                        String sku = null;
                        Integer onHand = null;
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            String name = parser.currentName();
                            JsonToken token = parser.nextToken();
                            if ("sku".equals(name) && token == JsonToken.VALUE_STRING) {
                                sku = parser.getText();
                            } else if ("onHand".equals(name) && token == JsonToken.VALUE_NUMBER_INT) {
                                onHand = parser.getIntValue();
                            } else if ("sku".equals(name) || "onHand".equals(name)) {
                                throw lineError(line, name + " has the wrong type");
                            } else {
                                parser.skipChildren();
                            }
                        }
                        batches.add(line, sku, onHand);
                    }
                    if (parser.currentToken() != JsonToken.END_ARRAY) {
                        throw malformed("items must be an array of {sku, onHand} objects");
                    }
                } else {
                    parser.skipChildren();
                }
            }
            return asOf;
        } catch (IOException e) {
            throw malformed("the body is not valid JSON");
        }
    }

    private void readLines(InputStream body, Format format, Batches batches) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String text;
            int line = 0;
            while ((text = reader.readLine()) != null) {
                line++;
                String trimmed = text.strip();
                if (trimmed.isEmpty()
                        || (format == Format.CSV
                                && line == 1
                                && trimmed.toLowerCase().startsWith("sku"))) {
                    continue;
                }
                if (format == Format.CSV) {
                    String[] cells = trimmed.split(",", -1);
                    if (cells.length != 2) {
                        throw lineError(line, "expected 'sku,onHand'");
                    }
                    batches.add(line, cells[0].strip(), parseCount(line, cells[1].strip()));
                } else {
                    NdjsonLine parsed;
                    try {
                        parsed = json.readValue(trimmed, NdjsonLine.class);
                    } catch (IOException e) {
                        throw lineError(line, "not a JSON object {sku, onHand}");
                    }
                    batches.add(line, parsed.sku(), parsed.onHand());
                }
            }
        } catch (IOException e) {
            throw malformed("the body could not be read");
        }
    }

    record NdjsonLine(String sku, Integer onHand) {}

    /** Collects lines into arrays and writes them to the temporary table a batch at a time. */
    private final class Batches {
        private final SqlConnection connection;
        private final List<String> skus = new ArrayList<>();
        private final List<Integer> counts = new ArrayList<>();
        private int total;

        Batches(SqlConnection connection) {
            this.connection = connection;
        }

        void add(int line, String sku, Integer onHand) {
            if (sku == null || !SKU.matcher(sku).matches()) {
                throw lineError(line, "sku is missing or malformed");
            }
            if (onHand == null || onHand < 0 || onHand > MAX_ON_HAND) {
                throw lineError(line, "onHand must be a whole number from 0 to " + MAX_ON_HAND);
            }
            skus.add(sku);
            counts.add(onHand);
            total++;
            if (skus.size() >= batchSize) {
                flush();
            }
        }

        void flush() {
            if (skus.isEmpty()) {
                return;
            }
            try {
                await(connection
                        .preparedQuery(INSERT_LINES)
                        .execute(Tuple.of(skus.toArray(String[]::new), counts.toArray(Integer[]::new))));
            } catch (PgException e) {
                if ("23505".equals(e.getSqlState())) {
                    throw ProblemException.invalid("items", "a SKU appears more than once in the snapshot");
                }
                throw e;
            }
            skus.clear();
            counts.clear();
        }
    }

    private static Integer parseCount(int line, String text) {
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw lineError(line, "onHand must be a whole number");
        }
    }

    public static OffsetDateTime parseAsOf(String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(
                    "asOf", "must be an ISO-8601 timestamp with offset, e.g. 2026-11-22T08:00:00Z");
        }
    }

    private static ProblemException lineError(int line, String message) {
        return ProblemException.invalid("items[" + line + "]", "line " + line + ": " + message);
    }

    private static ProblemException malformed(String message) {
        return new ProblemException(400, "malformed-body", "Malformed snapshot", message);
    }

    private static <T> T await(io.smallrye.mutiny.Uni<T> uni) {
        return uni.await().atMost(STATEMENT_TIMEOUT);
    }
}
