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
 * client that does not read are bounded; past the bound the stream is reset and the client
 * reconnects and replays.
 */
final class EventStream {

    /** Who is listening, which decides what it sees. */
    enum Audience {
        /** The order's customer: {@code order.*} and {@code fulfillment.status}, pickup code revealed. */
        ORDER,
        /** An operator following one order: the customer's events, pickup code never revealed. */
        ORDER_OPERATOR,
        /** A store device or an operator: every event of the location. */
        LOCATION,
        /** A kiosk or locker: the {@code pickup.*} events of the location. */
        PICKUP_POINT;

        /** Streams that follow one order rather than one location. */
        boolean followsOrder() {
            return this == ORDER || this == ORDER_OPERATOR;
        }

        /** Only the order's own token ever sees its sealed fields (the pickup code). */
        boolean revealsSealedFields() {
            return this == ORDER;
        }
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
    /** What to do when the socket can take more: the next replay page, or the waiting frames. */
    private Runnable whenWritable;

    private long lastSent = -1;
    private long expiryTimer = -1;
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
            case ORDER_OPERATOR:
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
        response.exceptionHandler(e -> close());
        // One drain handler for the stream's life: Vert.x keeps it set after it fires, so what it
        // resumes is decided by the stream's phase at that moment, never by a stale continuation.
        response.drainHandler(v -> {
            Runnable next = whenWritable;
            whenWritable = null;
            if (next != null && !closed) {
                next.run();
            }
        });
        response.write("retry:" + retryMillis + "\n:open\n\n");
    }

    /** Closes the stream when its token expires: the client reconnects with a fresh one. */
    void closeAt(long epochMillis) {
        long delay = epochMillis - System.currentTimeMillis();
        if (delay <= 0) {
            close();
        } else {
            expiryTimer = context.owner().setTimer(delay, id -> close());
        }
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
        if (closed || live) {
            return;
        }
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
        if (closed || live) {
            return;
        }
        long cursor = lastSent;
        for (OutboxEvent event : events) {
            cursor = event.seq();
            byte[] frame = wants(event) && event.seq() > lastSent ? frame(event) : null;
            if (frame != null) {
                response.write(Buffer.buffer(frame));
            }
        }
        long next = Math.max(cursor, lastSent);
        lastSent = next;
        if (events.size() < pageSize) {
            goLive();
        } else if (response.writeQueueFull()) {
            whenWritable = () -> replay(next, upTo, pageSize, pages);
        } else {
            replay(next, upTo, pageSize, pages);
        }
    }

    /** Live now: sends what was held back during the replay. */
    void goLive() {
        if (closed || live) {
            return;
        }
        live = true;
        whenWritable = null;
        while (!held.isEmpty() && !closed) {
            send(held.poll(), null);
        }
    }

    /** Hands over a live event, from any thread; {@code frame} is its rendering when already made. */
    void offer(OutboxEvent event, byte[] frame) {
        context.runOnContext(v -> accept(event, frame));
    }

    /**
     * Ends the response cleanly with a {@code retry:} hint, on its own event loop, from any thread:
     * an EventSource reconnects after {@code retryMillis} (to another instance when this one stops).
     */
    void endSoon(long retryMillis) {
        context.runOnContext(v -> {
            if (!closed) {
                closed();
                response.end("retry:" + retryMillis + "\n\n");
            }
        });
    }

    /** Closes the stream on its own event loop, from any thread. */
    void closeSoon() {
        context.runOnContext(v -> close());
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

    private void send(OutboxEvent event, byte[] rendered) {
        if (event.seq() <= lastSent || !wants(event)) {
            return;
        }
        lastSent = event.seq();
        byte[] frame = rendered != null ? rendered : frame(event);
        if (frame == null) {
            return;
        }
        Buffer buffer = Buffer.buffer(frame);
        if (waiting.isEmpty() && !response.writeQueueFull()) {
            response.write(buffer);
            return;
        }
        waiting.add(buffer);
        if (waiting.size() > bound) {
            drop();
            return;
        }
        whenWritable = this::drain;
    }

    /** The frame of {@code event}, or null when it cannot be rendered (logged): one bad event never stalls a stream. */
    private byte[] frame(OutboxEvent event) {
        return render.apply(event);
    }

    private void drain() {
        while (!waiting.isEmpty() && !closed && !response.writeQueueFull()) {
            response.write(waiting.poll());
        }
        if (!waiting.isEmpty() && !closed) {
            whenWritable = this::drain;
        }
    }

    /** Closes a stream whose client fell behind; it reconnects and replays. */
    private void drop() {
        onDrop.run();
        close();
    }

    /**
     * Ends this stream only: on HTTP/2 a reset of this stream, not of the connection that carries
     * other clients' requests; on HTTP/1.1 the connection closes.
     */
    void close() {
        if (!closed) {
            closed();
            response.reset();
        }
    }

    private void closed() {
        if (!closed) {
            closed = true;
            held.clear();
            waiting.clear();
            whenWritable = null;
            if (expiryTimer >= 0) {
                context.owner().cancelTimer(expiryTimer);
            }
            onClose.run();
        }
    }
}
