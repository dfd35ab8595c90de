package io.omnigate.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.security.PresentedToken.Source;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PresentedTokenTest {

    @ParameterizedTest
    @ValueSource(strings = {"/v1/orders/O-1/events", "/v1/locations/S-0007/events", "/v1/orders/O-1/events/"})
    void sseStreamsAcceptTheQueryToken(String path) {
        assertTrue(PresentedToken.acceptsQueryToken("GET", path));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/v1/auth/tokens",
                "/v1/orders/O-1",
                "/v1/orders/events",
                "/v1/orders/O-1/events/extra",
                "/v1/orders/a/b/events",
                "/v1/locations/S-1/fulfillments",
                "/x/v1/orders/O-1/events",
                "/v1/orders//events"
            })
    void otherPathsDoNot(String path) {
        assertFalse(PresentedToken.acceptsQueryToken("GET", path));
    }

    @Test
    void onlyGetAcceptsTheQueryToken() {
        assertFalse(PresentedToken.acceptsQueryToken("POST", "/v1/orders/O-1/events"));
        assertFalse(PresentedToken.acceptsQueryToken("HEAD", "/v1/orders/O-1/events"));
    }

    @Test
    void bearerHeaderIsTakenEverywhere() {
        PresentedToken token = PresentedToken.of("POST", "/v1/auth/tokens", "Bearer abc.def.ghi", List.of());
        assertEquals(new PresentedToken(Source.HEADER, "abc.def.ghi"), token);
        assertEquals(
                Source.HEADER,
                PresentedToken.of("GET", "/x", "bearer xyz", null).source());
    }

    @Test
    void headerWinsOverQueryParameter() {
        PresentedToken token =
                PresentedToken.of("GET", "/v1/orders/O-1/events", "Bearer from-header", List.of("from-query"));
        assertEquals(new PresentedToken(Source.HEADER, "from-header"), token);
    }

    @Test
    void queryParameterIsTakenOnSseStreamsOnly() {
        assertEquals(
                new PresentedToken(Source.QUERY, "t"),
                PresentedToken.of("GET", "/v1/locations/S-1/events", null, List.of("t")));
        assertEquals(
                Source.NONE,
                PresentedToken.of("GET", "/v1/orders/O-1", null, List.of("t")).source());
        assertEquals(
                Source.NONE,
                PresentedToken.of("POST", "/v1/orders/O-1/events", null, List.of("t"))
                        .source());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic YWRtaW46YWRtaW4=", "Bearer", "Bearer ", "Bearer a b", "Token abc", ""})
    void malformedHeadersAreRefused(String header) {
        assertEquals(
                Source.MALFORMED,
                PresentedToken.of("GET", "/v1/orders/O-1", header, List.of()).source());
    }

    @Test
    void repeatedOrEmptyQueryTokensAreRefused() {
        assertEquals(
                Source.MALFORMED,
                PresentedToken.of("GET", "/v1/orders/O-1/events", null, List.of("a", "b"))
                        .source());
        assertEquals(
                Source.MALFORMED,
                PresentedToken.of("GET", "/v1/orders/O-1/events", null, List.of(""))
                        .source());
    }

    @Test
    void noCredentialsIsAnonymous() {
        assertEquals(
                Source.NONE,
                PresentedToken.of("GET", "/v1/orders/O-1/events", null, List.of())
                        .source());
    }
}
