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
import java.util.concurrent.ConcurrentHashMap;
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

    private record Snapshot(
            Map<String, Location> byId, GeoGrid grid, NearestCache cells, Map<Object, List<Nearby>> aroundLocations) {
        static Snapshot of(Map<String, Location> byId) {
            GeoGrid grid = GeoGrid.of(byId.values());
            return new Snapshot(Map.copyOf(byId), grid, new NearestCache(grid), new ConcurrentHashMap<>());
        }
    }

    /** What a remembered nearest-to-a-location answer depends on. */
    private record AroundKey(Object family, String locationId, double radiusKm, int limit) {}

    private static final int MAX_AROUND_ENTRIES = 20_000;

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

    /**
     * As {@link #nearest}, answered from candidate sets remembered per grid cell until the network
     * changes. {@code family} names the filter: equal families must mean equal filters (include
     * anything the filter reads, such as the routing policy's ship-from types).
     */
    public List<Nearby> nearestCached(
            Object family, double lat, double lon, double radiusKm, int limit, Predicate<Location> filter) {
        return snapshot.cells().nearest(family, lat, lon, radiusKm, limit, filter);
    }

    /**
     * The nearest locations around a location of the network (feeders of a store or locker),
     * remembered until the network changes; {@code family} names the filter as for {@link #nearestCached}.
     */
    public List<Nearby> nearestAround(
            Object family, Location origin, double radiusKm, int limit, Predicate<Location> filter) {
        Snapshot current = snapshot;
        AroundKey key = new AroundKey(family, origin.id(), radiusKm, limit);
        List<Nearby> found = current.aroundLocations().get(key);
        if (found == null) {
            found = List.copyOf(current.grid().nearest(origin.lat(), origin.lon(), radiusKm, limit, filter));
            if (current.aroundLocations().size() >= MAX_AROUND_ENTRIES) {
                current.aroundLocations().clear();
            }
            current.aroundLocations().put(key, found);
        }
        return found;
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
