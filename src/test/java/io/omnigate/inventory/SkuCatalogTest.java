package io.omnigate.inventory;

import static io.omnigate.OrderFixtures.line;
import static io.omnigate.OrderFixtures.pickup;
import static io.omnigate.OrderFixtures.place;
import static io.omnigate.TestApi.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.omnigate.OrderFixtures;
import io.omnigate.TestApi;
import io.omnigate.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 12: SKU existence at placement comes from the in-memory catalogue, SQL only for what memory lacks. */
@QuarkusTest
class SkuCatalogTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Pool pool;

    @Inject
    SkuCatalog catalog;

    OrderFixtures fx;

    @BeforeEach
    void fixtures() {
        fx = new OrderFixtures(pool);
    }

    @Test
    void skusAFeedPostsAreKnownFromMemoryAtOnce() {
        String first = unique("CATSKU");
        String second = unique("CATSKU");
        TestApi.as(TestApi.mint(Roles.INVENTORY_FEED, null))
                .body(List.of(Map.of("sku", first, "name", "Lamp"), Map.of("sku", second, "name", "Shade")))
                .post("/v1/skus")
                .then()
                .statusCode(200);

        assertEquals(List.of(), answeredWithoutIo(catalog.unknown(List.of(first, second))));
    }

    @Test
    void aSkuAnotherInstanceWroteIsFoundInSqlAndThenKnownFromMemory() {
        String sku = unique("CATSKU");
        fx.sql("insert into sku (sku, name) values ($1, 'Written elsewhere')", Tuple.of(sku));

        assertEquals(List.of(), catalog.unknown(List.of(sku)).await().atMost(WAIT));
        assertEquals(List.of(), answeredWithoutIo(catalog.unknown(List.of(sku))));

        String otherSku = unique("CATSKU");
        fx.sql("insert into sku (sku, name) values ($1, 'Written elsewhere')", Tuple.of(otherSku));
        String shop = fx.store(0, "PICKUP");
        fx.stock(shop, otherSku, 2);
        place(pickup(shop, List.of(line(otherSku, 1)))).then().statusCode(201);
    }

    @Test
    void unknownSkusAreListedOnceEachInTheOrderAsked() {
        String known = fx.sku();
        String a = unique("NOSKU");
        String b = unique("NOSKU");

        assertEquals(
                List.of(b, a), catalog.unknown(List.of(b, known, a, b)).await().atMost(WAIT));
        // still unknown: a miss is not remembered as known
        assertEquals(List.of(a), catalog.unknown(List.of(a)).await().atMost(WAIT));
    }

    @Test
    void aPlacementNamingUnknownSkusIsA422ListingExactlyThose() {
        String shop = fx.store(0, "PICKUP");
        String known = fx.sku();
        fx.stock(shop, known, 5);
        String missing = unique("NOSKU");

        place(pickup(shop, List.of(line(known, 1), line(missing, 1))))
                .then()
                .statusCode(422)
                .contentType(containsString("problem+json"))
                .body("type", containsString("unknown-reference"))
                .body("detail", containsString(missing))
                .body("detail", not(containsString(known)));
        assertEquals(0, fx.reserved(shop, known));
    }

    /** The answer of a catalogue call that finished during subscription, so no query was sent. */
    private static List<String> answeredWithoutIo(Uni<List<String>> answer) {
        UniAssertSubscriber<List<String>> subscriber = answer.subscribe().withSubscriber(UniAssertSubscriber.create());
        return subscriber.assertCompleted().getItem();
    }
}
