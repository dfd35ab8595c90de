-- The network: stores, warehouses, lockers and suppliers.
create table location (
    id                   text primary key,
    type                 text not null check (type in ('STORE', 'DC', 'LOCKER', 'SUPPLIER')),
    name                 text not null,
    lat                  double precision not null check (lat between -90 and 90),
    lon                  double precision not null check (lon between -180 and 180),
    time_zone            text not null,
    capabilities         text[] not null default '{}',
    opening_hours        jsonb not null default '{}',
    hours_exceptions     jsonb not null default '[]',
    pickup_lead_minutes  integer not null default 120 check (pickup_lead_minutes >= 0),
    hourly_capacity      integer not null default 20 check (hourly_capacity >= 0),
    compartments         jsonb not null default '{}',
    parent_location_id   text references location (id),
    address              jsonb,
    default_safety_stock integer not null default 0 check (default_safety_stock >= 0),
    snapshot_as_of       timestamptz,
    stock_synced_at      timestamptz,
    version              bigint not null default 1,
    updated_at           timestamptz not null default now()
);

create index location_type_idx on location (type);

-- The catalogue: adjustments and snapshots may only name known SKUs.
create table sku (
    sku         text primary key,
    name        text not null,
    parcel_size text not null default 'M' check (parcel_size in ('S', 'M', 'L')),
    created_at  timestamptz not null default now()
);

-- Stock per location and SKU. Counters move only by guarded single-statement updates.
create table stock (
    location_id  text not null references location (id),
    sku          text not null references sku (sku),
    on_hand      integer not null default 0 check (on_hand >= 0),
    reserved     integer not null default 0 check (reserved >= 0),
    safety_stock integer check (safety_stock >= 0),
    updated_at   timestamptz not null default now(),
    primary key (location_id, sku)
);

create index stock_sku_idx on stock (sku);

-- Real-time deltas, one row per eventId so a repeated event is applied once.
create table inventory_adjustment (
    event_id    text primary key,
    location_id text not null references location (id),
    sku         text not null references sku (sku),
    delta       integer not null,
    reason      text not null,
    occurred_at timestamptz not null,
    applied_at  timestamptz not null default now()
);

create index inventory_adjustment_location_time_idx on inventory_adjustment (location_id, occurred_at);

-- Expected receipts: transfers and replenishment with an ETA.
create sequence inbound_receipt_seq increment by 50;

create table inbound_receipt (
    id          bigint primary key,
    location_id text not null references location (id),
    sku         text not null references sku (sku),
    qty         integer not null check (qty > 0),
    eta         timestamptz not null,
    reference   text,
    created_at  timestamptz not null default now()
);

create index inbound_receipt_sku_eta_idx on inbound_receipt (sku, eta);
