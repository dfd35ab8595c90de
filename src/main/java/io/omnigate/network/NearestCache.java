package io.omnigate.network;

import java.util.ArrayList;
import java.util.Arrays;
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

    /** A cell's candidates with their points on the unit sphere, so ranking needs no trigonometry. */
    private record Superset(Location[] locations, double[] x, double[] y, double[] z) {

        static Superset of(Location[] locations) {
            double[] x = new double[locations.length];
            double[] y = new double[locations.length];
            double[] z = new double[locations.length];
            for (int i = 0; i < locations.length; i++) {
                double lat = Math.toRadians(locations[i].lat());
                double lon = Math.toRadians(locations[i].lon());
                x[i] = Math.cos(lat) * Math.cos(lon);
                y[i] = Math.cos(lat) * Math.sin(lon);
                z[i] = Math.sin(lat);
            }
            return new Superset(locations, x, y, z);
        }
    }

    /**
     * How far a squared chord may be off, relative and absolute, for two great-circle distances
     * (however rounded) still to compare as their chords do: far wider than any rounding error.
     */
    private static final double CHORD_SLACK = 1e-6;

    private static final double CHORD_FLOOR = 1e-13;

    private final GeoGrid grid;
    private final Map<Key, Superset> supersets = new ConcurrentHashMap<>();

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
        Superset superset = supersets.get(key);
        if (superset == null) {
            superset = Superset.of(superset(row, column, radiusKm, limit, filter));
            if (supersets.size() >= MAX_ENTRIES) {
                supersets.clear();
            }
            supersets.put(key, superset);
        }
        return rank(superset, lat, lon, radiusKm, limit);
    }

    /**
     * The {@code limit} nearest of {@code superset}, as ranking all by great-circle distance would
     * answer: squared chords (plain arithmetic, in the same order as the distances) pick out the
     * few that can make the answer, and only those get the exact distance that is returned and sorted.
     */
    private static List<Nearby> rank(Superset superset, double lat, double lon, double radiusKm, int limit) {
        double[] chords = chords(superset, lat, lon);
        double radiusChord = Double.isInfinite(radiusKm) ? Double.POSITIVE_INFINITY : chordOf(radiusKm);
        double[] inRadius = new double[chords.length];
        int m = 0;
        for (double chord : chords) {
            if (chord <= widened(radiusChord)) {
                inRadius[m++] = chord;
            }
        }
        if (m <= limit) {
            return nearestWithin(superset, chords, widened(radiusChord), lat, lon, radiusKm, limit);
        }
        Arrays.sort(inRadius, 0, m);
        double kth = inRadius[limit - 1];
        List<Nearby> found = new ArrayList<>(limit + 4);
        int surelyAhead = 0;
        for (int i = 0; i < chords.length; i++) {
            if (chords[i] <= widened(kth)) {
                Location location = superset.locations()[i];
                double distance = Geo.distanceKm(lat, lon, location.lat(), location.lon());
                if (distance <= radiusKm) {
                    found.add(new Nearby(location, distance));
                    surelyAhead += chords[i] <= kth ? 1 : 0;
                }
            }
        }
        if (surelyAhead < limit) {
            return nearestWithin(superset, chords, widened(radiusChord), lat, lon, radiusKm, limit);
        }
        return GeoGrid.nearestFirst(found, limit);
    }

    /** Every candidate whose chord is within {@code bound}, ranked by exact distance. */
    private static List<Nearby> nearestWithin(
            Superset superset, double[] chords, double bound, double lat, double lon, double radiusKm, int limit) {
        List<Nearby> found = new ArrayList<>();
        for (int i = 0; i < chords.length; i++) {
            if (chords[i] <= bound) {
                Location location = superset.locations()[i];
                double distance = Geo.distanceKm(lat, lon, location.lat(), location.lon());
                if (distance <= radiusKm) {
                    found.add(new Nearby(location, distance));
                }
            }
        }
        return GeoGrid.nearestFirst(found, limit);
    }

    private static double[] chords(Superset superset, double lat, double lon) {
        double phi = Math.toRadians(lat);
        double lambda = Math.toRadians(lon);
        double qx = Math.cos(phi) * Math.cos(lambda);
        double qy = Math.cos(phi) * Math.sin(lambda);
        double qz = Math.sin(phi);
        double[] x = superset.x();
        double[] y = superset.y();
        double[] z = superset.z();
        double[] chords = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double dx = x[i] - qx;
            double dy = y[i] - qy;
            double dz = z[i] - qz;
            chords[i] = dx * dx + dy * dy + dz * dz;
        }
        return chords;
    }

    /** The squared chord, on the unit sphere, of a great-circle distance. */
    private static double chordOf(double km) {
        double half = Math.sin(Math.min(Math.PI / 2, km / (2 * Geo.EARTH_RADIUS_KM)));
        return 4 * half * half;
    }

    private static double widened(double chord) {
        return chord * (1 + CHORD_SLACK) + CHORD_FLOOR;
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
