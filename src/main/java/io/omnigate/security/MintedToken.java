package io.omnigate.security;

import java.time.Instant;

/** Answer of {@code POST /v1/auth/tokens}: the signed token and what it allows until when. */
public record MintedToken(String token, String role, String locationId, Instant expiresAt) {}
