-- The sharing gate for webhooks and notifications (docs/customers-and-consent.md, docs/notifications.md).

-- Who a webhook subscriber is: the retailer's own back end, or a third party of a recipient class
-- whose share.* consent decides whether it receives the customer's contact data.
alter table webhook_subscription
    add column recipient_class text not null default 'retailer'
        check (recipient_class in ('retailer', 'carrier', 'locker-operator', 'marketplace'));

-- What a delivery discloses about a customer: the contact fields its body carries and the consent
-- record that allowed them. A withdrawal before sending strips them; a sent one is registered.
alter table webhook_delivery
    add column customer_id       text,
    add column disclosed_fields  text[] not null default '{}',
    add column consent_record_id bigint;

-- Customer notifications: one row per event and channel the customer had opted into when the event
-- was read; sent by a sweep that reads the consent again, so a withdrawal wins over a row not yet
-- sent. The address is never stored here: it is opened from customer_contact when sending.
create table notification (
    id                bigint generated always as identity primary key,
    seq               bigint not null,
    order_id          text not null references orders (id),
    customer_id       text not null,
    channel           text not null check (channel in ('email', 'sms', 'push')),
    template          text not null,
    status            text not null default 'PENDING' check (status in ('PENDING', 'SENT', 'SKIPPED', 'FAILED')),
    attempts          integer not null default 0,
    next_at           timestamptz not null default now(),
    created_at        timestamptz not null default now(),
    sent_at           timestamptz,
    sent_fields       text[],
    consent_record_id bigint references consent_record (id),
    skipped_because   text,
    unique (seq, channel)
);

create index notification_due_idx on notification (next_at) where status = 'PENDING';
create index notification_customer_idx on notification (customer_id, id);

-- How far the notification sweep has read the outbox; only the instance holding the row lock moves it.
create table notification_cursor (
    single   boolean primary key default true check (single),
    last_seq bigint not null
);

insert into notification_cursor (last_seq) select last_seq from event_sequence;
