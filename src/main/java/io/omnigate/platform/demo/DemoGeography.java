package io.omnigate.platform.demo;

import io.omnigate.platform.demo.DemoCities.City;
import io.omnigate.platform.demo.DemoNetworkGenerator.Address;
import io.omnigate.platform.demo.DemoNetworkGenerator.Location;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Where demo locations stand: stores apportioned to cities by weight, points scattered around a
 * centre, and street addresses in each country's style.
 */
final class DemoGeography {

    private static final double KM_PER_DEGREE = 111.32;

    private DemoGeography() {}

    static Address address(SplittableRandom random, City city) {
        String street = DemoNetworkGenerator.pick(random, DemoCities.STREETS.get(city.country()));
        int number = 1 + random.nextInt(200);
        String line1 = DemoCities.numberFirst(city.country()) ? number + " " + street : street + " " + number;
        return new Address(line1, city.name(), city.postalCode(), city.country());
    }

    static City cityOf(Location location) {
        return DemoCities.byName(location.address().city());
    }

    /** Largest-remainder apportionment of stores to cities by weight: big cities always get theirs. */
    static List<City> apportionStores(int storeCount) {
        List<City> cities = DemoCities.ALL;
        int totalWeight = cities.stream().mapToInt(City::weight).sum();
        int[] counts = new int[cities.size()];
        double[] remainders = new double[cities.size()];
        int assigned = 0;
        for (int index = 0; index < cities.size(); index++) {
            double exact = (double) storeCount * cities.get(index).weight() / totalWeight;
            counts[index] = (int) Math.floor(exact);
            remainders[index] = exact - counts[index];
            assigned += counts[index];
        }
        Integer[] byRemainder = new Integer[cities.size()];
        for (int index = 0; index < byRemainder.length; index++) {
            byRemainder[index] = index;
        }
        Arrays.sort(
                byRemainder,
                Comparator.comparingDouble((Integer index) -> -remainders[index])
                        .thenComparingInt(index -> index));
        for (int rank = 0; assigned < storeCount; rank = (rank + 1) % byRemainder.length) {
            counts[byRemainder[rank]]++;
            assigned++;
        }
        List<City> result = new ArrayList<>(storeCount);
        for (int index = 0; index < cities.size(); index++) {
            for (int count = 0; count < counts[index]; count++) {
                result.add(cities.get(index));
            }
        }
        return result;
    }

    static City weightedCity(SplittableRandom random, List<City> cities, int totalWeight) {
        int ticket = random.nextInt(totalWeight);
        for (City city : cities) {
            ticket -= city.weight();
            if (ticket < 0) {
                return city;
            }
        }
        return cities.get(cities.size() - 1);
    }

    /** A point a Gaussian distance (standard deviation spreadKm) from the centre. */
    static double[] offset(SplittableRandom random, double lat, double lon, double spreadKm) {
        double northKm = gaussian(random) * spreadKm;
        double eastKm = gaussian(random) * spreadKm;
        double newLat = Math.max(-89.9, Math.min(89.9, lat + northKm / KM_PER_DEGREE));
        double newLon = lon + eastKm / (KM_PER_DEGREE * Math.cos(Math.toRadians(lat)));
        if (newLon > 180) {
            newLon -= 360;
        } else if (newLon < -180) {
            newLon += 360;
        }
        return new double[] {round6(newLat), round6(newLon)};
    }

    /** Box-Muller, written out so the network does not depend on a JDK's Gaussian algorithm. */
    private static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    private static double round6(double value) {
        return Math.round(value * 1_000_000d) / 1_000_000d;
    }
}
