package io.omnigate.platform;

import static io.omnigate.TestApi.admin;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProblemResponsesTest {

    @Test
    void bodyOverTheLimitIsA413Problem() throws Exception {
        // A raw request announcing a body over the limit: the gateway answers before reading it.
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            String request = "POST /v1/inventory/adjustments HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + TestApi.bootstrapSecret() + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 200000000\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            StringBuilder received = new StringBuilder();
            byte[] buffer = new byte[4096];
            int read;
            while (!received.toString().endsWith("}")
                    && (read = socket.getInputStream().read(buffer)) > 0) {
                received.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            }
            String response = received.toString();
            assertTrue(response.startsWith("HTTP/1.1 413"), response);
            assertTrue(response.contains("application/problem+json"), response);
            assertTrue(response.contains("\"status\":413"), response);
        }
    }

    @Test
    void unknownPathAndWrongMethodAreProblems() {
        admin().get("/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
        admin().delete("/v1/routing/policy").then().statusCode(405).contentType("application/problem+json");
    }

    @Test
    void valuesThePostgresRefusesAreA400NotA500() {
        admin().urlEncodingEnabled(false)
                .get("/v1/inventory/%00")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        admin().urlEncodingEnabled(false).get("/v1/locations/A%00B").then().statusCode(400);
    }

    @Test
    void wrongContentTypeIsA415Problem() {
        admin().contentType("application/xml")
                .body("<a/>")
                .post("/v1/inventory/adjustments")
                .then()
                .statusCode(415)
                .contentType("application/problem+json")
                .body("type", containsString("http-415"));
    }
}
