package io.omnigate.notifications;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Customer notifications: the provider per channel and how the sweep reads events and sends. */
@ConfigMapping(prefix = "omnigate.notifications")
public interface NotificationsConfig {

    /** The email provider's endpoint (messages are POSTed to it); unset: no email is ever sent. */
    Optional<URI> emailUrl();

    /** The SMS provider's endpoint; unset: no SMS is ever sent. */
    Optional<URI> smsUrl();

    /** The push provider's endpoint; unset: no push message is ever sent. */
    Optional<URI> pushUrl();

    /** How often each instance reads new events and sends the notifications due. */
    @WithDefault("PT1S")
    Duration interval();

    /** Longest wait for a provider to take one message. */
    @WithDefault("PT2S")
    Duration timeout();

    /** Attempts per message before it is marked FAILED (retried with growing pauses until then). */
    @WithDefault("6")
    int attempts();

    /** Outbox events read per pass. */
    @WithDefault("500")
    int batchSize();
}
