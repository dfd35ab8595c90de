package io.omnigate.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigate.platform.PgChannels;
import io.omnigate.platform.ProblemException;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The routing policy in force, held in memory for every request and replaced on every instance
 * as soon as an operator stores a new version (PostgreSQL NOTIFY).
 */
@ApplicationScoped
public class RoutingPolicyService {

    private static final Logger LOG = Logger.getLogger(RoutingPolicyService.class);
    static final String CHANNEL = "omnigate_routing";

    private static final String LATEST =
            "select version, policy, created_at from routing_policy order by version desc limit 1";
    private static final String INSERT = "with saved as ("
            + " insert into routing_policy (version, policy, changed_by)"
            + " select coalesce(max(version), 0) + 1, $1, $2 from routing_policy"
            + " returning version, policy, created_at)"
            + " select saved.*, pg_notify('" + CHANNEL + "', saved.version::text) from saved";

    /** A stored policy and its version; version 0 is the built-in default, never stored. */
    public record Versioned(long version, Instant updatedAt, RoutingPolicy policy) {}

    private final Pool pool;
    private final ObjectMapper json;
    private final PgChannels channels;
    private volatile Versioned current = new Versioned(0, Instant.EPOCH, RoutingPolicy.defaults());

    RoutingPolicyService(Pool pool, ObjectMapper json, PgChannels channels) {
        this.pool = pool;
        this.json = json;
        this.channels = channels;
    }

    void start(@Observes @Priority(60) StartupEvent event) {
        reload().await().atMost(Duration.ofSeconds(30));
        channels.listen(CHANNEL, version -> reload().subscribe().with(v -> {}, this::logFailure), this::reloadQuietly);
    }

    /** The policy for the next request; never blocks. */
    public Versioned current() {
        return current;
    }

    public Uni<Versioned> update(RoutingPolicy policy, String changedBy) {
        JsonObject document = new JsonObject(json.convertValue(policy, Map.class));
        return pool.preparedQuery(INSERT)
                .execute(Tuple.of(document, changedBy))
                .map(rows -> adopt(toVersioned(rows.iterator().next())))
                .onFailure(PgException.class)
                .transform(e -> "23505".equals(((PgException) e).getSqlState())
                        ? ProblemException.conflict(
                                "concurrent-policy-change",
                                "Concurrent policy change",
                                "Another policy version was stored at the same moment; read it and retry.")
                        : e);
    }

    private Uni<Versioned> reload() {
        return pool.query(LATEST)
                .execute()
                .map(rows -> rows.size() == 0
                        ? current
                        : adopt(toVersioned(rows.iterator().next())));
    }

    private void reloadQuietly() {
        reload().subscribe().with(v -> {}, this::logFailure);
    }

    private synchronized Versioned adopt(Versioned candidate) {
        if (candidate.version() >= current.version()) {
            current = candidate;
        }
        return candidate;
    }

    private Versioned toVersioned(Row row) {
        RoutingPolicy policy = json.convertValue(((JsonObject) row.getJson("policy")).getMap(), RoutingPolicy.class);
        return new Versioned(
                row.getLong("version"), row.getOffsetDateTime("created_at").toInstant(), policy);
    }

    private void logFailure(Throwable failure) {
        LOG.warnf("Could not reload the routing policy: %s", failure.getMessage());
    }
}
