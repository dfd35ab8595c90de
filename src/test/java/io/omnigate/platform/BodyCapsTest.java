package io.omnigate.platform;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, limits: each endpoint refuses a body larger than it needs with a 413 problem, from
 * the announced length alone (the test sends headers only: nothing of the body is read).
 */
@QuarkusTest
class BodyCapsTest {

    private static final long MIB = 1024 * 1024;

    @TestHTTPResource("/")
    URL base;

    @Test
    void smallJsonEndpointsRefuseWhatBulkAndSnapshotEndpointsAccept() throws Exception {
        String orders = statusLineAndBody("POST", "/v1/orders", MIB);
        assertTrue(orders.startsWith("HTTP/1.1 413"), orders);
        assertTrue(orders.contains("application/problem+json"), orders);
        assertTrue(orders.contains("/problems/payload-too-large"), orders);
        assertTrue(orders.contains("262144 bytes"), orders);
        assertTrue(statusLineAndBody("POST", "/v1/availability", MIB).startsWith("HTTP/1.1 413"));

        assertNotEquals(413, status("POST", "/v1/inventory/adjustments", MIB), "bulk lists may be larger");
        assertTrue(
                statusLineAndBody("POST", "/v1/inventory/adjustments", 17 * MIB).startsWith("HTTP/1.1 413"));
        assertNotEquals(413, status("PUT", "/v1/locations/S-1/inventory", 17 * MIB), "snapshots may be largest");
        assertTrue(statusLineAndBody("PUT", "/v1/locations/S-1/inventory", 65 * MIB)
                .startsWith("HTTP/1.1 413"));
    }

    /** The answer's status, or -1 when the server is still waiting for the body (it accepted its length). */
    private int status(String method, String path, long length) throws Exception {
        try {
            String answer = statusLineAndBody(method, path, length);
            return Integer.parseInt(answer.substring(9, 12));
        } catch (SocketTimeoutException waitingForTheBody) {
            return -1;
        }
    }

    /** Announces {@code length} bytes, sends none, and reads the answer's head and a little body. */
    private String statusLineAndBody(String method, String path, long length) throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(3_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder answer = new StringBuilder(in.readLine());
            char[] rest = new char[2048];
            int read = in.read(rest);
            if (read > 0 && answer.toString().contains(" 413 ")) {
                answer.append('\n').append(rest, 0, read);
            }
            return answer.toString();
        }
    }
}
