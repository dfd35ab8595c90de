package io.omnigate.platform.demo;

import java.util.List;
import java.util.Map;

/** Real cities the generated network clusters around, so distances and time zones look real. */
final class DemoCities {

    /**
     * A city stores gather around.
     *
     * @param weight relative size: how many stores it gets compared with the others
     */
    record City(String name, String country, double lat, double lon, String timeZone, String postalCode, int weight) {}

    static final List<City> ALL = List.of(
            new City("Milano", "IT", 45.4642, 9.1900, "Europe/Rome", "20121", 5),
            new City("Roma", "IT", 41.9028, 12.4964, "Europe/Rome", "00184", 5),
            new City("Torino", "IT", 45.0703, 7.6869, "Europe/Rome", "10121", 3),
            new City("Napoli", "IT", 40.8518, 14.2681, "Europe/Rome", "80133", 3),
            new City("Bologna", "IT", 44.4949, 11.3426, "Europe/Rome", "40121", 2),
            new City("Firenze", "IT", 43.7696, 11.2558, "Europe/Rome", "50122", 2),
            new City("Paris", "FR", 48.8566, 2.3522, "Europe/Paris", "75001", 8),
            new City("Lyon", "FR", 45.7640, 4.8357, "Europe/Paris", "69001", 3),
            new City("Marseille", "FR", 43.2965, 5.3698, "Europe/Paris", "13001", 3),
            new City("Toulouse", "FR", 43.6047, 1.4442, "Europe/Paris", "31000", 2),
            new City("Lille", "FR", 50.6292, 3.0573, "Europe/Paris", "59000", 2),
            new City("London", "GB", 51.5074, -0.1278, "Europe/London", "EC1A 1BB", 8),
            new City("Manchester", "GB", 53.4808, -2.2426, "Europe/London", "M1 1AE", 3),
            new City("Birmingham", "GB", 52.4862, -1.8904, "Europe/London", "B1 1AA", 3),
            new City("Glasgow", "GB", 55.8642, -4.2518, "Europe/London", "G1 1XQ", 2),
            new City("Dublin", "IE", 53.3498, -6.2603, "Europe/Dublin", "D01 F5P2", 2),
            new City("Berlin", "DE", 52.5200, 13.4050, "Europe/Berlin", "10115", 6),
            new City("Hamburg", "DE", 53.5511, 9.9937, "Europe/Berlin", "20095", 3),
            new City("München", "DE", 48.1351, 11.5820, "Europe/Berlin", "80331", 4),
            new City("Köln", "DE", 50.9375, 6.9603, "Europe/Berlin", "50667", 3),
            new City("Frankfurt am Main", "DE", 50.1109, 8.6821, "Europe/Berlin", "60311", 3),
            new City("Madrid", "ES", 40.4168, -3.7038, "Europe/Madrid", "28013", 5),
            new City("Barcelona", "ES", 41.3851, 2.1734, "Europe/Madrid", "08002", 5),
            new City("Valencia", "ES", 39.4699, -0.3763, "Europe/Madrid", "46002", 2),
            new City("Sevilla", "ES", 37.3891, -5.9845, "Europe/Madrid", "41001", 2),
            new City("Lisboa", "PT", 38.7223, -9.1393, "Europe/Lisbon", "1100-148", 3),
            new City("Porto", "PT", 41.1579, -8.6291, "Europe/Lisbon", "4000-322", 2),
            new City("Amsterdam", "NL", 52.3676, 4.9041, "Europe/Amsterdam", "1012 JS", 3),
            new City("Rotterdam", "NL", 51.9244, 4.4777, "Europe/Amsterdam", "3011 AD", 2),
            new City("Bruxelles", "BE", 50.8503, 4.3517, "Europe/Brussels", "1000", 2),
            new City("Wien", "AT", 48.2082, 16.3738, "Europe/Vienna", "1010", 3),
            new City("Zürich", "CH", 47.3769, 8.5417, "Europe/Zurich", "8001", 2),
            new City("Warszawa", "PL", 52.2297, 21.0122, "Europe/Warsaw", "00-001", 3),
            new City("Praha", "CZ", 50.0755, 14.4378, "Europe/Prague", "110 00", 2),
            new City("Stockholm", "SE", 59.3293, 18.0686, "Europe/Stockholm", "111 20", 2),
            new City("København", "DK", 55.6761, 12.5683, "Europe/Copenhagen", "1050", 2),
            new City("New York", "US", 40.7128, -74.0060, "America/New_York", "10001", 8),
            new City("Boston", "US", 42.3601, -71.0589, "America/New_York", "02108", 3),
            new City("Miami", "US", 25.7617, -80.1918, "America/New_York", "33130", 2),
            new City("Chicago", "US", 41.8781, -87.6298, "America/Chicago", "60601", 5),
            new City("Dallas", "US", 32.7767, -96.7970, "America/Chicago", "75201", 3),
            new City("Denver", "US", 39.7392, -104.9903, "America/Denver", "80202", 2),
            new City("Los Angeles", "US", 34.0522, -118.2437, "America/Los_Angeles", "90012", 6),
            new City("San Francisco", "US", 37.7749, -122.4194, "America/Los_Angeles", "94103", 3),
            new City("Seattle", "US", 47.6062, -122.3321, "America/Los_Angeles", "98101", 2));

    /** Where distribution centres go, in the order they are opened. */
    static final List<String> HUBS = List.of(
            "Milano",
            "Frankfurt am Main",
            "Chicago",
            "Paris",
            "Madrid",
            "London",
            "New York",
            "Los Angeles",
            "Warszawa",
            "Dallas",
            "Lyon",
            "Amsterdam");

    /** Street names by country; the house number goes first where the country writes it so. */
    static final Map<String, List<String>> STREETS = Map.ofEntries(
            Map.entry("IT", List.of("Via Roma", "Corso Italia", "Via Garibaldi", "Via Mazzini", "Viale Europa")),
            Map.entry(
                    "FR",
                    List.of("Rue de la République", "Avenue Jean Jaurès", "Boulevard Victor Hugo", "Rue Nationale")),
            Map.entry("GB", List.of("High Street", "Station Road", "Church Street", "Market Street")),
            Map.entry("IE", List.of("Grafton Street", "Henry Street", "Main Street")),
            Map.entry("DE", List.of("Hauptstraße", "Bahnhofstraße", "Schillerstraße", "Marktplatz")),
            Map.entry("AT", List.of("Mariahilfer Straße", "Kärntner Straße", "Hauptstraße")),
            Map.entry("CH", List.of("Bahnhofstrasse", "Seestrasse", "Limmatquai")),
            Map.entry("ES", List.of("Calle Mayor", "Gran Vía", "Avenida de la Constitución", "Calle Real")),
            Map.entry("PT", List.of("Rua Augusta", "Avenida da Liberdade", "Rua de Santa Catarina")),
            Map.entry("NL", List.of("Kalverstraat", "Stationsweg", "Hoogstraat")),
            Map.entry("BE", List.of("Rue Neuve", "Boulevard Anspach", "Avenue Louise")),
            Map.entry("PL", List.of("ul. Marszałkowska", "ul. Nowy Świat", "ul. Piękna")),
            Map.entry("CZ", List.of("Na Příkopě", "Vodičkova", "Národní")),
            Map.entry("SE", List.of("Drottninggatan", "Kungsgatan", "Götgatan")),
            Map.entry("DK", List.of("Vesterbrogade", "Nørrebrogade", "Østergade")),
            Map.entry("US", List.of("Main Street", "Broadway", "Market Street", "Oak Avenue", "Park Avenue")));

    static boolean numberFirst(String country) {
        return country.equals("US") || country.equals("GB") || country.equals("IE") || country.equals("FR");
    }

    static City byName(String name) {
        for (City city : ALL) {
            if (city.name().equals(name)) {
                return city;
            }
        }
        throw new IllegalArgumentException("unknown demo city " + name);
    }

    private DemoCities() {}
}
