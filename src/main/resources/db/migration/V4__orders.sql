-- Orders, their fulfillments and the stock reserved for them.
create table orders (
    id                 text primary key,
    status             text not null check (status in ('PLACED', 'CANCELLED')),
    method             text not null check (method in ('PICKUP', 'CURBSIDE', 'LOCKER', 'SHIP', 'SAME_DAY')),
    pickup_location_id text references location (id),
    destination        jsonb,
    shipping_address   jsonb,
    customer           jsonb,
    hold_id            text,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now()
);

-- One location serving part (or all) of an order by one method.
create table fulfillment (
    id          text primary key,
    order_id    text not null references orders (id),
    location_id text not null references location (id),
    method      text not null,
    status      text not null check (status in ('ASSIGNED', 'ACCEPTED', 'PICKING', 'PACKED', 'READY_FOR_PICKUP',
        'PICKED_UP', 'SHIPPED', 'DELIVERED', 'REJECTED', 'CANCELLED', 'EXPIRED', 'RETURNED')),
    reason      text,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

create index fulfillment_order_idx on fulfillment (order_id);
create index fulfillment_location_status_idx on fulfillment (location_id, status);

create table fulfillment_line (
    fulfillment_id text not null references fulfillment (id),
    sku            text not null references sku (sku),
    mode           text not null check (mode in ('STOCK', 'BACKORDER', 'PREORDER')),
    qty            integer not null check (qty >= 0),
    primary key (fulfillment_id, sku, mode)
);

-- Cart holds: stock set aside for a checkout session until it expires or an order consumes it.
create table hold (
    id          text primary key,
    status      text not null check (status in ('ACTIVE', 'CONSUMED', 'RELEASED', 'EXPIRED')),
    expires_at  timestamptz not null,
    order_id    text,
    created_at  timestamptz not null default now()
);

create index hold_due_idx on hold (expires_at) where status = 'ACTIVE';

-- Stock held for an order's fulfillment or a hold. Invariant: stock.reserved equals the sum of
-- the ACTIVE STOCK reservations of its (location, sku). INBOUND reservations claim expected receipts.
create table reservation (
    id             bigserial primary key,
    order_id       text references orders (id),
    fulfillment_id text references fulfillment (id),
    hold_id        text references hold (id),
    location_id    text not null references location (id),
    sku            text not null references sku (sku),
    kind           text not null check (kind in ('STOCK', 'INBOUND')),
    qty            integer not null check (qty > 0),
    status         text not null check (status in ('ACTIVE', 'RELEASED', 'CONSUMED', 'EXPIRED', 'FULFILLED')),
    created_at     timestamptz not null default now(),
    released_at    timestamptz,
    check ((order_id is null) <> (hold_id is null))
);

create index reservation_order_idx on reservation (order_id) where status = 'ACTIVE';
create index reservation_hold_idx on reservation (hold_id) where status = 'ACTIVE';
create index reservation_fulfillment_idx on reservation (fulfillment_id) where status = 'ACTIVE';
create index reservation_live_idx on reservation (location_id, sku) where status = 'ACTIVE';

-- Idempotency keys of POST /v1/orders: the request's hash and the response it got, kept >= 24 h.
create table idempotency_key (
    key          text primary key,
    request_hash text not null,
    status       integer,
    response     jsonb,
    order_id     text,
    created_at   timestamptz not null default now()
);

create index idempotency_key_created_idx on idempotency_key (created_at);

-- Transactional outbox (DESIGN.md §4): written in the transaction of each change, then NOTIFY.
create table event_outbox (
    seq             bigserial primary key,
    type            text not null,
    order_id        text,
    fulfillment_id  text,
    location_id     text,
    status          text,
    previous_status text,
    payload         jsonb not null default '{}',
    created_at      timestamptz not null default now()
);

create index event_outbox_order_idx on event_outbox (order_id, seq);
create index event_outbox_location_idx on event_outbox (location_id, seq);

-- What happened to an order, in order; kept for operators and customers.
create table order_history (
    id              bigserial primary key,
    order_id        text not null references orders (id),
    seq             bigint,
    type            text not null,
    fulfillment_id  text,
    location_id     text,
    status          text,
    previous_status text,
    detail          jsonb not null default '{}',
    at              timestamptz not null default now()
);

create index order_history_order_idx on order_history (order_id, id);

-- Returned items, and where they were received.
create table order_return (
    id          bigserial primary key,
    return_id   text not null,
    order_id    text not null references orders (id),
    method      text not null check (method in ('IN_STORE', 'MAIL', 'LOCKER')),
    location_id text not null references location (id),
    sku         text not null references sku (sku),
    qty         integer not null check (qty > 0),
    restocked   boolean not null,
    created_at  timestamptz not null default now()
);

create index order_return_order_idx on order_return (order_id);
