package io.omnigate.events;

import io.omnigate.orders.OrderEvents;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One open SSE connection. Everything it owns is touched only on its connection's event loop:
 * the relay hands it events through {@link #offer}, which hops there.
 *
 * <p>A stream that was opened with a Last-Event-ID first replays from the tables up to the seq
 * the relay had delivered when it was registered, holding live events back meanwhile, then sends
 * the held events: every event once, in order, no duplicate at the seam. Events waiting for a
 * client that does not read are bounded; past the bound the connection is closed and the client
 * reconnects and replays.
 */
final class EventStream {

    /** Who is listening, which decides what it sees. */
    enum Audience {
        /** The order's customer: {@code order.*} and {@code fulfillment.status}, pickup code revealed. */
        ORDER,
        /** A store device or an operator: every event of the location. */
        LOCATION,
        /** A kiosk or locker: the {@code pickup.*} events of the location. */
        PICKUP_POINT
    }

    private static final Buffer HEARTBEAT = Buffer.buffer(":\n\n");

    private final String key;
    private final Audience audience;
    private final Context context;
    private final HttpServerResponse response;
    private final int bound;
    private final Function<OutboxEvent, byte[]> render;
    private final ArrayDeque<OutboxEvent> held = new ArrayDeque<>();
    private final ArrayDeque<Buffer> waiting = new ArrayDeque<>();
    private Runnable onClose = () -> {};
    private Runnable onDrop = () -> {};
    private long lastSent = -1;
    private boolean live;
    private boolean closed;

    EventStream(
            String key,
            Audience audience,
            Context context,
            HttpServerResponse response,
            int bound,
            Function<OutboxEvent, byte[]> render) {
        this.key = key;
        this.audience = audience;
        this.context = context;
        this.response = response;
        this.bound = bound;
        this.render = render;
    }

    String key() {
        return key;
    }

    Audience audience() {
        return audience;
    }

    boolean wants(OutboxEvent event) {
        switch (audience) {
            case ORDER:
                return key.equals(event.orderId())
                        && (event.type().startsWith("order.") || OrderEvents.FULFILLMENT_STATUS.equals(event.type()));
            case PICKUP_POINT:
                return key.equals(event.locationId()) && event.isPickupEvent();
            default:
                return key.equals(event.locationId());
        }
    }

    /** Opens the response: headers, the retry hint, and a first comment so clients see it open. */
    void open(long retryMillis, Runnable whenClosed, Runnable whenDropped) {
        this.onClose = whenClosed;
        this.onDrop = whenDropped;
        response.setStatusCode(200)
                .setChunked(true)
                .putHeader("Content-Type", "text/event-stream;charset=UTF-8")
                .putHeader("Cache-Control", "no-cache, no-store")
                .putHeader("X-Accel-Buffering", "no");
        response.closeHandler(v -> closed());
        response.exceptionHandler(e -> closed());
        response.write("retry:" + retryMillis + "\n:open\n\n");
    }

    /** Sends a notice without an id, so the client's Last-Event-ID stays where it is. */
    void notice(String type, String json) {
        if (!closed) {
            response.write(
                    Buffer.buffer(("event:" + type + "\ndata:" + json + "\n\n").getBytes(StandardCharsets.UTF_8)));
        }
    }

    /**
     * Replays events after {@code after} up to {@code upTo}, page by page as the client reads, then
     * goes live. {@code pages} reads one page in (after, upTo].
     */
    void replay(long after, long upTo, int pageSize, BiFunction<Long, Long, Uni<List<OutboxEvent>>> pages) {
        lastSent = after;
        if (after >= upTo) {
            goLive();
            return;
        }
        pages.apply(after, upTo)
                .subscribe()
                .with(
                        events -> context.runOnContext(v -> onPage(events, upTo, pageSize, pages)),
                        failure -> context.runOnContext(v -> close()));
    }

    private void onPage(
            List<OutboxEvent> events, long upTo, int pageSize, BiFunction<Long, Long, Uni<List<OutboxEvent>>> pages) {
        if (closed) {
            return;
        }
        long cursor = lastSent;
        for (OutboxEvent event : events) {
            cursor = event.seq();
            if (wants(event) && event.seq() > lastSent) {
                response.write(Buffer.buffer(render.apply(event)));
            }
        }
        long next = Math.max(cursor, lastSent);
        lastSent = next;
        if (events.size() < pageSize) {
            goLive();
        } else if (response.writeQueueFull()) {
            response.drainHandler(v -> replay(next, upTo, pageSize, pages));
        } else {
            replay(next, upTo, pageSize, pages);
        }
    }

    /** Live now: sends what was held back during the replay. */
    void goLive() {
        live = true;
        while (!held.isEmpty() && !closed) {
            send(held.poll(), null);
        }
    }

    /** Hands over a live event, from any thread; {@code frame} is its rendering when already made. */
    void offer(OutboxEvent event, byte[] frame) {
        context.runOnContext(v -> accept(event, frame));
    }

    void heartbeat() {
        context.runOnContext(v -> {
            if (live && !closed && waiting.isEmpty() && !response.writeQueueFull()) {
                response.write(HEARTBEAT);
            }
        });
    }

    private void accept(OutboxEvent event, byte[] frame) {
        if (closed) {
            return;
        }
        if (!live) {
            held.add(event);
            if (held.size() > bound) {
                drop();
            }
            return;
        }
        send(event, frame);
    }

    private void send(OutboxEvent event, byte[] frame) {
        if (event.seq() <= lastSent || !wants(event)) {
            return;
        }
        lastSent = event.seq();
        Buffer buffer = Buffer.buffer(frame != null ? frame : render.apply(event));
        if (waiting.isEmpty() && !response.writeQueueFull()) {
            response.write(buffer);
            return;
        }
        waiting.add(buffer);
        if (waiting.size() > bound) {
            drop();
            return;
        }
        response.drainHandler(v -> drain());
    }

    private void drain() {
        while (!waiting.isEmpty() && !closed && !response.writeQueueFull()) {
            response.write(waiting.poll());
        }
        if (!waiting.isEmpty() && !closed) {
            response.drainHandler(v -> drain());
        }
    }

    /** Closes a stream whose client fell behind; it reconnects and replays. */
    private void drop() {
        onDrop.run();
        close();
    }

    void close() {
        if (!closed) {
            closed();
            response.close();
        }
    }

    private void closed() {
        if (!closed) {
            closed = true;
            held.clear();
            waiting.clear();
            onClose.run();
        }
    }
}
