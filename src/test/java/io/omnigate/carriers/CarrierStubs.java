package io.omnigate.carriers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * Real local carrier rating services: one that answers, one that takes 5 s, one that returns
 * 500s, and one whose port is closed.
 */
public class CarrierStubs implements QuarkusTestResourceLifecycleManager {

    static final String ORIGIN = "FT-DC-1";
    static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server =
                new WireMockServer(WireMockConfiguration.options().dynamicPort().containerThreads(40));
        server.start();
        server.stubFor(post(urlEqualTo("/good/quotes"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"quotes\":[{\"originLocationId\":\"" + ORIGIN + "\",\"service\":\"NEXT_DAY\","
                                + "\"amount\":7.50,\"currency\":\"EUR\",\"promisedBy\":\"2026-03-12\"}]}")));
        server.stubFor(post(urlEqualTo("/slow/quotes"))
                .willReturn(aResponse()
                        .withFixedDelay(5000)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"quotes\":[]}")));
        server.stubFor(post(urlEqualTo("/broken/quotes")).willReturn(aResponse().withStatus(500)));

        String base = "http://localhost:" + server.port();
        Map<String, String> config = new HashMap<>();
        config.put("omnigate.carriers.http.good.url", base + "/good");
        config.put("omnigate.carriers.http.slow.url", base + "/slow");
        // Longer than any deadline: only the availability call's own budget protects the answer.
        config.put("omnigate.carriers.http.slow.timeout", "PT10S");
        config.put("omnigate.carriers.http.broken.url", base + "/broken");
        config.put("omnigate.carriers.http.broken.circuit-request-volume", "4");
        config.put("omnigate.carriers.http.broken.circuit-failure-ratio", "0.5");
        config.put("omnigate.carriers.http.broken.circuit-delay", "PT60S");
        config.put("omnigate.carriers.http.down.url", "http://localhost:" + closedPort());
        return config;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
