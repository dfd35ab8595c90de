-- Returns are records (issue 17): a customer's request moves no stock; the receiving location
-- records the receipt once, with what goes back on the shelf.
create table return_record (
    id                  text primary key,
    order_id            text not null references orders (id),
    method              text not null check (method in ('IN_STORE', 'MAIL', 'LOCKER')),
    location_id         text not null references location (id),
    restock_location_id text not null references location (id),
    status              text not null check (status in ('REQUESTED', 'RESTOCKED', 'REFUSED')),
    requested_at        timestamptz not null default now(),
    received_at         timestamptz,
    check ((status = 'REQUESTED') = (received_at is null))
);
create index return_record_order_idx on return_record (order_id);
create index return_record_waiting_idx on return_record (location_id, requested_at) where status = 'REQUESTED';

-- order_return keeps one row per returned line; restock_qty is what the receipt put back.
alter table order_return add column restock_qty integer check (restock_qty >= 0 and restock_qty <= qty);

-- Returns recorded before records existed moved stock at once: they become received records.
insert into return_record (id, order_id, method, location_id, restock_location_id, status, requested_at, received_at)
select return_id, min(order_id), min(method), min(location_id), min(location_id),
       case when bool_or(restocked) then 'RESTOCKED' else 'REFUSED' end, min(created_at), min(created_at)
from order_return group by return_id;
update order_return set restock_qty = case when restocked then qty else 0 end;
