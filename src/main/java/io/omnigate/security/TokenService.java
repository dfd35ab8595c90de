package io.omnigate.security;

import io.omnigate.platform.Problem;
import io.omnigate.platform.ProblemException;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Issues omnigate's signed tokens: scoped tokens an admin asks for, and order tokens other features hand out. */
@ApplicationScoped
public class TokenService {

    public static final long MIN_TTL_SECONDS = 60;
    public static final long MAX_TTL_SECONDS = 31_536_000;
    public static final long DEFAULT_TTL_SECONDS = 86_400;
    static final int MAX_ID_LENGTH = 128;

    private final long maxAdminTtlSeconds;

    TokenService(AuthConfig auth) {
        this.maxAdminTtlSeconds = auth.maxAdminTtl().toSeconds();
    }

    /** Validates an admin's request and signs the token; 400 listing each bad field otherwise. */
    public MintedToken mintScopedToken(MintTokenRequest request) {
        MintTokenRequest body = request == null ? new MintTokenRequest(null, null, null) : request;
        List<Problem.FieldError> errors = validate(body, maxAdminTtlSeconds);
        if (!errors.isEmpty()) {
            String detail =
                    errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; "));
            throw ProblemException.invalid(detail, errors);
        }
        long defaultTtl = Roles.ADMIN.equals(body.role()) ? maxAdminTtlSeconds : DEFAULT_TTL_SECONDS;
        long ttl = body.ttlSeconds() == null ? defaultTtl : body.ttlSeconds();
        Instant expiresAt = Instant.now().plusSeconds(ttl).truncatedTo(ChronoUnit.SECONDS);
        String locationId = Roles.isLocationScoped(body.role()) ? body.locationId() : null;
        JwtClaimsBuilder claims = Jwt.subject(locationId == null ? body.role() : body.role() + "@" + locationId)
                .groups(Set.of(body.role()))
                .claim("jti", UUID.randomUUID().toString())
                .expiresAt(expiresAt);
        if (locationId != null) {
            claims.claim(Roles.LOCATION_CLAIM, locationId);
        }
        return new MintedToken(claims.sign(), body.role(), locationId, expiresAt);
    }

    /** A token that opens exactly one order (reading it, cancelling it, following its events). */
    public String mintOrderToken(String orderId, Duration ttl) {
        if (orderId == null || orderId.isBlank()) {
            throw new IllegalArgumentException("orderId is required");
        }
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        return Jwt.subject("order@" + orderId)
                .groups(Set.of(Roles.ORDER))
                .claim(Roles.ORDER_CLAIM, orderId)
                .claim("jti", UUID.randomUUID().toString())
                .expiresAt(Instant.now().plus(ttl).truncatedTo(ChronoUnit.SECONDS))
                .sign();
    }

    static List<Problem.FieldError> validate(MintTokenRequest request, long maxAdminTtlSeconds) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String role = request.role();
        if (role == null || role.isBlank()) {
            errors.add(new Problem.FieldError("role", "is required"));
        } else if (!Roles.MINTABLE.contains(role)) {
            errors.add(new Problem.FieldError("role", "must be one of " + String.join(", ", Roles.MINTABLE)));
        }
        String locationId = request.locationId();
        if (role != null && Roles.isLocationScoped(role)) {
            if (locationId == null || locationId.isBlank()) {
                errors.add(new Problem.FieldError("locationId", "is required for role " + role));
            } else if (locationId.length() > MAX_ID_LENGTH) {
                errors.add(new Problem.FieldError("locationId", "must be at most " + MAX_ID_LENGTH + " characters"));
            }
        } else if (locationId != null && role != null && Roles.MINTABLE.contains(role)) {
            errors.add(new Problem.FieldError(
                    "locationId", "is only allowed for roles " + Roles.STORE_DEVICE + " and " + Roles.PICKUP_POINT));
        }
        Long ttl = request.ttlSeconds();
        if (ttl != null && (ttl < MIN_TTL_SECONDS || ttl > MAX_TTL_SECONDS)) {
            errors.add(new Problem.FieldError(
                    "ttlSeconds", "must be between " + MIN_TTL_SECONDS + " and " + MAX_TTL_SECONDS));
        } else if (ttl != null && Roles.ADMIN.equals(role) && ttl > maxAdminTtlSeconds) {
            errors.add(new Problem.FieldError(
                    "ttlSeconds", "must be at most " + maxAdminTtlSeconds + " for role " + Roles.ADMIN));
        }
        return errors;
    }
}
