package io.omnigate.platform.openapi;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The published document is usable by code generators: named operations, described tags, problem answers. */
@QuarkusTest
class OpenApiContractTest {

    @Test
    void everyOperationIsNamedTaggedAndDescribesItsProblems() throws Exception {
        JsonNode doc = new ObjectMapper()
                .readTree(given().queryParam("format", "json")
                        .get("/q/openapi")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
        assertFalse(doc.path("servers").isEmpty(), "servers");
        Set<String> described = new HashSet<>();
        doc.path("tags").forEach(tag -> {
            if (!tag.path("description").asText().isBlank()) {
                described.add(tag.path("name").asText());
            }
        });
        Set<String> ids = new HashSet<>();
        List<String> problems = new ArrayList<>();
        doc.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                    // Only the product's paths: the test application also carries test-only resources.
                    if (!path.getKey().startsWith("/v1/")
                            || !op.getValue().isObject()
                            || !op.getValue().has("responses")) {
                        return;
                    }
                    String where = op.getKey() + " " + path.getKey();
                    String id = op.getValue().path("operationId").asText();
                    if (id.isBlank() || !ids.add(id)) {
                        problems.add(where + ": operationId '" + id + "' missing or repeated");
                    }
                    op.getValue().path("tags").forEach(tag -> {
                        if (!described.contains(tag.asText())) {
                            problems.add(where + ": tag " + tag.asText() + " not described");
                        }
                    });
                    if (path.getKey().startsWith("/v1/")) {
                        op.getValue().path("responses").fields().forEachRemaining(response -> {
                            if (response.getKey().startsWith("4")
                                    && !response.getValue().path("content").has("application/problem+json")) {
                                problems.add(where + ": " + response.getKey() + " is not problem+json");
                            }
                        });
                        if (!op.getValue().path("responses").has("401")) {
                            problems.add(where + ": no 401");
                        }
                    }
                }));
        assertEquals(List.of(), problems);
        assertTrue(ids.size() > 30, "operations found: " + ids.size());
        assertTrue(doc.path("components").path("schemas").has("Problem"));
    }
}
