package io.omnigate.web;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The checkout demo page: not a product page (a retailer's own checkout calls the API), so it is
 * served only when {@code omnigate.web.checkout-demo} is on, as in dev mode.
 */
@ApplicationScoped
class CheckoutDemoPage {

    static final String RESOURCE = "/web-demo/checkout.html";

    private final WebConfig config;

    CheckoutDemoPage(WebConfig config) {
        this.config = config;
    }

    void install(@Observes Router router) {
        if (!config.checkoutDemo()) {
            return;
        }
        String page = read();
        router.get("/app/checkout/")
                .handler(ctx -> ctx.response()
                        .putHeader("Content-Type", "text/html;charset=UTF-8")
                        .putHeader("Cache-Control", "no-cache")
                        .end(page));
        router.get("/app/checkout").handler(ctx -> ctx.redirect("/app/checkout/"));
    }

    private static String read() {
        try (InputStream in = CheckoutDemoPage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the application");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
