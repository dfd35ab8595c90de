-- Customers who said they are at the store (POST /v1/orders/{id}/arrival): one row per pickup
-- location the order waits at, stamped when the parcel is handed over there, so the time from
-- arrival to hand-over (the curb wait) is kept. Reason codes and hand-over proof live in the
-- events' payloads, and so in order_history.detail.
create table order_arrival (
    id             bigserial primary key,
    order_id       text not null references orders (id),
    location_id    text not null references location (id),
    bay            text,
    vehicle        text,
    note           text,
    arrived_at     timestamptz not null default now(),
    handed_over_at timestamptz
);

create index order_arrival_order_idx on order_arrival (order_id) where handed_over_at is null;
create index order_arrival_waiting_idx on order_arrival (location_id, arrived_at) where handed_over_at is null;
