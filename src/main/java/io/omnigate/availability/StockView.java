package io.omnigate.availability;

import io.omnigate.inventory.AtpReplica;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything availability needs from the stock for one request, filled by the replica or by the
 * SQL read. Compact, because a checkout reads it for every candidate: each location's counters are
 * one int per cart SKU, and the cart's SKUs are numbered once per request.
 */
final class StockView implements AtpReplica.Sink {

    /** No stock row for this SKU at this location. */
    private static final int NO_ROW = -1;

    /** Carts up to this many SKUs are searched by identity first. */
    private static final int IDENTITY_SCAN = 16;

    /** An expected receipt. */
    record Inbound(Instant eta, int qty) {}

    /** A receipt with its SKU's number in this view. */
    private record Receipt(int sku, Instant eta, int qty) {}

    /** One location's facts. */
    private static final class At {
        int[] atp;
        Instant syncedAt;
        List<Receipt> receipts = List.of();
        Map<Instant, Integer> load = Map.of();
    }

    private final Map<String, Integer> skuNumbers = new HashMap<>();
    private final List<String> skus = new ArrayList<>();
    private final List<String> parcelSizes = new ArrayList<>();
    private final BitSet catalogued = new BitSet();
    /**
     * Locations in the order they were filled, searched by identity first: the replica hands over
     * the network's own id strings, the very ones the option builders ask with, so a lookup is a
     * scan of references rather than hashing a string whose bytes are cold in the cache.
     */
    private String[] ids = new String[64];

    private At[] ats = new At[64];
    private int count;
    /** By value, for a caller holding an equal id of another instance (and for {@link #facts()}). */
    private final Map<String, At> locations = new HashMap<>();

    private String lastLocationId;
    private At lastAt;

    private StockView() {}

    static StockView empty() {
        return new StockView();
    }

    /** A view for a cart: its SKUs numbered in this order; others are numbered when first named. */
    static StockView of(Iterable<String> cartSkus) {
        StockView view = new StockView();
        cartSkus.forEach(view::number);
        return view;
    }

    // ---- filling, from the replica or the SQL read

    @Override
    public void atp(String locationId, String sku, int qty) {
        int n = number(sku);
        At at = at(locationId);
        if (at.atp.length <= n) {
            int old = at.atp.length;
            at.atp = Arrays.copyOf(at.atp, skus.size());
            Arrays.fill(at.atp, old, at.atp.length, NO_ROW);
        }
        at.atp[n] = qty;
    }

    @Override
    public void syncedAt(String locationId, Instant instant) {
        at(locationId).syncedAt = instant;
    }

    @Override
    public void inbound(String locationId, String sku, Instant eta, int qty) {
        At at = at(locationId);
        if (at.receipts.isEmpty()) {
            at.receipts = new ArrayList<>(4);
        }
        at.receipts.add(new Receipt(number(sku), eta, qty));
    }

    @Override
    public void load(String locationId, Instant hourStart, int assigned) {
        At at = at(locationId);
        if (at.load.isEmpty()) {
            at.load = new HashMap<>();
        }
        at.load.put(hourStart, assigned);
    }

    @Override
    public void parcelSize(String sku, String size) {
        int n = number(sku);
        parcelSizes.set(n, size);
        catalogued.set(n);
    }

    private int number(String sku) {
        int n = numbered(sku);
        if (n < 0) {
            n = skus.size();
            skuNumbers.put(sku, n);
            skus.add(sku);
            parcelSizes.add(null);
        }
        return n;
    }

    /**
     * The SKU's number, or -1. The replica and the option builders hand back the very strings the
     * view was built from, so a short cart is searched by identity before any hashing.
     */
    private int numbered(Object sku) {
        int scan = Math.min(skus.size(), IDENTITY_SCAN);
        for (int i = 0; i < scan; i++) {
            if (skus.get(i) == sku) {
                return i;
            }
        }
        Integer n = skuNumbers.get(sku);
        return n == null ? -1 : n;
    }

    /** The location's facts, created when first named; a reader names one location several times in a row. */
    private At at(String locationId) {
        if (locationId == lastLocationId) {
            return lastAt;
        }
        At at = find(locationId);
        if (at == null) {
            at = new At();
            at.atp = new int[skus.size()];
            Arrays.fill(at.atp, NO_ROW);
            locations.put(locationId, at);
            if (count == ids.length) {
                ids = Arrays.copyOf(ids, count * 2);
                ats = Arrays.copyOf(ats, count * 2);
            }
            ids[count] = locationId;
            ats[count++] = at;
        }
        lastLocationId = locationId;
        lastAt = at;
        return at;
    }

    /** The location's facts, or null: by identity first, then by value. */
    private At find(String locationId) {
        for (int i = 0; i < count; i++) {
            if (ids[i] == locationId) {
                return ats[i];
            }
        }
        return count == 0 ? null : locations.get(locationId);
    }

    // ---- reading

    int atp(String locationId, String sku) {
        return atp(locationId).getOrDefault(sku, 0);
    }

    /** The location's counters by SKU, only for SKUs it has a stock row for. */
    Map<String, Integer> atp(String locationId) {
        At at = find(locationId);
        return at == null ? Map.of() : new Counters(at.atp);
    }

    /** The location's counters less {@code buffer} (never below zero). */
    Map<String, Integer> atpWithheld(String locationId, int buffer) {
        At at = find(locationId);
        if (at == null) {
            return Map.of();
        }
        int[] withheld = at.atp.clone();
        for (int i = 0; i < withheld.length; i++) {
            if (withheld[i] != NO_ROW) {
                withheld[i] = Math.max(0, withheld[i] - buffer);
            }
        }
        return new Counters(withheld);
    }

    Instant syncedAt(String locationId) {
        At at = find(locationId);
        return at == null ? null : at.syncedAt;
    }

    Map<Instant, Integer> load(String locationId) {
        At at = find(locationId);
        return at == null ? Map.of() : at.load;
    }

    /** The location's expected receipts of {@code sku}, in the order they were read. */
    List<Inbound> inbound(String locationId, String sku) {
        At at = find(locationId);
        int n = numbered(sku);
        if (at == null || n < 0 || at.receipts.isEmpty()) {
            return List.of();
        }
        List<Inbound> found = new ArrayList<>();
        for (Receipt r : at.receipts) {
            if (r.sku() == n) {
                found.add(new Inbound(r.eta(), r.qty()));
            }
        }
        return found;
    }

    String parcelSize(String sku) {
        int n = numbered(sku);
        return n < 0 ? null : parcelSizes.get(n);
    }

    /** Whether the catalogue knows {@code sku}. */
    boolean knows(String sku) {
        int n = numbered(sku);
        return n >= 0 && catalogued.get(n);
    }

    /**
     * The facts in plain sorted maps (receipts in ETA then quantity order), so two reads of the same
     * stock compare equal however they were filled.
     */
    Map<String, Object> facts() {
        Map<String, Object> facts = new TreeMap<>();
        locations.forEach((id, at) -> {
            Map<String, Object> location = new TreeMap<>();
            location.put("atp", new TreeMap<>(new Counters(at.atp)));
            location.put("syncedAt", String.valueOf(at.syncedAt));
            location.put("load", new TreeMap<>(at.load));
            List<String> receipts = new ArrayList<>();
            at.receipts.stream()
                    .sorted(Comparator.comparing(Receipt::eta).thenComparing(Receipt::qty))
                    .forEach(r -> receipts.add(skus.get(r.sku()) + " " + r.eta() + " " + r.qty()));
            location.put("inbound", receipts);
            facts.put(id, location);
        });
        Map<String, String> sizes = new TreeMap<>();
        for (int i = 0; i < skus.size(); i++) {
            if (catalogued.get(i)) {
                sizes.put(skus.get(i), parcelSizes.get(i));
            }
        }
        facts.put("parcelSizes", sizes);
        return facts;
    }

    /**
     * One location's counters seen as a read-only map from SKU: lookups go through the view's SKU
     * numbers, no per-location hash map is built.
     */
    private final class Counters extends AbstractMap<String, Integer> {
        private final int[] qty;

        Counters(int[] qty) {
            this.qty = qty;
        }

        @Override
        public Integer get(Object sku) {
            int n = numbered(sku);
            return n < 0 || n >= qty.length || qty[n] == NO_ROW ? null : qty[n];
        }

        @Override
        public Integer getOrDefault(Object sku, Integer otherwise) {
            Integer found = get(sku);
            return found == null ? otherwise : found;
        }

        @Override
        public boolean containsKey(Object sku) {
            return get(sku) != null;
        }

        @Override
        public Set<Entry<String, Integer>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Integer>> iterator() {
                    return new Iterator<>() {
                        private int next = advance(0);

                        private int advance(int from) {
                            int i = from;
                            while (i < qty.length && qty[i] == NO_ROW) {
                                i++;
                            }
                            return i;
                        }

                        @Override
                        public boolean hasNext() {
                            return next < qty.length;
                        }

                        @Override
                        public Entry<String, Integer> next() {
                            if (!hasNext()) {
                                throw new NoSuchElementException();
                            }
                            Entry<String, Integer> e = new SimpleImmutableEntry<>(skus.get(next), qty[next]);
                            next = advance(next + 1);
                            return e;
                        }
                    };
                }

                @Override
                public int size() {
                    int size = 0;
                    for (int q : qty) {
                        size += q == NO_ROW ? 0 : 1;
                    }
                    return size;
                }
            };
        }
    }
}
