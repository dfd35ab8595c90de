package io.omnigate.inventory;

import java.time.OffsetDateTime;

/** An expected receipt (transfer, replenishment): the source of "next available" windows. */
public record InboundReceipt(long id, String locationId, String sku, int qty, OffsetDateTime eta, String reference) {}
