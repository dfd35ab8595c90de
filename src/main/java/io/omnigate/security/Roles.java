package io.omnigate.security;

import java.util.List;

/** The role names tokens carry in their {@code groups} claim; resources name them in {@code @RolesAllowed}. */
public final class Roles {

    /** The operator: network, routing policy, tokens; passes every scope check. */
    public static final String ADMIN = "admin";

    /** A checkout page or storefront backend: availability and order creation. */
    public static final String CHECKOUT = "checkout";

    /** A WMS, ERP or POS feed pushing stock. */
    public static final String INVENTORY_FEED = "inventory-feed";

    /** An associate handheld or POS, scoped to one location (claim {@code locationId}). */
    public static final String STORE_DEVICE = "store-device";

    /** A locker or kiosk, scoped to one location (claim {@code locationId}). */
    public static final String PICKUP_POINT = "pickup-point";

    /** A customer holding one order's access token (claim {@code orderId}). */
    public static final String ORDER = "order";

    /** The token claim naming the one location a store-device or pickup-point token may act on. */
    public static final String LOCATION_CLAIM = "locationId";

    /** The token claim naming the one order an order token opens. */
    public static final String ORDER_CLAIM = "orderId";

    /** Roles an admin may mint through {@code POST /v1/auth/tokens}; order tokens come with their order. */
    public static final List<String> MINTABLE = List.of(ADMIN, CHECKOUT, INVENTORY_FEED, STORE_DEVICE, PICKUP_POINT);

    private Roles() {}

    /** Whether tokens of this role are bound to exactly one location. */
    public static boolean isLocationScoped(String role) {
        return STORE_DEVICE.equals(role) || PICKUP_POINT.equals(role);
    }
}
