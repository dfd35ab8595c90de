package io.omnigate.notifications;

import io.micrometer.core.instrument.MeterRegistry;
import io.omnigate.customers.CustomerContacts;
import io.omnigate.platform.PeriodicSweep;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Tells customers about their orders through the channels they opted into. Each pass queues what new
 * events owe, then sends what is due: the channel's {@code notify.*} consent is read again as the
 * message leaves (a withdrawal wins over a message not yet sent), the address is opened from the
 * sealed contact data, and each message sent is recorded with the fields it carried. Delivery is at
 * least once: a message whose answer is lost is sent again with the same {@code id}.
 */
@ApplicationScoped
public class NotificationSweep {

    private static final Logger LOG = Logger.getLogger(NotificationSweep.class);

    static final int MAX_PER_PASS = 50;

    private final NotificationQueue queue;
    private final NotificationSender sender;
    private final CustomerContacts contacts;
    private final NotificationsConfig config;
    private final Vertx vertx;
    private final MeterRegistry registry;
    private PeriodicSweep sweeper;

    NotificationSweep(
            NotificationQueue queue,
            NotificationSender sender,
            CustomerContacts contacts,
            NotificationsConfig config,
            Vertx vertx,
            MeterRegistry registry) {
        this.queue = queue;
        this.sender = sender;
        this.contacts = contacts;
        this.config = config;
        this.vertx = vertx;
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) {
        sweeper = PeriodicSweep.every(vertx, config.interval(), "Customer notifications", this::pass);
    }

    void stop(@Observes ShutdownEvent event) {
        if (sweeper != null) {
            sweeper.stop();
        }
    }

    /** Queues what new events owe, then sends what is due; the number sent. */
    public Uni<Integer> pass() {
        List<NotificationChannel> channels = Arrays.stream(NotificationChannel.values())
                .filter(sender::delivers)
                .toList();
        if (channels.isEmpty()) {
            return queue.skipAll().replaceWith(0);
        }
        return queueAll(channels).chain(this::sendDue);
    }

    /** Queues new events batch after batch until the cursor has caught up. */
    private Uni<Void> queueAll(List<NotificationChannel> channels) {
        return queue.queueNew(config.batchSize(), channels)
                .chain(read -> read < config.batchSize() ? Uni.createFrom().voidItem() : queueAll(channels));
    }

    private Uni<Integer> sendDue() {
        // The pause outlasts a send's timeout, so another instance never takes a message still in flight.
        double pause = Math.max(1, 2 * config.timeout().toMillis() / 1000.0);
        return queue.claim(pause, MAX_PER_PASS)
                .onItem()
                .transformToMulti(claimed -> Multi.createFrom().iterable(claimed))
                .onItem()
                .transformToUniAndConcatenate(claimed -> sendOne(claimed)
                        .onFailure()
                        .call(() -> {
                            count(claimed.channel(), "failed");
                            return queue.failedIfExhausted(claimed.id(), config.attempts());
                        })
                        .onFailure()
                        .recoverWithItem(failure -> {
                            LOG.warnf(
                                    "Notification %d (%s) failed: %s",
                                    claimed.id(), claimed.channel().code(), failure.getMessage());
                            return false;
                        }))
                .collect()
                .asList()
                .map(sent -> (int) sent.stream().filter(Boolean::booleanValue).count());
    }

    private Uni<Boolean> sendOne(NotificationQueue.Claimed claimed) {
        return queue.content(claimed).chain(content -> {
            if (!content.granted() || content.consentRecordId() == null) {
                count(claimed.channel(), "skipped");
                return queue.skipped(claimed.id(), "consent-withdrawn").replaceWith(false);
            }
            Optional<CustomerContacts.Contact> contact = contacts.open(content.sealed());
            Optional<String> to = contact.flatMap(c -> claimed.channel().address(c, claimed.customerId()));
            if (to.isEmpty()) {
                count(claimed.channel(), "skipped");
                return queue.skipped(claimed.id(), contact.isEmpty() ? "erased" : "no-address")
                        .replaceWith(false);
            }
            CustomerContacts.Contact opened = contact.get();
            List<String> fields = new ArrayList<>(List.of(claimed.channel().addressField()));
            if (opened.name() != null) {
                fields.add("name");
            }
            if (opened.locale() != null) {
                fields.add("locale");
            }
            NotificationMessage message = new NotificationMessage(
                    "ntf_" + claimed.id(),
                    claimed.channel().code(),
                    to.get(),
                    claimed.template(),
                    claimed.orderId(),
                    claimed.channel() == NotificationChannel.PUSH ? claimed.customerId() : null,
                    opened.name(),
                    opened.locale(),
                    content.locationId());
            return sender.send(claimed.channel(), message)
                    .invoke(() -> count(claimed.channel(), "sent"))
                    .chain(() -> queue.sent(claimed.id(), fields, content.consentRecordId()))
                    .replaceWith(true);
        });
    }

    private void count(NotificationChannel channel, String outcome) {
        registry.counter("omnigate.notifications", "channel", channel.code(), "outcome", outcome)
                .increment();
    }
}
