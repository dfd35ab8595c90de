package io.omnigate.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Immutable grid of locations in half-degree cells, so "the K nearest within R km" scans only
 * the cells that can hold an answer instead of the whole network.
 */
final class GeoGrid {

    private static final double CELL_DEGREES = 0.5;
    private static final double[] EXPANDING_RADII_KM = {25, 100, 400, 1_600};
    /** Beyond this a query touches most cells anyway, and the longitude maths gets fragile. */
    private static final double SCAN_ALL_ABOVE_KM = 2_500;

    /** Occupied cell keys, ascending; {@code cells[i]} holds the locations of {@code keys[i]}. */
    private final long[] keys;

    private final Location[][] cells;
    private final Location[] all;

    private GeoGrid(long[] keys, Location[][] cells, Location[] all) {
        this.keys = keys;
        this.cells = cells;
        this.all = all;
    }

    static GeoGrid of(Collection<Location> locations) {
        Map<Long, List<Location>> byCell = new TreeMap<>();
        for (Location location : locations) {
            byCell.computeIfAbsent(key(row(location.lat()), column(location.lon())), k -> new ArrayList<>())
                    .add(location);
        }
        long[] keys = new long[byCell.size()];
        Location[][] cells = new Location[byCell.size()][];
        int i = 0;
        for (Map.Entry<Long, List<Location>> cell : byCell.entrySet()) {
            keys[i] = cell.getKey();
            cells[i++] = cell.getValue().toArray(Location[]::new);
        }
        return new GeoGrid(keys, cells, locations.toArray(Location[]::new));
    }

    /**
     * The {@code limit} nearest locations within {@code radiusKm} that pass {@code filter}, nearest
     * first. A radius of {@link Double#POSITIVE_INFINITY} means no distance limit.
     */
    List<Nearby> nearest(double lat, double lon, double radiusKm, int limit, Predicate<Location> filter) {
        if (limit <= 0) {
            return List.of();
        }
        if (Double.isInfinite(radiusKm)) {
            for (double radius : EXPANDING_RADII_KM) {
                List<Nearby> found = withinCells(lat, lon, radius, filter);
                if (found.size() >= limit) {
                    return nearestFirst(found, limit);
                }
            }
            return nearestFirst(scanAll(lat, lon, Double.POSITIVE_INFINITY, filter), limit);
        }
        return nearestFirst(withinCells(lat, lon, radiusKm, filter), limit);
    }

    /** Every location within {@code radiusKm} that passes {@code filter}, in no particular order. */
    List<Nearby> within(double lat, double lon, double radiusKm, Predicate<Location> filter) {
        if (Double.isInfinite(radiusKm)) {
            return scanAll(lat, lon, radiusKm, filter);
        }
        return withinCells(lat, lon, radiusKm, filter);
    }

    private List<Nearby> withinCells(double lat, double lon, double radiusKm, Predicate<Location> filter) {
        double latSpan = radiusKm / Geo.KM_PER_DEGREE_LAT;
        double maxAbsLat = Math.min(89.0, Math.abs(lat) + latSpan);
        double lonSpan = radiusKm / (Geo.KM_PER_DEGREE_LAT * Math.cos(Math.toRadians(maxAbsLat)));
        if (radiusKm > SCAN_ALL_ABOVE_KM || lon - lonSpan < -180 || lon + lonSpan > 180 || maxAbsLat >= 89.0) {
            return scanAll(lat, lon, radiusKm, filter);
        }
        List<Nearby> found = new ArrayList<>();
        for (long r = row(lat - latSpan); r <= row(lat + latSpan); r++) {
            for (long c = column(lon - lonSpan); c <= column(lon + lonSpan); c++) {
                int cell = Arrays.binarySearch(keys, key(r, c));
                if (cell >= 0) {
                    collect(cells[cell], lat, lon, radiusKm, filter, found);
                }
            }
        }
        return found;
    }

    private List<Nearby> scanAll(double lat, double lon, double radiusKm, Predicate<Location> filter) {
        List<Nearby> found = new ArrayList<>();
        collect(all, lat, lon, radiusKm, filter, found);
        return found;
    }

    private static void collect(
            Location[] candidates,
            double lat,
            double lon,
            double radiusKm,
            Predicate<Location> filter,
            List<Nearby> into) {
        for (Location location : candidates) {
            if (!filter.test(location)) {
                continue;
            }
            double distance = Geo.distanceKm(lat, lon, location.lat(), location.lon());
            if (distance <= radiusKm) {
                into.add(new Nearby(location, distance));
            }
        }
    }

    static List<Nearby> nearestFirst(List<Nearby> found, int limit) {
        found.sort(Comparator.comparingDouble(Nearby::distanceKm)
                .thenComparing(n -> n.location().id()));
        return found.size() <= limit ? found : List.copyOf(found.subList(0, limit));
    }

    private static long row(double lat) {
        return (long) Math.floor((lat + 90) / CELL_DEGREES);
    }

    private static long column(double lon) {
        return (long) Math.floor((lon + 180) / CELL_DEGREES);
    }

    private static long key(long row, long column) {
        return row * 10_000 + column;
    }
}
