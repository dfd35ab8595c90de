package io.omnigate.platform;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses bodies over their endpoint's cap ({@link BodyCaps}: {@code omnigate.http.*-body-size})
 * with a 413 problem+json before anything reads them. Quarkus' own limit
 * ({@code quarkus.http.limits.max-body-size}) stays above them as the backstop for bodies that do
 * not announce their length; that one answers with an empty 413.
 */
@ApplicationScoped
class HttpErrorPages {

    private final BodyCaps caps;

    HttpErrorPages(OmnigateConfig config) {
        this.caps = new BodyCaps(config.http());
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::checkDeclaredLength);
    }

    private void checkDeclaredLength(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        long maxBodyBytes = length == null ? Long.MAX_VALUE : caps.capOf(ctx.normalizedPath());
        if (length != null && declaredBytes(length) > maxBodyBytes) {
            Problem problem = new Problem(
                    Problem.typeUri("payload-too-large"),
                    "Payload too large",
                    413,
                    "The request body is larger than this endpoint accepts (" + maxBodyBytes + " bytes).",
                    ctx.normalizedPath(),
                    null);
            ctx.response().putHeader("Connection", "close");
            RouteProblems.send(ctx, problem);
            return;
        }
        ctx.next();
    }

    private static long declaredBytes(String header) {
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
