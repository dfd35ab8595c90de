package io.omnigate.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigate.platform.ProblemException;
import io.omnigate.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The {@code Idempotency-Key} records of one caller and operation: the request's hash and the
 * answer to replay (status and body JSON), written in the transaction that does the work, or after
 * it for a business refusal (409), so a retry gets the same answer and nobody else's.
 */
@ApplicationScoped
public class IdempotencyRecords {

    /** The operations a key is scoped to, next to its caller. */
    public enum Operation {
        PLACE_ORDER("place-order"),
        CREATE_HOLD("create-hold");

        final String sql;

        Operation(String sql) {
            this.sql = sql;
        }
    }

    /** Who sent a request and under which key: the scope of one record. */
    public record Scope(String caller, Operation operation, String key, String requestHash) {}

    /** A stored answer: the HTTP status and the body text that goes with it. */
    public record Stored(int status, String response) {}

    /** Inserts the finished record, or nothing when the key was already taken (then no row returns). */
    static final String CLAIM = "insert into idempotency_key"
            + " (caller, operation, key, request_hash, status, response, order_id) values ($1, $2, $3, $4, $5, $6::text::jsonb, $7)"
            + " on conflict (caller, operation, key) do nothing returning key";

    /** CLAIM for a transaction that commits unseen: a key already taken aborts it ({@link #KEY_TAKEN}). */
    static final String CLAIM_OR_ABORT = "insert into idempotency_key"
            + " (caller, operation, key, request_hash, status, response, order_id) values ($1, $2, $3, $4, $5, $6::text::jsonb, $7)";

    /** The constraint a second claim of one (caller, operation, key) violates. */
    static final String KEY_TAKEN = "idempotency_key_pkey";

    private static final String REPLACE_ANSWER = "update idempotency_key set response = $4::text::jsonb"
            + " where caller = $1 and operation = $2 and key = $3";

    private static final String READ = "select request_hash, status, response::text as response from idempotency_key"
            + " where caller = $1 and operation = $2 and key = $3";

    private static final String SWEEP = "delete from idempotency_key where ctid = any(array("
            + " select ctid from idempotency_key where created_at < now() - make_interval(secs => $1) limit $2))";

    private final Pool pool;
    private final ObjectMapper json;

    IdempotencyRecords(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    private String encode(Set<String> skus) {
        try {
            return json.writeValueAsString(skus);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String[] decodeSkus(String response) {
        try {
            return json.readValue(response, String[].class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The caller a key belongs to: the token's subject. Tokens an admin mints are named after
     * their role only (every checkout token is {@code checkout}), so for them the token's id
     * counts too: each minted token is its own caller.
     */
    public static String callerOf(SecurityIdentity identity) {
        String subject = identity.getPrincipal().getName();
        if (identity.getPrincipal() instanceof JsonWebToken token
                && (subject == null || Roles.MINTABLE.contains(subject))
                && token.getTokenID() != null) {
            return (subject == null ? "" : subject) + "#" + token.getTokenID();
        }
        return subject == null ? "" : subject;
    }

    /** SHA-256 of the request's canonical JSON. */
    public static String hash(String canonical) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claim statement's parameters for a finished answer; run it in the work's own transaction. */
    static Tuple claim(Scope scope, int status, String response, String orderId) {
        return Tuple.from(Arrays.asList(
                scope.caller(), scope.operation().sql, scope.key(), scope.requestHash(), status, response, orderId));
    }

    /** Replaces the stored answer of a record claimed in this transaction (the answer grew after the claim). */
    Uni<Void> replaceAnswer(SqlClient conn, Scope scope, String response) {
        return conn.preparedQuery(REPLACE_ANSWER)
                .execute(Tuple.of(scope.caller(), scope.operation().sql, scope.key(), response))
                .replaceWithVoid();
    }

    /**
     * Stores an answer outside the work's transaction (a refusal after rollback); false when the
     * key already had one, which then stands.
     */
    public Uni<Boolean> store(Scope scope, int status, String response) {
        return pool.preparedQuery(CLAIM)
                .execute(claim(scope, status, response, null))
                .map(rows -> rows.size() > 0);
    }

    /**
     * The answer stored under the scope's key, if any; 422 when the key was used with another body.
     * Read after the claim failed, so the record exists unless it was swept in between.
     */
    public Uni<Optional<Stored>> find(SqlClient client, Scope scope) {
        return client.preparedQuery(READ)
                .execute(Tuple.of(scope.caller(), scope.operation().sql, scope.key()))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    if (!scope.requestHash().equals(row.getString("request_hash"))) {
                        throw ProblemException.unprocessable(
                                "idempotency-key-reused",
                                "Idempotency key reused",
                                "This Idempotency-Key was used with a different request body.");
                    }
                    Integer status = row.getInteger("status");
                    if (status == null) {
                        throw ProblemException.conflict(
                                "idempotency-key-in-use",
                                "Request in progress",
                                "A request with this Idempotency-Key is still being processed.");
                    }
                    return Optional.of(new Stored(status, row.getString("response")));
                });
    }

    /**
     * A refusal for lack of stock: stored under the key (when there is one) and raised as the 409,
     * or, when the key already holds an answer, that answer replayed through {@code success}.
     */
    public <T> Uni<T> refuseShortStock(
            Scope scope, List<OrderApi.Line> lines, Set<String> skus, Function<String, T> success) {
        if (scope == null) {
            return Uni.createFrom().failure(Sourcing.insufficientStock(lines, skus));
        }
        return store(scope, 409, encode(new TreeSet<>(skus)))
                .chain(stored -> stored
                        ? Uni.createFrom().failure(Sourcing.insufficientStock(lines, skus))
                        : replay(scope, lines, success));
    }

    /** The stored answer of the scope's key: a success through {@code success}, a stored 409 raised again. */
    public <T> Uni<T> replay(Scope scope, List<OrderApi.Line> lines, Function<String, T> success) {
        return find(pool, scope).map(found -> {
            Stored stored = found.orElseThrow(() -> ProblemException.conflict(
                    "idempotency-key-in-use",
                    "Request in progress",
                    "A request with this Idempotency-Key is being processed; try again."));
            if (stored.status() == 409) {
                throw Sourcing.insufficientStock(lines, new TreeSet<>(Arrays.asList(decodeSkus(stored.response()))));
            }
            return success.apply(stored.response());
        });
    }

    /** Deletes at most {@code batch} records older than {@code retention}; returns how many went. */
    public Uni<Integer> sweep(Duration retention, int batch) {
        return pool.preparedQuery(SWEEP)
                .execute(Tuple.of((double) retention.getSeconds(), batch))
                .map(rows -> rows.rowCount());
    }
}
