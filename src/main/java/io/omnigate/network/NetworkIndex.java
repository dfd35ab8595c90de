package io.omnigate.network;

import io.omnigate.platform.PgChannels;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * The whole network in memory, so checkout-time questions ("nearest stores with PICKUP") never
 * wait for the database. Every instance refreshes it from PostgreSQL NOTIFY pokes on each change,
 * and reloads it whole after its LISTEN connection comes back.
 */
@ApplicationScoped
public class NetworkIndex {

    private static final Logger LOG = Logger.getLogger(NetworkIndex.class);

    private record Snapshot(Map<String, Location> byId, GeoGrid grid) {
        static Snapshot of(Map<String, Location> byId) {
            return new Snapshot(Map.copyOf(byId), GeoGrid.of(byId.values()));
        }
    }

    private final LocationRepository repository;
    private final PgChannels channels;
    private volatile Snapshot snapshot = Snapshot.of(Map.of());

    NetworkIndex(LocationRepository repository, PgChannels channels) {
        this.repository = repository;
        this.channels = channels;
    }

    void start(@Observes @Priority(50) StartupEvent event) {
        replaceAll(repository.findAll().await().atMost(Duration.ofMinutes(2)));
        LOG.infof("Network index holds %d locations", snapshot.byId().size());
        channels.listen(LocationRepository.CHANNEL, this::refresh, this::reloadAll);
    }

    public Optional<Location> get(String id) {
        return Optional.ofNullable(snapshot.byId().get(id));
    }

    public Collection<Location> all() {
        return snapshot.byId().values();
    }

    public int size() {
        return snapshot.byId().size();
    }

    /** Nearest first; {@code radiusKm} may be {@link Double#POSITIVE_INFINITY}. */
    public List<Nearby> nearest(double lat, double lon, double radiusKm, int limit, Predicate<Location> filter) {
        return snapshot.grid().nearest(lat, lon, radiusKm, limit, filter);
    }

    /** Applies a change this instance just committed, without waiting for the poke. */
    public synchronized void put(Location location) {
        Location current = snapshot.byId().get(location.id());
        if (current != null && current.version() > location.version()) {
            return;
        }
        Map<String, Location> next = new HashMap<>(snapshot.byId());
        next.put(location.id(), location);
        snapshot = Snapshot.of(next);
    }

    public synchronized void replaceAll(Collection<Location> locations) {
        Map<String, Location> next = new HashMap<>();
        locations.forEach(l -> next.put(l.id(), l));
        snapshot = Snapshot.of(next);
    }

    private void refresh(String locationId) {
        repository
                .findById(locationId)
                .subscribe()
                .with(
                        found -> found.ifPresent(this::put),
                        failure -> LOG.warnf("Could not refresh location %s: %s", locationId, failure.getMessage()));
    }

    private void reloadAll() {
        repository
                .findAll()
                .subscribe()
                .with(this::replaceAll, failure -> LOG.warnf("Could not reload the network: %s", failure.getMessage()));
    }
}
