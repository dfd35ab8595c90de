package io.omnigate.web;

import static io.omnigate.OrderFixtures.line;
import static io.omnigate.OrderFixtures.place;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.omnigate.OrderFixtures;
import io.omnigate.TestApi;
import io.omnigate.security.Roles;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The KPI page in a real headless Chromium: a store manager sees how many promises the store kept. */
@QuarkusTest
class KpiPageBrowserTest {

    static final Duration LOAD = Duration.ofSeconds(10);

    static Browser browser;

    @Inject
    Pool pool;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void chromium() throws Exception {
        browser = Browser.start();
    }

    @AfterAll
    static void quit() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aStoreSeesTheShareOfPickupsReadyByTheirPromise() throws Exception {
        OrderFixtures fx = new OrderFixtures(pool);
        String store = fx.store(0.01, "PICKUP");
        String sku = fx.sku();
        fx.stock(store, sku, 5);
        String device = TestApi.mint(Roles.STORE_DEVICE, store);
        Instant now = Instant.now();
        walkToReady(device, placeWithPromise(store, sku, now.minus(Duration.ofHours(1)))); // late
        walkToReady(device, placeWithPromise(store, sku, now.plus(Duration.ofDays(1)))); // on time

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        browser.open(base.toString().replaceAll("/$", "") + "/app/kpis/#token=" + device + "&from=" + today.minusDays(1)
                + "&to=" + today.plusDays(1) + "&lang=en");
        browser.eventually(LOAD, "the report loaded", () -> browser.find("body").getAttribute("data-loaded") != null);

        assertEquals(store, browser.find("#where").getText());
        assertEquals("50%", browser.find("#tile-ready .value").getText());
        assertEquals("of 2 promised", browser.find("#tile-ready .muted").getText());
        assertEquals("2", browser.find("#tile-fulfillments .value").getText());
        assertEquals(
                "50% (1/2)",
                browser.find("tr[data-location='" + store + "'] td.ready").getText());
        assertEquals(
                "0.5",
                browser.find("svg.chart rect.bar.ready[data-rate]:not([data-rate=''])")
                        .getAttribute("data-rate"));
        browser.screenshot("kpis", Browser.TABLET);
    }

    @Test
    void anotherStoresFiguresAreRefusedOnThePage() {
        OrderFixtures fx = new OrderFixtures(pool);
        String store = fx.store(0.01, "PICKUP");
        browser.open(base.toString().replaceAll("/$", "") + "/app/kpis/#token="
                + TestApi.mint(Roles.STORE_DEVICE, store) + "&location=SOMEWHERE-ELSE&lang=en");
        browser.eventually(
                LOAD,
                "a problem is shown",
                () -> !browser.all("#problem .notice.bad").isEmpty());
        assertEquals(0, browser.all("#days tbody tr").size());
    }

    private static String placeWithPromise(String store, String sku, Instant readyAt) {
        Map<String, Object> body = new HashMap<>(OrderFixtures.pickup(store, List.of(line(sku, 1))));
        body.put("promise", Map.of("readyAt", readyAt.toString()));
        return place(body).then().statusCode(201).extract().path("fulfillments[0].id");
    }

    private static void walkToReady(String device, String fulfillmentId) {
        for (String to : List.of("ACCEPTED", "PICKING", "PACKED", "READY_FOR_PICKUP")) {
            TestApi.as(device)
                    .body(Map.of("to", to))
                    .post("/v1/fulfillments/{id}/transitions", fulfillmentId)
                    .then()
                    .statusCode(200);
        }
    }
}
