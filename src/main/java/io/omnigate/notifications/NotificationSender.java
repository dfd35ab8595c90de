package io.omnigate.notifications;

import io.smallrye.mutiny.Uni;

/** Hands a message to whatever delivers a channel (an email, SMS or push provider). */
public interface NotificationSender {

    /** Whether this deployment can deliver {@code channel} at all. */
    boolean delivers(NotificationChannel channel);

    /** Sends one message; fails when the provider refuses it or does not answer in time. */
    Uni<Void> send(NotificationChannel channel, NotificationMessage message);
}
