package io.omnigate.security;

import static io.restassured.RestAssured.given;

import io.omnigate.TestApi;
import io.restassured.http.ContentType;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/** Shared steps of the HTTP security tests: the generated bootstrap secret and minting through the API. */
final class SecurityTestSupport {

    private SecurityTestSupport() {}

    static Path bootstrapFile() {
        String dataDir = ConfigProvider.getConfig().getValue("omnigate.data-dir", String.class);
        return Path.of(dataDir, BootstrapToken.FILE_NAME);
    }

    static String bootstrapSecret() {
        return TestApi.bootstrapSecret();
    }

    static String mint(Map<String, Object> body) {
        return given().auth()
                .oauth2(bootstrapSecret())
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/v1/auth/tokens")
                .then()
                .statusCode(200)
                .extract()
                .path("token");
    }
}
