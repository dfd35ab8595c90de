package io.omnigate.notifications;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Real local email, SMS and push providers (one WireMock server, a path each) that accept every message. */
public class NotificationProviderStub implements QuarkusTestResourceLifecycleManager {

    static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        for (String channel : new String[] {"email", "sms", "push"}) {
            server.stubFor(post(urlEqualTo("/" + channel))
                    .atPriority(5)
                    .willReturn(aResponse().withStatus(202)));
        }
        String base = "http://localhost:" + server.port();
        return Map.of(
                "omnigate.notifications.email-url", base + "/email",
                "omnigate.notifications.sms-url", base + "/sms",
                "omnigate.notifications.push-url", base + "/push");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
