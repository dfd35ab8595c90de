-- The store and locker workflow (README "Store and pickup workflow").

-- Order status is derived from the fulfillments (orders/OrderStatus).
alter table orders drop constraint orders_status_check;
alter table orders add constraint orders_status_check check (status in ('PLACED', 'IN_PROGRESS', 'PARTIALLY_READY',
    'READY_FOR_PICKUP', 'PARTIALLY_FULFILLED', 'SHIPPED', 'COMPLETED', 'EXPIRED', 'RETURNED', 'CANCELLED',
    'UNFULFILLABLE'));

-- Set at READY_FOR_PICKUP: where the customer collects (a locker, or a store), the compartment,
-- and the HMAC of the pickup code (the code itself is never stored).
alter table fulfillment
    add column pickup_location_id text references location (id),
    add column compartment        text,
    add column pickup_code_hash   text,
    add column ready_at           timestamptz;

create index fulfillment_pickup_idx on fulfillment (pickup_location_id, status) where pickup_location_id is not null;
create index fulfillment_ready_idx on fulfillment (ready_at) where status = 'READY_FOR_PICKUP';
create index fulfillment_location_created_idx on fulfillment (location_id, created_at, id);

-- Locker compartments in use: a compartment is (locker, size, slot); at most one live assignment
-- each, and at most one per fulfillment, so two parcels can never be given the same door.
create table compartment_assignment (
    id             bigserial primary key,
    locker_id      text not null references location (id),
    size           text not null check (size in ('S', 'M', 'L')),
    slot           integer not null check (slot > 0),
    fulfillment_id text not null references fulfillment (id),
    assigned_at    timestamptz not null default now(),
    freed_at       timestamptz
);

create unique index compartment_in_use_idx on compartment_assignment (locker_id, size, slot) where freed_at is null;
create unique index compartment_fulfillment_idx on compartment_assignment (fulfillment_id) where freed_at is null;

-- Wrong pickup codes per pickup point: counted in a window, locked out for a while past the limit.
create table pickup_guard (
    location_id     text primary key references location (id),
    failures        integer not null,
    window_start    timestamptz not null,
    locked_until    timestamptz
);
