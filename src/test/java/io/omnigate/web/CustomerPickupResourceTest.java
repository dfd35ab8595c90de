package io.omnigate.web;

import static io.omnigate.OrderFixtures.line;
import static io.omnigate.OrderFixtures.place;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.Decoder;
import io.omnigate.OrderFixtures;
import io.omnigate.TestApi;
import io.omnigate.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The tracking page's extra reads (pickup point, QR code) and the kiosk's waiting count. */
@QuarkusTest
class CustomerPickupResourceTest {

    @Inject
    Pool pool;

    @Test
    void aReadyParcelShowsWhereToCollectItAndItsCodeAsAQrCodeThatDecodes() throws Exception {
        OrderFixtures fx = new OrderFixtures(pool);
        String sku = fx.sku();
        String store = fx.store(0.01, "PICKUP");
        fx.stock(store, sku, 2);
        JsonPath order = place(OrderFixtures.pickup(store, List.of(line(sku, 1))))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String orderId = order.getString("id");
        String fid = order.getString("fulfillments[0].id");
        String customer = order.getString("accessToken");
        String kiosk = TestApi.mint(Roles.PICKUP_POINT, store);

        TestApi.as(customer)
                .get("/v1/orders/{id}/pickup", orderId)
                .then()
                .statusCode(200)
                .body("points[0].id", is(store))
                .body("points[0].openingHours.MONDAY[0].open", is("09:00"));
        TestApi.as(customer)
                .get("/v1/orders/{id}/fulfillments/{f}/pickup-code.svg", orderId, fid)
                .then()
                .statusCode(404);
        TestApi.as(kiosk)
                .get("/v1/locations/{id}/pickups/waiting", store)
                .then()
                .statusCode(200)
                .body("parcels", is(0));

        String device = TestApi.mint(Roles.STORE_DEVICE, store);
        for (String to : List.of("ACCEPTED", "PICKING", "PACKED", "READY_FOR_PICKUP")) {
            TestApi.as(device)
                    .body(Map.of("to", to))
                    .post("/v1/fulfillments/{id}/transitions", fid)
                    .then()
                    .statusCode(200);
        }
        String code = TestApi.as(customer)
                .get("/v1/orders/{id}", orderId)
                .then()
                .extract()
                .path("fulfillments[0].pickupCode");
        TestApi.as(customer)
                .get("/v1/orders/{id}/pickup", orderId)
                .then()
                .statusCode(200)
                .body("parcels[0].fulfillmentId", is(fid))
                .body("parcels[0].collectBy", notNullValue());
        String svg = TestApi.as(customer)
                .get("/v1/orders/{id}/fulfillments/{f}/pickup-code.svg", orderId, fid)
                .then()
                .statusCode(200)
                .contentType("image/svg+xml")
                .extract()
                .asString();
        assertEquals(code, new Decoder().decode(modules(svg)).getText());
        TestApi.as(kiosk)
                .get("/v1/locations/{id}/pickups/waiting", store)
                .then()
                .statusCode(200)
                .body("parcels", is(1));
        TestApi.as(TestApi.mint(Roles.PICKUP_POINT, fx.store(0.02, "PICKUP")))
                .get("/v1/locations/{id}/pickups/waiting", store)
                .then()
                .statusCode(403);
        TestApi.admin()
                .get("/v1/orders/{id}/fulfillments/{f}/pickup-code.svg", orderId, fid)
                .then()
                .statusCode(403);
    }

    @Test
    void corsIsClosedByDefaultAndThePagesAreServedWithTheirSecurityHeaders() {
        io.restassured.RestAssured.given()
                .header("Origin", "https://shop.example.com")
                .header("Access-Control-Request-Method", "POST")
                .options("/v1/orders")
                .then()
                .header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
        io.restassured.RestAssured.given()
                .get("/app/track/")
                .then()
                .statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/html"))
                .header("Content-Security-Policy", org.hamcrest.Matchers.containsString("default-src 'self'"))
                .header("Referrer-Policy", is("no-referrer"));
    }

    /** The dark modules the SVG draws, without the four-module quiet zone, as the QR decoder reads them. */
    private static BitMatrix modules(String svg) {
        Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
        if (!box.find()) {
            throw new AssertionError("no viewBox in " + svg);
        }
        int size = Integer.parseInt(box.group(1)) - 8;
        BitMatrix matrix = new BitMatrix(size);
        Matcher cell = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z").matcher(svg);
        while (cell.find()) {
            matrix.set(Integer.parseInt(cell.group(1)) - 4, Integer.parseInt(cell.group(2)) - 4);
        }
        return matrix;
    }
}
