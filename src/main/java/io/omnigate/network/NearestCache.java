package io.omnigate.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Candidate sets per small grid cell and query family, for one network snapshot. For a cell it
 * keeps every location that can be among the {@code limit} nearest of ANY point in the cell, so a
 * query ranks only that short list and gets exactly what {@link GeoGrid#nearest} would answer.
 */
final class NearestCache {

    /** 0.1° cells: about 11 km north-south, so a city's checkouts share a few entries. */
    private static final double CELL_DEGREES = 0.1;

    private static final int MAX_ENTRIES = 20_000;

    private record Key(Object family, long cell, double radiusKm, int limit) {}

    private final GeoGrid grid;
    private final Map<Key, Location[]> supersets = new ConcurrentHashMap<>();

    NearestCache(GeoGrid grid) {
        this.grid = grid;
    }

    /**
     * As {@link GeoGrid#nearest}, for a {@code filter} that {@code family} fully determines (equal
     * families, equal filters).
     */
    List<Nearby> nearest(
            Object family, double lat, double lon, double radiusKm, int limit, Predicate<Location> filter) {
        if (limit <= 0 || Math.abs(lat) > 80) {
            return grid.nearest(lat, lon, radiusKm, limit, filter);
        }
        long row = (long) Math.floor((lat + 90) / CELL_DEGREES);
        long column = (long) Math.floor((lon + 180) / CELL_DEGREES);
        Key key = new Key(family, row * 100_000 + column, radiusKm, limit);
        Location[] superset = supersets.get(key);
        if (superset == null) {
            superset = superset(row, column, radiusKm, limit, filter);
            if (supersets.size() >= MAX_ENTRIES) {
                supersets.clear();
            }
            supersets.put(key, superset);
        }
        List<Nearby> found = new ArrayList<>(superset.length);
        for (Location location : superset) {
            double distance = Geo.distanceKm(lat, lon, location.lat(), location.lon());
            if (distance <= radiusKm) {
                found.add(new Nearby(location, distance));
            }
        }
        return GeoGrid.nearestFirst(found, limit);
    }

    /**
     * With c the cell's centre and h its half-diagonal: a point p of the cell has its k-th nearest
     * within d_k(c) + h, and each of those lies within d_k(c) + 2h of c (and within radius + h).
     */
    private Location[] superset(long row, long column, double radiusKm, int limit, Predicate<Location> filter) {
        double south = row * CELL_DEGREES - 90;
        double west = column * CELL_DEGREES - 180;
        double lat = south + CELL_DEGREES / 2;
        double lon = west + CELL_DEGREES / 2;
        double h = 0;
        for (double cornerLat : new double[] {south, south + CELL_DEGREES}) {
            for (double cornerLon : new double[] {west, west + CELL_DEGREES}) {
                h = Math.max(h, Geo.distanceKm(lat, lon, cornerLat, cornerLon));
            }
        }
        h = h * 1.01 + 0.01;
        double bound = radiusKm + h;
        List<Nearby> nearest = grid.nearest(lat, lon, bound, limit, filter);
        if (nearest.size() == limit) {
            bound = Math.min(bound, nearest.get(limit - 1).distanceKm() + 2 * h);
        }
        return grid.within(lat, lon, bound, filter).stream()
                .map(Nearby::location)
                .toArray(Location[]::new);
    }
}
