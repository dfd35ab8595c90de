-- The promise an order was placed with (docs/kpis.md, "On time"): {"readyAt": instant} for pickup,
-- {"promisedBy": date} for delivery, as the chosen availability option showed it; null when the
-- caller sent none. KPIs measure time to ready and delivery against it.
alter table orders add column promise jsonb;
