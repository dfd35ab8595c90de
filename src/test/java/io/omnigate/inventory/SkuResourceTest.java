package io.omnigate.inventory;

import static io.omnigate.TestApi.admin;
import static io.omnigate.TestApi.unique;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SkuResourceTest {

    /** PUTs a new SKU named {@code name}, with {@code parcelSize} when not null; returns its id and the answer. */
    private static Map.Entry<String, ValidatableResponse> put(String name, String parcelSize) {
        String sku = unique("SKU");
        Map<String, Object> body = new HashMap<>(Map.of("sku", sku, "name", name));
        if (parcelSize != null) {
            body.put("parcelSize", parcelSize);
        }
        return Map.entry(sku, admin().body(body).put("/v1/skus/{sku}", sku).then());
    }

    @Test
    void aSkuKeepsItsParcelSizeAsSentMWhenItNamesNoneAndAnUnknownSizeIsABadRequest() {
        for (String[] sent : new String[][] {{"L", "L"}, {null, "M"}}) {
            Map.Entry<String, ValidatableResponse> saved = put("Garden chair", sent[0]);
            saved.getValue().statusCode(200).body("parcelSize", is(sent[1]));
            admin().get("/v1/skus/{sku}", saved.getKey()).then().statusCode(200).body("parcelSize", is(sent[1]));
        }

        Map.Entry<String, ValidatableResponse> wrong = put("Sofa", "XXL");
        wrong.getValue()
                .statusCode(400)
                .contentType(endsWith("problem+json"))
                .body("errors[0].field", is("parcelSize"))
                .body("errors[0].message", is("must be one of [S, M, L]"));
        admin().get("/v1/skus/{sku}", wrong.getKey()).then().statusCode(404);
    }
}
