package io.omnigate.webhooks;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Posts one signed delivery and reports what the target answered; never follows redirects, keeps
 * only the start of the answer, and gives up after the configured timeout.
 */
@ApplicationScoped
class WebhookSender {

    /** What a target answered: its status (null when none came) and the start of its body or the error. */
    record Outcome(Integer status, String response, String error) {

        boolean succeeded() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private final HttpClient client;
    private final WebhooksConfig config;
    private final Clock clock;

    WebhookSender(Vertx vertx, WebhooksConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.timeout().toMillis())
                .setMaxPoolSize(Math.max(8, config.maxInFlight() * 4))
                .setKeepAlive(true)
                .setName("omnigate-webhooks"));
    }

    void close(@Observes ShutdownEvent event) {
        client.close();
    }

    Uni<Outcome> send(DeliveryQueue.Target target, DeliveryQueue.Claimed delivery) {
        String webhookId = WebhookStore.webhookId(target.id(), delivery.seq());
        long timestamp = clock.instant().getEpochSecond();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(target.url())
                .setFollowRedirects(false)
                .setIdleTimeout(config.timeout().toMillis())
                .putHeader("content-type", "application/json")
                .putHeader("user-agent", "omnigate-webhooks")
                .putHeader("webhook-id", webhookId)
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader(
                        "webhook-signature",
                        WebhookSignature.sign(target.secret(), webhookId, timestamp, delivery.body()));
        Promise<Outcome> outcome = Promise.promise();
        client.request(options)
                .compose(request -> request.send(Buffer.buffer(delivery.body(), "UTF-8")))
                .onFailure(failure -> outcome.tryComplete(new Outcome(null, null, describe(failure))))
                .onSuccess(response -> {
                    Buffer start = Buffer.buffer();
                    int keep = config.responseSnippet();
                    response.handler(chunk -> {
                        if (start.length() < keep) {
                            start.appendBuffer(chunk.slice(0, Math.min(chunk.length(), keep - start.length())));
                        }
                    });
                    response.exceptionHandler(failure ->
                            outcome.tryComplete(new Outcome(response.statusCode(), text(start), describe(failure))));
                    response.endHandler(
                            done -> outcome.tryComplete(new Outcome(response.statusCode(), text(start), null)));
                });
        return Uni.createFrom()
                .completionStage(outcome.future().toCompletionStage())
                .ifNoItem()
                .after(config.timeout().plusSeconds(1))
                .recoverWithItem(() -> new Outcome(null, null, "no answer within " + config.timeout()));
    }

    private static String text(Buffer buffer) {
        return new String(buffer.getBytes(), StandardCharsets.UTF_8);
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return "the request failed";
        }
        return message.length() > 300 ? message.substring(0, 300) : message;
    }
}
