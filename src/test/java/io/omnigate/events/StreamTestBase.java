package io.omnigate.events;

import io.quarkus.test.common.http.TestHTTPResource;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;

/**
 * What every stream test shares: the address of the app under test, its database, and how long a
 * test waits for an event it expects (a wait that only bounds a failing test, so one generous value).
 */
abstract class StreamTestBase {

    /** The longest a stream test waits for an expected event; a passing test never waits this long. */
    static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URL base;

    @Inject
    Pool pool;

    /** The absolute URL of {@code path} (starting with a slash) on the app under test. */
    String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }
}
