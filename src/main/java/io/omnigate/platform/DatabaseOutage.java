package io.omnigate.platform;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/**
 * Tells a failure of the database being away (refused or lost connections, a server shutting
 * down or starting) from every other failure, so callers get a 503 with Retry-After instead of a
 * 500 and try again when the database is back.
 */
public final class DatabaseOutage {

    private static final int MAX_DEPTH = 16;

    private DatabaseOutage() {}

    /** Whether {@code failure}, or anything it wraps, says the database cannot be reached. */
    public static boolean causedBy(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++) {
            if (isOutage(cause)) {
                return true;
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        return false;
    }

    /** The 503 a caller gets while the database is away. */
    public static ProblemException unavailable(long retryAfterSeconds) {
        return ProblemException.unavailable(
                "database-unavailable",
                "The gateway cannot reach its database right now; nothing was changed. Try again shortly.",
                retryAfterSeconds);
    }

    private static boolean isOutage(Throwable cause) {
        if (cause instanceof PgException pg) {
            String state = pg.getSqlState();
            // 08: connection exception; 57P01-57P03: admin/crash shutdown, cannot connect now.
            return state != null && (state.startsWith("08") || state.startsWith("57P"));
        }
        if (cause instanceof ConnectException || cause instanceof ClosedConnectionException) {
            return true;
        }
        if (cause instanceof IOException io && io.getClass().getName().startsWith("io.netty")) {
            return true;
        }
        String message = cause.getMessage();
        // Vert.x reports a pool that cannot get or keep a connection without a dedicated type.
        return message != null
                && (cause instanceof TimeoutException
                        || cause.getClass().getName().startsWith("io.vertx"))
                && (message.contains("Connection refused")
                        || message.contains("Connection is not active")
                        || message.contains("Timeout while waiting for a connection")
                        || message.contains("Failed to read any response from the server"));
    }
}
