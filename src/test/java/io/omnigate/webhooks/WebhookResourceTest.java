package io.omnigate.webhooks;

import static io.omnigate.TestApi.admin;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.omnigate.TestApi;
import io.omnigate.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WebhookResourceTest {

    @Test
    void anAdminSubscribesListsAndUnsubscribesAndTheSecretIsShownOnce() {
        String id = admin().body(Map.of("url", "https://erp.example/hooks", "eventTypes", List.of("order.*")))
                .post("/v1/webhooks")
                .then()
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/v1/webhooks/wh_"))
                .body("secret", startsWith("whsec_"))
                .body("pending", is(0))
                .extract()
                .path("id");
        admin().get("/v1/webhooks/{id}", id)
                .then()
                .statusCode(200)
                .body("url", is("https://erp.example/hooks"))
                .body("secret", nullValue());
        admin().get("/v1/webhooks").then().statusCode(200).body("id", hasItem(id));
        admin().get("/v1/webhooks/{id}/deliveries", id).then().statusCode(200).body("deliveries.size()", is(0));
        admin().delete("/v1/webhooks/{id}", id).then().statusCode(204);
        admin().get("/v1/webhooks/{id}", id).then().statusCode(404);
        admin().get("/v1/webhooks").then().statusCode(200).body("id", not(hasItem(id)));
    }

    @Test
    void badSubscriptionsAreRefusedFieldByField() {
        admin().body(Map.of("url", "ftp://x", "eventTypes", List.of("stock.changed", "order.status"), "secret", "x"))
                .post("/v1/webhooks")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("url", "eventTypes[0]", "secret"));
        admin().body("{}").post("/v1/webhooks").then().statusCode(400).body("errors.field", hasItem("eventTypes"));
        admin().body("[1]").post("/v1/webhooks").then().statusCode(400);
        admin().queryParam("state", "LOST")
                .get("/v1/webhooks/{id}/deliveries", "wh_none")
                .then()
                .statusCode(400);
        admin().get("/v1/webhooks/{id}/deliveries", "wh_none").then().statusCode(404);
        admin().post("/v1/webhooks/{id}/deliveries/{d}/redeliver", "wh_none", 1)
                .then()
                .statusCode(404);
    }

    @Test
    void onlyAnAdminReachesWebhooks() {
        String device = TestApi.mint(Roles.STORE_DEVICE, "S-ANY");
        TestApi.as(device).get("/v1/webhooks").then().statusCode(403);
        TestApi.as(device)
                .body(Map.of("url", "https://erp.example/hooks", "eventTypes", List.of("*")))
                .post("/v1/webhooks")
                .then()
                .statusCode(403);
        TestApi.as("not-a-token").get("/v1/webhooks").then().statusCode(401);
    }
}
