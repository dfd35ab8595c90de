package io.omnigate.customers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** A real local carrier that takes shipment notices (and quotes nothing), configured as HTTP carrier "acme". */
public class CarrierNoticeStub implements QuarkusTestResourceLifecycleManager {

    static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        server.stubFor(
                post(urlEqualTo("/acme/shipments")).willReturn(aResponse().withStatus(202)));
        server.stubFor(post(urlEqualTo("/acme/quotes"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"quotes\":[]}")));
        return Map.of("omnigate.carriers.http.acme.url", "http://localhost:" + server.port() + "/acme");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
