package io.omnigate.security;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a request carries its token, decided by a pure function so the rules (bearer header
 * everywhere, {@code ?access_token=} only on the SSE streams) are tested without HTTP.
 */
public record PresentedToken(Source source, String value) {

    /** How the token reached the gateway. */
    public enum Source {
        /** No credentials: the request is anonymous. */
        NONE,
        /** An {@code Authorization: Bearer} header. */
        HEADER,
        /** The {@code access_token} query parameter of an SSE stream. */
        QUERY,
        /** Credentials that cannot be a token: refused with 401. */
        MALFORMED
    }

    public static final String ACCESS_TOKEN_PARAMETER = "access_token";

    private static final PresentedToken NONE = new PresentedToken(Source.NONE, null);
    private static final PresentedToken MALFORMED = new PresentedToken(Source.MALFORMED, null);
    private static final String BEARER_PREFIX = "bearer ";
    private static final Pattern SSE_PATH = Pattern.compile("/v1/(orders|locations)/[^/]+/events/?");

    /**
     * Picks the token of a request. The header wins when present; the query parameter counts
     * only for {@code GET} on an SSE stream, because EventSource cannot send headers.
     */
    public static PresentedToken of(String method, String path, String authorization, List<String> accessTokens) {
        if (authorization != null) {
            if (authorization.length() <= BEARER_PREFIX.length()
                    || !authorization
                            .substring(0, BEARER_PREFIX.length())
                            .toLowerCase(Locale.ROOT)
                            .equals(BEARER_PREFIX)) {
                return MALFORMED;
            }
            return tokenOrMalformed(
                    Source.HEADER,
                    authorization.substring(BEARER_PREFIX.length()).strip());
        }
        if (accessTokens == null || accessTokens.isEmpty() || !acceptsQueryToken(method, path)) {
            return NONE;
        }
        return accessTokens.size() == 1
                ? tokenOrMalformed(Source.QUERY, accessTokens.get(0).strip())
                : MALFORMED;
    }

    /** Whether a request may authenticate with {@code ?access_token=}: GET on an order or location event stream. */
    public static boolean acceptsQueryToken(String method, String path) {
        return "GET".equals(method) && path != null && SSE_PATH.matcher(path).matches();
    }

    private static PresentedToken tokenOrMalformed(Source source, String token) {
        if (token.isEmpty() || token.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            return MALFORMED;
        }
        return new PresentedToken(source, token);
    }
}
