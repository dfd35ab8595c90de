package io.omnigate.events;

/**
 * Receives the numbered internal events ({@link OutboxEvent#isInternal()}) this instance's relay
 * reads, in seq order, once each per relay pass; the in-memory ATP replica is one.
 */
public interface InternalEventSink {

    /** Called on the relay's thread: keep it short and never block (hand heavy work to a thread of your own). */
    void accept(OutboxEvent event);
}
