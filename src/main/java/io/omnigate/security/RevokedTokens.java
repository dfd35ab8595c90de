package io.omnigate.security;

import io.omnigate.platform.PgChannels;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Revoked token ids ({@code jti}), shared by every instance: kept in the database, announced on a
 * PostgreSQL channel, and held in memory so checking a request needs no database round trip (and
 * keeps working while the database is away).
 */
@ApplicationScoped
public class RevokedTokens {

    static final String CHANNEL = "omnigate_revoked_tokens";
    private static final Logger LOG = Logger.getLogger(RevokedTokens.class);

    private final Pool pool;
    private final PgChannels channels;
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();

    RevokedTokens(Pool pool, PgChannels channels) {
        this.pool = pool;
        this.channels = channels;
    }

    void start(@Observes StartupEvent event) {
        // Loaded before the first request is served, then kept current by the channel (and reloaded
        // after every reconnection, for revocations announced while it was down).
        reload().await().atMost(Duration.ofSeconds(30));
        channels.listen(
                CHANNEL,
                revoked::add,
                () -> reload().subscribe()
                        .with(n -> {}, e -> LOG.warnf("Could not reload revoked tokens: %s", e.getMessage())));
    }

    public boolean isRevoked(String jti) {
        return jti != null && revoked.contains(jti);
    }

    /** Revokes {@code jti} on every instance; revoking it again changes nothing. */
    public Uni<Void> revoke(String jti) {
        return pool.withTransaction(conn -> conn.preparedQuery(
                                "insert into revoked_token (jti) values ($1) on conflict (jti) do nothing")
                        .execute(Tuple.of(jti))
                        .chain(() ->
                                conn.preparedQuery("select pg_notify($1, $2)").execute(Tuple.of(CHANNEL, jti))))
                .invoke(() -> revoked.add(jti))
                .replaceWithVoid();
    }

    private Uni<Integer> reload() {
        return pool.query("select jti from revoked_token").execute().map(rows -> {
            rows.forEach(row -> revoked.add(row.getString("jti")));
            return rows.size();
        });
    }
}
