package io.omnigate.security;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What the current caller may touch, for resources to check after {@code @RolesAllowed}: a store
 * device one location, an order token one order, an admin everything. Refusals are 403.
 */
@RequestScoped
public class CallerScope {

    private static final List<String> ROLES_BY_PRECEDENCE = List.of(
            Roles.ADMIN, Roles.CHECKOUT, Roles.INVENTORY_FEED, Roles.STORE_DEVICE, Roles.PICKUP_POINT, Roles.ORDER);

    private final SecurityIdentity identity;

    CallerScope(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The scope of {@code identity}, for handlers outside a CDI request (the SSE routes). */
    public static CallerScope of(SecurityIdentity identity) {
        return new CallerScope(identity);
    }

    public boolean isAdmin() {
        return authenticated().hasRole(Roles.ADMIN);
    }

    /** The caller's role, one of {@link Roles}; 401 when the request carries no token. */
    public String role() {
        SecurityIdentity caller = authenticated();
        return ROLES_BY_PRECEDENCE.stream()
                .filter(caller::hasRole)
                .findFirst()
                .orElseThrow(() -> new ForbiddenException("The token carries no omnigate role"));
    }

    /** The one location a store-device or pickup-point token acts on. */
    public Optional<String> locationId() {
        return Roles.isLocationScoped(role()) ? claim(Roles.LOCATION_CLAIM) : Optional.empty();
    }

    /** The one order an order token opens. */
    public Optional<String> orderId() {
        return Roles.ORDER.equals(role()) ? claim(Roles.ORDER_CLAIM) : Optional.empty();
    }

    /** Passes for an admin and for a store-device or pickup-point token of this location; 403 otherwise. */
    public void requireLocation(String locationId) {
        if (isAdmin()) {
            return;
        }
        if (locationId == null || !locationId().map(locationId::equals).orElse(false)) {
            throw new ForbiddenException();
        }
    }

    /** Passes for an admin and for this order's own token; 403 otherwise. */
    public void requireOrder(String orderId) {
        if (isAdmin()) {
            return;
        }
        if (orderId == null || !orderId().map(orderId::equals).orElse(false)) {
            throw new ForbiddenException();
        }
    }

    private SecurityIdentity authenticated() {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
        return identity;
    }

    private Optional<String> claim(String name) {
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            Object value = token.getClaim(name);
            return value == null ? Optional.empty() : Optional.of(value.toString());
        }
        return Optional.empty();
    }
}
