package io.omnigate.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.smallrye.jwt.runtime.auth.JsonWebTokenCredential;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Replaces SmallRye JWT's bearer mechanism: takes the token from the header (or, on SSE streams
 * only, from {@code ?access_token=}), accepts the bootstrap secret as admin and hands every other
 * token to SmallRye JWT's identity provider for signature, issuer and expiry checks; a token
 * verified before is answered from {@link VerifiedTokens} until its expiry.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class OmnigateAuthMechanism implements HttpAuthenticationMechanism {

    static final String BOOTSTRAP_PRINCIPAL = "bootstrap-admin";

    private final BootstrapToken bootstrap;
    private final VerifiedTokens verified;
    private final RevokedTokens revoked;
    private final OrderTokens orderTokens;

    OmnigateAuthMechanism(
            BootstrapToken bootstrap, VerifiedTokens verified, RevokedTokens revoked, OrderTokens orderTokens) {
        this.bootstrap = bootstrap;
        this.verified = verified;
        this.revoked = revoked;
        this.orderTokens = orderTokens;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        PresentedToken presented = PresentedToken.of(
                context.request().method().name(),
                context.normalizedPath(),
                context.request().getHeader(HttpHeaders.AUTHORIZATION),
                context.queryParam(PresentedToken.ACCESS_TOKEN_PARAMETER));
        if (presented.source() == PresentedToken.Source.NONE) {
            return Uni.createFrom().nullItem();
        }
        if (presented.source() == PresentedToken.Source.MALFORMED) {
            return Uni.createFrom().failure(new AuthenticationFailedException("Malformed credentials"));
        }
        // Only verified JWTs are remembered, so a hit cannot be the bootstrap secret: skip its hash.
        SecurityIdentity known = verified.get(presented.value());
        if (known != null) {
            return Uni.createFrom().item(() -> unlessRevoked(known));
        }
        // The bootstrap secret only ever travels in a header: query strings end up in access logs.
        if (presented.source() == PresentedToken.Source.HEADER && bootstrap.matches(presented.value())) {
            return Uni.createFrom().item(bootstrapAdmin());
        }
        if (OrderTokens.isOrderToken(presented.value())) {
            return orderTokens
                    .verify(presented.value())
                    .<Uni<SecurityIdentity>>map(identity -> Uni.createFrom().item(() -> unlessRevoked(identity)))
                    .orElseGet(
                            () -> Uni.createFrom().failure(new AuthenticationFailedException("Invalid order token")));
        }
        AuthenticationRequest request = HttpSecurityUtils.setRoutingContextAttribute(
                new TokenAuthenticationRequest(new JsonWebTokenCredential(presented.value())), context);
        return identityProviderManager
                .authenticate(request)
                .invoke(identity -> verified.put(presented.value(), identity))
                .map(this::unlessRevoked);
    }

    /** Checked on every request, after the verification or the cache: a revoked token never passes. */
    private SecurityIdentity unlessRevoked(SecurityIdentity identity) {
        if (identity != null
                && identity.getPrincipal() instanceof JsonWebToken token
                && revoked.isRevoked(token.getTokenID())) {
            throw new AuthenticationFailedException("Revoked token");
        }
        return identity;
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
    }

    private static SecurityIdentity bootstrapAdmin() {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(BOOTSTRAP_PRINCIPAL))
                .addRole(Roles.ADMIN)
                .build();
    }
}
