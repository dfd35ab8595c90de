package io.omnigate.network;

import static io.omnigate.Eventually.eventually;
import static io.omnigate.TestApi.admin;
import static io.omnigate.TestApi.unique;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Another instance changes the network by committing a row and poking the channel; this
 * instance's in-memory index must pick the change up without a restart.
 */
@QuarkusTest
class NetworkIndexRefreshTest {

    @Inject
    Pool pool;

    @Test
    void aLocationWrittenByAnotherInstanceReachesTheIndex() throws Exception {
        String id = unique("REMOTE");
        pool.preparedQuery("with saved as (insert into location (id, type, name, lat, lon, time_zone, capabilities)"
                        + " values ($1, 'STORE', 'Written elsewhere', -70.0, 30.0, 'UTC', '{PICKUP}') returning id)"
                        + " select pg_notify('" + LocationRepository.CHANNEL + "', id) from saved")
                .execute(Tuple.of(id))
                .await()
                .atMost(Duration.ofSeconds(5));

        eventually(Duration.ofSeconds(10), () -> {
            List<String> ids = admin().get("/v1/locations?near=-70.0,30.0&radiusKm=5")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("items.location.id");
            assertTrue(ids.contains(id), "the index never showed " + id);
        });
    }
}
