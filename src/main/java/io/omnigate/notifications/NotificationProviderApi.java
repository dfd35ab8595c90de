package io.omnigate.notifications;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The JSON contract of a notification provider: one message per POST to its configured URL. */
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface NotificationProviderApi {

    @POST
    Uni<Void> send(NotificationMessage message);
}
