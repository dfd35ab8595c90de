package io.omnigate.notifications;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The providers configured per channel, reached over HTTP ({@code POST <url>} with a {@link NotificationMessage}). */
@ApplicationScoped
class HttpNotificationSender implements NotificationSender {

    private final Map<NotificationChannel, NotificationProviderApi> providers =
            new EnumMap<>(NotificationChannel.class);
    private final NotificationsConfig config;

    HttpNotificationSender(NotificationsConfig config) {
        this.config = config;
        provider(NotificationChannel.EMAIL, config.emailUrl());
        provider(NotificationChannel.SMS, config.smsUrl());
        provider(NotificationChannel.PUSH, config.pushUrl());
    }

    private void provider(NotificationChannel channel, Optional<URI> url) {
        url.ifPresent(uri -> providers.put(
                channel,
                QuarkusRestClientBuilder.newBuilder()
                        .baseUri(uri)
                        .connectTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                        .readTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                        .build(NotificationProviderApi.class)));
    }

    @Override
    public boolean delivers(NotificationChannel channel) {
        return providers.containsKey(channel);
    }

    @Override
    public Uni<Void> send(NotificationChannel channel, NotificationMessage message) {
        NotificationProviderApi provider = providers.get(channel);
        if (provider == null) {
            return Uni.createFrom().failure(new IllegalStateException("No provider for " + channel.code()));
        }
        return provider.send(message).ifNoItem().after(config.timeout()).fail();
    }
}
