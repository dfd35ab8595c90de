-- Signed webhooks for back-end systems (docs/webhooks.md).

-- A subscriber: where to post, which public event types, the signing secret. cursor is the last
-- outbox seq already turned into deliveries for it; only the instance holding the row lock moves it.
create table webhook_subscription (
    id          text primary key,
    url         text not null,
    event_types text[] not null,
    secret      text not null,
    cursor      bigint not null,
    created_at  timestamptz not null default now(),
    deleted_at  timestamptz
);

create index webhook_subscription_live_idx on webhook_subscription (id) where deleted_at is null;

-- One event for one subscriber, with the exact body it is sent with, and its delivery log.
-- order_key groups the events that must arrive in seq order (one order; '' for events of no order).
-- claimed_until is the lease of the instance sending it now; an expired lease is sent again with
-- the same webhook-id.
create table webhook_delivery (
    id               bigserial primary key,
    subscription_id  text not null references webhook_subscription (id) on delete cascade,
    seq              bigint not null,
    event_type       text not null,
    order_key        text not null,
    body             text not null,
    state            text not null check (state in ('PENDING', 'DELIVERED', 'PARKED')),
    attempts         integer not null default 0,
    next_attempt_at  timestamptz not null default now(),
    first_attempt_at timestamptz,
    claimed_until    timestamptz,
    last_status      integer,
    last_error       text,
    last_response    text,
    updated_at       timestamptz not null default now(),
    unique (subscription_id, seq)
);

create index webhook_delivery_due_idx on webhook_delivery (subscription_id, next_attempt_at) where state = 'PENDING';
create index webhook_delivery_order_idx on webhook_delivery (subscription_id, order_key, seq) where state = 'PENDING';
create index webhook_delivery_updated_idx on webhook_delivery (updated_at) where state <> 'PENDING';
