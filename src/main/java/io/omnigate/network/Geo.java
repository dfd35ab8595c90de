package io.omnigate.network;

/** Great-circle distance on a spherical Earth: accurate to ~0.5%, plenty for ranking places. */
public final class Geo {

    public static final double EARTH_RADIUS_KM = 6_371.0;
    public static final double KM_PER_DEGREE_LAT = 111.195;

    private Geo() {}

    public static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1))
                        * Math.cos(Math.toRadians(lat2))
                        * Math.sin(dLon / 2)
                        * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1.0, Math.sqrt(a)));
    }
}
