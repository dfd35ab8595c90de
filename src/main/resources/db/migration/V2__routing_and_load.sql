-- Routing policy versions: the newest row is in force; older ones are history.
create table routing_policy (
    version    bigint primary key,
    policy     jsonb not null,
    changed_by text,
    created_at timestamptz not null default now()
);

-- Fulfillments assigned to a location per clock hour: the store-capacity view that availability
-- reads and order placement increments with a guarded single-statement upsert.
create table location_load (
    location_id text not null references location (id),
    hour_start  timestamptz not null,
    assigned    integer not null default 0 check (assigned >= 0),
    primary key (location_id, hour_start)
);
