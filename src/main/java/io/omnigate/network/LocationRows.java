package io.omnigate.network;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code location} row as a {@link Location}. The JSON columns are read field by field from the
 * driver's decoded JSON: the whole network is mapped on every start, and Jackson's
 * {@code convertValue} (a serialisation and a parse per column) took most of the network index's
 * load on a cold JVM. A value of another shape than the API writes falls back to Jackson.
 */
final class LocationRows {

    private static final TypeReference<Map<DayOfWeek, List<Location.TimeRange>>> HOURS = new TypeReference<>() {};
    private static final TypeReference<List<Location.HoursException>> EXCEPTIONS = new TypeReference<>() {};
    private static final TypeReference<Map<ParcelSize, Integer>> COMPARTMENTS = new TypeReference<>() {};

    private final ObjectMapper json;

    LocationRows(ObjectMapper json) {
        this.json = json;
    }

    Location toLocation(Row row) {
        JsonObject address = (JsonObject) row.getJson("address");
        return new Location(
                row.getString("id"),
                LocationType.valueOf(row.getString("type")),
                row.getString("name"),
                row.getDouble("lat"),
                row.getDouble("lon"),
                row.getString("time_zone"),
                capabilities(row.getArrayOfStrings("capabilities")),
                weekly((JsonObject) row.getJson("opening_hours")),
                exceptions((JsonArray) row.getJson("hours_exceptions")),
                row.getInteger("pickup_lead_minutes"),
                row.getInteger("hourly_capacity"),
                compartments((JsonObject) row.getJson("compartments")),
                row.getString("parent_location_id"),
                address == null ? null : address(address),
                row.getInteger("default_safety_stock"),
                instant(row.getOffsetDateTime("stock_synced_at")),
                instant(row.getOffsetDateTime("snapshot_as_of")),
                row.getLong("version"),
                instant(row.getOffsetDateTime("updated_at")));
    }

    /** Monday first, as people read a week. */
    private Map<DayOfWeek, List<Location.TimeRange>> weekly(JsonObject hours) {
        Map<DayOfWeek, List<Location.TimeRange>> week = new EnumMap<>(DayOfWeek.class);
        try {
            for (Map.Entry<String, Object> day : hours) {
                week.put(DayOfWeek.valueOf(day.getKey()), ranges((JsonArray) day.getValue()));
            }
        } catch (RuntimeException otherShape) {
            week.clear();
            week.putAll(json.convertValue(hours.getMap(), HOURS));
        }
        return week;
    }

    private List<Location.HoursException> exceptions(JsonArray exceptions) {
        try {
            List<Location.HoursException> list = new ArrayList<>(exceptions.size());
            for (int i = 0; i < exceptions.size(); i++) {
                JsonObject exception = exceptions.getJsonObject(i);
                JsonArray hours = exception.getJsonArray("hours");
                list.add(new Location.HoursException(
                        LocalDate.parse(exception.getString("date")), hours == null ? List.of() : ranges(hours)));
            }
            return list;
        } catch (RuntimeException otherShape) {
            return json.convertValue(exceptions.getList(), EXCEPTIONS);
        }
    }

    private static List<Location.TimeRange> ranges(JsonArray ranges) {
        List<Location.TimeRange> list = new ArrayList<>(ranges.size());
        for (int i = 0; i < ranges.size(); i++) {
            JsonObject range = ranges.getJsonObject(i);
            list.add(new Location.TimeRange(time(range.getString("open")), time(range.getString("close"))));
        }
        return list;
    }

    /** "HH:mm" as the API writes it, without the general parser (the slowest part of a cold load). */
    private static LocalTime time(String text) {
        if (text.length() == 5 && text.charAt(2) == ':') {
            return LocalTime.of(twoDigits(text, 0), twoDigits(text, 3));
        }
        return LocalTime.parse(text);
    }

    private static int twoDigits(String text, int at) {
        int tens = text.charAt(at) - '0';
        int ones = text.charAt(at + 1) - '0';
        if (tens < 0 || tens > 9 || ones < 0 || ones > 9) {
            throw new IllegalArgumentException("not a time: " + text);
        }
        return tens * 10 + ones;
    }

    private Map<ParcelSize, Integer> compartments(JsonObject compartments) {
        try {
            Map<ParcelSize, Integer> map = new EnumMap<>(ParcelSize.class);
            for (Map.Entry<String, Object> size : compartments) {
                map.put(ParcelSize.valueOf(size.getKey()), ((Number) size.getValue()).intValue());
            }
            return map;
        } catch (RuntimeException otherShape) {
            return json.convertValue(compartments.getMap(), COMPARTMENTS);
        }
    }

    private Location.Address address(JsonObject address) {
        try {
            return new Location.Address(
                    address.getString("line1"),
                    address.getString("city"),
                    address.getString("postalCode"),
                    address.getString("country"));
        } catch (RuntimeException otherShape) {
            return json.convertValue(address.getMap(), Location.Address.class);
        }
    }

    private static Set<Capability> capabilities(String[] names) {
        if (names == null || names.length == 0) {
            return Set.of();
        }
        Set<Capability> set = EnumSet.noneOf(Capability.class);
        Arrays.stream(names).map(Capability::valueOf).forEach(set::add);
        return set;
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
