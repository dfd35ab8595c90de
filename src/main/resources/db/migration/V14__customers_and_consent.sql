-- Customer data and consent (docs/customers-and-consent.md).

-- Who an order is for (the retailer's own customer id) and where it came from. Contact data is
-- not here: it lives sealed in customer_contact, so it can be erased without touching the order.
alter table orders
    add column customer_id text,
    add column channel     text check (channel in ('web', 'app', 'kiosk', 'store', 'marketplace'));

create index orders_customer_idx on orders (customer_id) where customer_id is not null;

-- The customer's contact data for one order, sealed with AES-256-GCM under a key derived from the
-- deployment secret. Erasure drops the sealed value and keeps the row as proof it happened.
create table customer_contact (
    order_id    text primary key references orders (id),
    customer_id text not null,
    sealed      text,
    fields      text[] not null default '{}',
    created_at  timestamptz not null default now(),
    erased_at   timestamptz
);

create index customer_contact_customer_idx on customer_contact (customer_id);

-- The consent ledger: append-only; the current state per purpose is the newest record.
create table consent_record (
    id             bigint generated always as identity primary key,
    customer_id    text not null,
    purpose        text not null,
    granted        boolean not null,
    channel        text not null check (channel in ('web', 'app', 'kiosk', 'store', 'marketplace')),
    surface        text not null,
    notice_version text,
    recorded_by    text not null,
    recorded_at    timestamptz not null default clock_timestamp()
);

create index consent_record_current_idx on consent_record (customer_id, purpose, id desc);

create function consent_record_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'consent_record is append-only';
end $$;

create trigger consent_record_append_only before update or delete on consent_record
    for each row execute function consent_record_is_append_only();

-- The processing register: every disclosure of customer data to someone outside omnigate.
create table disclosure (
    id                bigint generated always as identity primary key,
    customer_id       text not null,
    order_id          text references orders (id),
    recipient_class   text not null,
    recipient         text not null,
    fields            text[] not null,
    basis             text not null check (basis in ('consent', 'contract')),
    consent_record_id bigint references consent_record (id),
    disclosed_at      timestamptz not null default now()
);

create index disclosure_customer_idx on disclosure (customer_id, id);

-- Shipment notices owed to an HTTP carrier, written with the order and sent after commit by a
-- sweep, so a notice is neither lost in a crash nor sent from inside the placement transaction.
create table carrier_notice (
    order_id    text primary key references orders (id),
    carrier     text not null,
    status      text not null default 'PENDING' check (status in ('PENDING', 'SENT', 'FAILED')),
    attempts    integer not null default 0,
    next_at     timestamptz not null default now(),
    created_at  timestamptz not null default now(),
    sent_at     timestamptz,
    sent_fields text[]
);

create index carrier_notice_due_idx on carrier_notice (next_at) where status = 'PENDING';

-- Erasures done, one row per customer: repeated requests answer from here and find nothing left.
create table customer_erasure (
    customer_id text primary key,
    erased_at   timestamptz not null default now(),
    last_run_at timestamptz not null default now()
);

-- Masks contact data inside a JSON document: the values of contact and free-text keys, and any
-- string equal to one of secrets (the erased customer's own email, phone and name).
create function mask_contact(doc jsonb, secrets text[]) returns jsonb language plpgsql immutable as $$
declare
    masked jsonb;
    k text;
    v jsonb;
begin
    if doc is null then
        return null;
    elsif jsonb_typeof(doc) = 'object' then
        masked := '{}'::jsonb;
        for k, v in select * from jsonb_each(doc) loop
            if k in ('email', 'phone', 'name', 'line1', 'line2', 'city', 'postalCode', 'reason', 'note', 'comment')
                and jsonb_typeof(v) = 'string' then
                masked := masked || jsonb_build_object(k, '[erased]');
            else
                masked := masked || jsonb_build_object(k, mask_contact(v, secrets));
            end if;
        end loop;
        return masked;
    elsif jsonb_typeof(doc) = 'array' then
        return coalesce((select jsonb_agg(mask_contact(e, secrets) order by n)
                         from jsonb_array_elements(doc) with ordinality as x(e, n)), '[]'::jsonb);
    elsif jsonb_typeof(doc) = 'string'
        and exists (select 1 from unnest(secrets) s where s <> '' and strpos(doc #>> '{}', s) > 0) then
        return '"[erased]"'::jsonb;
    end if;
    return doc;
end $$;
