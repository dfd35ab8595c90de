package io.omnigate.platform.tracing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/** A TCP port standing in for an OTLP collector: it only counts who dials it, then hangs up. */
final class FakeCollector implements AutoCloseable {

    private final ServerSocket socket;
    private final AtomicInteger connections = new AtomicInteger();

    private FakeCollector(ServerSocket socket) {
        this.socket = socket;
        Thread acceptor = new Thread(this::accept, "fake-otlp-collector");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Listens on {@code port} of 127.0.0.1 (0 for any free port). */
    static FakeCollector listen(int port) throws IOException {
        return new FakeCollector(new ServerSocket(port, 50, InetAddress.getLoopbackAddress()));
    }

    int port() {
        return socket.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                connections.incrementAndGet();
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
