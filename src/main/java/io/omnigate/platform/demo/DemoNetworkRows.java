package io.omnigate.platform.demo;

import io.omnigate.platform.demo.DemoNetworkGenerator.HoursException;
import io.omnigate.platform.demo.DemoNetworkGenerator.InboundReceipt;
import io.omnigate.platform.demo.DemoNetworkGenerator.Location;
import io.omnigate.platform.demo.DemoNetworkGenerator.Sku;
import io.omnigate.platform.demo.DemoNetworkGenerator.StockRow;
import io.omnigate.platform.demo.DemoNetworkGenerator.TimeRange;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.DayOfWeek;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The demo network as rows: one bulk insert per table, fed by column arrays ({@code unnest}), so a
 * batch of thousands of rows is one round trip.
 */
final class DemoNetworkRows {

    private DemoNetworkRows() {}

    static final String INSERT_LOCATIONS = """
            insert into location (id, type, name, lat, lon, time_zone, capabilities, opening_hours,
                hours_exceptions, pickup_lead_minutes, hourly_capacity, compartments, parent_location_id,
                address, default_safety_stock, snapshot_as_of, stock_synced_at)
            select id, type, name, lat, lon, time_zone, string_to_array(capabilities, ','),
                opening_hours::jsonb, hours_exceptions::jsonb, pickup_lead_minutes, hourly_capacity,
                compartments::jsonb, parent_location_id, address::jsonb, default_safety_stock,
                now() - synced_minutes_ago * interval '1 minute', now() - synced_minutes_ago * interval '1 minute'
            from unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::float8[], $6::text[], $7::text[],
                $8::text[], $9::text[], $10::int[], $11::int[], $12::text[], $13::text[], $14::text[], $15::int[],
                $16::int[])
                as t(id, type, name, lat, lon, time_zone, capabilities, opening_hours, hours_exceptions,
                    pickup_lead_minutes, hourly_capacity, compartments, parent_location_id, address,
                    default_safety_stock, synced_minutes_ago)
            """;

    static final String INSERT_SKUS =
            "insert into sku (sku, name, parcel_size) select * from unnest($1::text[], $2::text[], $3::text[])";

    static final String INSERT_STOCK = "insert into stock (location_id, sku, on_hand)"
            + " select * from unnest($1::text[], $2::text[], $3::int[])";

    static final String INSERT_INBOUND = """
            insert into inbound_receipt (id, location_id, sku, qty, eta, reference)
            select nextval('inbound_receipt_seq'), location_id, sku, qty, eta, reference
            from unnest($1::text[], $2::text[], $3::int[], $4::timestamptz[], $5::text[])
                as t(location_id, sku, qty, eta, reference)
            """;

    static Tuple locationColumns(List<Location> batch) {
        int size = batch.size();
        String[] ids = new String[size];
        String[] types = new String[size];
        String[] names = new String[size];
        Double[] lats = new Double[size];
        Double[] lons = new Double[size];
        String[] timeZones = new String[size];
        String[] capabilities = new String[size];
        String[] openingHours = new String[size];
        String[] hoursExceptions = new String[size];
        Integer[] pickupLeadMinutes = new Integer[size];
        Integer[] hourlyCapacities = new Integer[size];
        String[] compartments = new String[size];
        String[] parents = new String[size];
        String[] addresses = new String[size];
        Integer[] safetyStocks = new Integer[size];
        Integer[] syncedMinutesAgo = new Integer[size];
        for (int index = 0; index < size; index++) {
            Location location = batch.get(index);
            ids[index] = location.id();
            types[index] = location.type().name();
            names[index] = location.name();
            lats[index] = location.lat();
            lons[index] = location.lon();
            timeZones[index] = location.timeZone();
            capabilities[index] = String.join(",", location.capabilities());
            openingHours[index] = openingHoursJson(location.openingHours());
            hoursExceptions[index] = hoursExceptionsJson(location.hoursExceptions());
            pickupLeadMinutes[index] = location.pickupLeadMinutes();
            hourlyCapacities[index] = location.hourlyCapacity();
            compartments[index] = compartmentsJson(location.compartments());
            parents[index] = location.parentLocationId();
            addresses[index] = addressJson(location);
            safetyStocks[index] = location.defaultSafetyStock();
            int minutesAgo = location.stockSync().minutesAgo();
            syncedMinutesAgo[index] = minutesAgo < 0 ? null : minutesAgo;
        }
        return Tuple.tuple()
                .addArrayOfString(ids)
                .addArrayOfString(types)
                .addArrayOfString(names)
                .addArrayOfDouble(lats)
                .addArrayOfDouble(lons)
                .addArrayOfString(timeZones)
                .addArrayOfString(capabilities)
                .addArrayOfString(openingHours)
                .addArrayOfString(hoursExceptions)
                .addArrayOfInteger(pickupLeadMinutes)
                .addArrayOfInteger(hourlyCapacities)
                .addArrayOfString(compartments)
                .addArrayOfString(parents)
                .addArrayOfString(addresses)
                .addArrayOfInteger(safetyStocks)
                .addArrayOfInteger(syncedMinutesAgo);
    }

    static Tuple skuColumns(List<Sku> batch) {
        int size = batch.size();
        String[] ids = new String[size];
        String[] names = new String[size];
        String[] parcelSizes = new String[size];
        for (int index = 0; index < size; index++) {
            Sku sku = batch.get(index);
            ids[index] = sku.sku();
            names[index] = sku.name();
            parcelSizes[index] = sku.parcelSize();
        }
        return Tuple.tuple().addArrayOfString(ids).addArrayOfString(names).addArrayOfString(parcelSizes);
    }

    static Tuple stockColumns(List<StockRow> batch) {
        int size = batch.size();
        String[] locationIds = new String[size];
        String[] skus = new String[size];
        Integer[] onHand = new Integer[size];
        for (int index = 0; index < size; index++) {
            StockRow row = batch.get(index);
            locationIds[index] = row.locationId();
            skus[index] = row.sku();
            onHand[index] = row.onHand();
        }
        return Tuple.tuple()
                .addArrayOfString(locationIds)
                .addArrayOfString(skus)
                .addArrayOfInteger(onHand);
    }

    static Tuple inboundColumns(List<InboundReceipt> batch) {
        int size = batch.size();
        String[] locationIds = new String[size];
        String[] skus = new String[size];
        Integer[] quantities = new Integer[size];
        OffsetDateTime[] etas = new OffsetDateTime[size];
        String[] references = new String[size];
        for (int index = 0; index < size; index++) {
            InboundReceipt receipt = batch.get(index);
            locationIds[index] = receipt.locationId();
            skus[index] = receipt.sku();
            quantities[index] = receipt.qty();
            etas[index] = receipt.eta().atOffset(ZoneOffset.UTC);
            references[index] = receipt.reference();
        }
        return Tuple.tuple()
                .addArrayOfString(locationIds)
                .addArrayOfString(skus)
                .addArrayOfInteger(quantities)
                .addArrayOfOffsetDateTime(etas)
                .addArrayOfString(references);
    }

    private static String openingHoursJson(Map<DayOfWeek, List<TimeRange>> openingHours) {
        JsonObject json = new JsonObject();
        openingHours.forEach((day, ranges) -> json.put(day.name(), timeRangesJson(ranges)));
        return json.encode();
    }

    private static String hoursExceptionsJson(List<HoursException> exceptions) {
        JsonArray json = new JsonArray();
        for (HoursException exception : exceptions) {
            json.add(new JsonObject()
                    .put("date", exception.date().toString())
                    .put("hours", timeRangesJson(exception.hours())));
        }
        return json.encode();
    }

    private static JsonArray timeRangesJson(List<TimeRange> ranges) {
        JsonArray json = new JsonArray();
        for (TimeRange range : ranges) {
            json.add(new JsonObject().put("open", range.open()).put("close", range.close()));
        }
        return json;
    }

    private static String compartmentsJson(Map<String, Integer> compartments) {
        JsonObject json = new JsonObject();
        compartments.forEach((size, count) -> json.put(size, count));
        return json.encode();
    }

    private static String addressJson(Location location) {
        return new JsonObject()
                .put("line1", location.address().line1())
                .put("city", location.address().city())
                .put("postalCode", location.address().postalCode())
                .put("country", location.address().country())
                .encode();
    }
}
