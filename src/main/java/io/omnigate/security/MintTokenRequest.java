package io.omnigate.security;

/** Body of {@code POST /v1/auth/tokens}: which role, for which location, for how long. */
public record MintTokenRequest(String role, String locationId, Long ttlSeconds) {}
