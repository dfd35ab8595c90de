package io.omnigate.platform;

import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/** Problem+json answers for plain Vert.x routes, which the REST layer's exception mappers do not reach. */
public final class RouteProblems {

    private RouteProblems() {}

    /** Answers {@code problem} unless a response has already started. */
    public static void send(RoutingContext ctx, Problem problem) {
        if (ctx.response().headWritten() || ctx.response().closed()) {
            return;
        }
        ctx.response()
                .setStatusCode(problem.status())
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(Json.encode(problem));
    }

    public static void send(RoutingContext ctx, ProblemException e) {
        send(ctx, e.toProblem(ctx.normalizedPath()));
    }
}
