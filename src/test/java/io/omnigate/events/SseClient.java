package io.omnigate.events;

import io.omnigate.TestApi;
import io.omnigate.security.Roles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real SSE client over HTTP for tests: parses the event stream as a browser's EventSource does
 * (fields {@code id}, {@code event}, {@code data}, {@code retry}, comment lines) on a thread of
 * its own, and hands complete events to the test.
 */
final class SseClient implements AutoCloseable {

    /** One dispatched event. */
    record Event(String id, String type, String data) {}

    /** HTTP/1.1, as a browser's EventSource talks to a plain-HTTP origin. */
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private static final HttpClient HTTP2 = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_2)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final AtomicInteger comments = new AtomicInteger();
    private final HttpResponse<InputStream> response;
    private final Thread reader;
    private volatile String retry;
    private volatile boolean ended;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-client");
        this.reader.setDaemon(true);
        if (response.statusCode() == 200) {
            this.reader.start();
        }
    }

    /** Opens {@code url} with a bearer token and, when not null, a Last-Event-ID header. */
    static SseClient open(String url, String token, String lastEventId) {
        return open(HTTP, url, token, lastEventId);
    }

    /** The same over HTTP/2 (cleartext upgrade), as proxies in front of the gateway may speak. */
    static SseClient openOverHttp2(String url, String token) {
        return open(HTTP2, url, token, null);
    }

    private static SseClient open(HttpClient http, String url, String token, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "text/event-stream")
                .GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return send(http, request.build());
    }

    /** Opens the stream of location {@code store} with a store-device token minted for it. */
    static SseClient openAsStoreDevice(URL base, String store) {
        String device = TestApi.mint(Roles.STORE_DEVICE, store);
        return open(base.toString().replaceAll("/$", "") + "/v1/locations/" + store + "/events", device, null);
    }

    /** Opens {@code url} as it is (an EventSource with {@code ?access_token=}). */
    static SseClient open(String url) {
        return send(HTTP, HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    private static SseClient send(HttpClient http, HttpRequest request) {
        try {
            return new SseClient(http.send(request, HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int status() {
        return response.statusCode();
    }

    String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The body of a refused request. */
    String body() throws IOException {
        return new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
    }

    String retry() {
        return retry;
    }

    int comments() {
        return comments.get();
    }

    boolean ended() {
        return ended;
    }

    /** The next event, waiting at most {@code timeout}; fails the test when none comes. */
    Event next(Duration timeout) throws InterruptedException {
        Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new AssertionError("No event within " + timeout);
        }
        return event;
    }

    /** The next event of {@code type}, skipping others. */
    Event next(String type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Event event = events.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("No " + type + " event within " + timeout);
            }
            if (event.type().equals(type)) {
                return event;
            }
        }
    }

    /** Every event that arrives within {@code quiet} of the previous one. */
    List<Event> drain(Duration quiet) throws InterruptedException {
        List<Event> all = new ArrayList<>();
        Event event;
        while ((event = events.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
            all.add(event);
        }
        return all;
    }

    private void read() {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String type = null;
            StringBuilder data = null;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(id, type == null ? "message" : type, data.toString()));
                    }
                    type = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.incrementAndGet();
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    if (value.startsWith(" ")) {
                        value = value.substring(1);
                    }
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> type = value;
                        case "retry" -> retry = value;
                        case "data" ->
                            data = data == null
                                    ? new StringBuilder(value)
                                    : data.append('\n').append(value);
                        default -> {}
                    }
                }
            }
        } catch (IOException e) {
            // closed by the test or by the server
        } finally {
            ended = true;
        }
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // already gone
        }
        reader.interrupt();
    }
}
