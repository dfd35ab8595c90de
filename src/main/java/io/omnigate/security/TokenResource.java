package io.omnigate.security;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** {@code POST /v1/auth/tokens}: how an operator hands out scoped tokens to devices, feeds and checkouts. */
@Path("/v1/auth/tokens")
@Tag(name = "auth")
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class TokenResource {

    /** The answer to a revocation. */
    public record Revoked(String jti) {}

    private final TokenService tokens;
    private final RevokedTokens revoked;

    TokenResource(TokenService tokens, RevokedTokens revoked) {
        this.tokens = tokens;
        this.revoked = revoked;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mint a scoped bearer token (admin only)")
    public MintedToken mint(MintTokenRequest request) {
        return tokens.mintScopedToken(request);
    }

    @POST
    @Path("/{jti}/revoke")
    @RolesAllowed(Roles.ADMIN)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Revoke a token by its jti (admin only), on every instance at once",
            description = "Every minted token carries a jti claim. From then on the token gets 401 on every"
                    + " request on every instance, opening a stream included; revoking twice changes nothing.")
    public Uni<Revoked> revoke(@RestPath @NotBlank @Size(max = TokenService.MAX_ID_LENGTH) String jti) {
        return revoked.revoke(jti).map(done -> new Revoked(jti));
    }
}
