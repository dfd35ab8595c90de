-- The in-memory ATP replica (docs/atp-replica.md) follows these tables through the outbox.
--
-- Every replicated row carries replica_version, taken from one sequence on insert and on every
-- update. An update waits for the row lock of the one before it, so a row's versions grow in the
-- order its changes commit: a replica applies a change only when it is newer than what it holds.
--
-- One AFTER ... FOR EACH STATEMENT trigger per table writes ONE unnumbered outbox row per
-- statement (types internal.*), with the changed rows' new values. The relay numbers it with the
-- order events of the same transaction and hands it to the replica of every instance. No lock is
-- taken beyond the rows the statement already holds. A statement that changes more than 1,000
-- rows (a store snapshot, a bulk load) names its locations instead, and replicas re-read them.
create sequence replica_version_seq;

create function replica_bump_version() returns trigger language plpgsql as $$
begin
    new.replica_version := nextval('replica_version_seq');
    return new;
end $$;

create function replica_micros(t timestamptz) returns bigint language sql immutable as $$
    select (extract(epoch from t) * 1000000)::bigint
$$;

-- ---- stock: on_hand, reserved, safety_stock per (location, sku)
alter table stock add column replica_version bigint not null default nextval('replica_version_seq');

create trigger stock_replica_version before update on stock
    for each row execute function replica_bump_version();

create function replica_stock_changed() returns trigger language plpgsql as $$
begin
    if (select count(*) from changed) > 1000 then
        insert into event_outbox (type, payload)
        select 'internal.stock', jsonb_build_object('reload', jsonb_agg(distinct location_id)) from changed;
    else
        insert into event_outbox (type, payload)
        select 'internal.stock', jsonb_build_object('rows', jsonb_agg(jsonb_build_array(
                   location_id, sku, on_hand, reserved, safety_stock, replica_version)))
        from changed having count(*) > 0;
    end if;
    return null;
end $$;

create trigger stock_replica_inserted after insert on stock referencing new table as changed
    for each statement execute function replica_stock_changed();
create trigger stock_replica_updated after update on stock referencing new table as changed
    for each statement execute function replica_stock_changed();

create function replica_stock_deleted() returns trigger language plpgsql as $$
begin
    insert into event_outbox (type, payload)
    select 'internal.stock', jsonb_build_object('deleted', jsonb_agg(jsonb_build_array(location_id, sku, replica_version)))
    from (select location_id, sku, nextval('replica_version_seq') as replica_version from gone) g
    having count(*) > 0;
    return null;
end $$;

create trigger stock_replica_deleted after delete on stock referencing old table as gone
    for each statement execute function replica_stock_deleted();

-- ---- location: stock_synced_at and default_safety_stock (the rest is the network index's)
alter table location add column replica_version bigint not null default nextval('replica_version_seq');

create trigger location_replica_version before update on location
    for each row execute function replica_bump_version();

create function replica_location_changed() returns trigger language plpgsql as $$
begin
    insert into event_outbox (type, payload)
    select 'internal.location', jsonb_build_object('op', TG_OP, 'rows', jsonb_agg(jsonb_build_array(
               id, replica_micros(stock_synced_at), default_safety_stock, replica_version)))
    from changed having count(*) > 0;
    return null;
end $$;

create trigger location_replica_inserted after insert on location referencing new table as changed
    for each statement execute function replica_location_changed();
create trigger location_replica_updated after update on location referencing new table as changed
    for each statement execute function replica_location_changed();

-- ---- sku: the catalogue's parcel sizes
alter table sku add column replica_version bigint not null default nextval('replica_version_seq');

create trigger sku_replica_version before update on sku
    for each row execute function replica_bump_version();

create function replica_sku_changed() returns trigger language plpgsql as $$
begin
    insert into event_outbox (type, payload)
    select 'internal.sku', jsonb_build_object('rows', jsonb_agg(jsonb_build_array(sku, parcel_size, replica_version)))
    from changed having count(*) > 0;
    return null;
end $$;

create trigger sku_replica_inserted after insert on sku referencing new table as changed
    for each statement execute function replica_sku_changed();
create trigger sku_replica_updated after update on sku referencing new table as changed
    for each statement execute function replica_sku_changed();

-- ---- location_load: fulfillments assigned per (location, hour)
alter table location_load add column replica_version bigint not null default nextval('replica_version_seq');

create trigger location_load_replica_version before update on location_load
    for each row execute function replica_bump_version();

create function replica_load_changed() returns trigger language plpgsql as $$
begin
    insert into event_outbox (type, payload)
    select 'internal.load', jsonb_build_object('rows', jsonb_agg(jsonb_build_array(
               location_id, replica_micros(hour_start), assigned, replica_version)))
    from changed having count(*) > 0;
    return null;
end $$;

create trigger location_load_replica_inserted after insert on location_load referencing new table as changed
    for each statement execute function replica_load_changed();
create trigger location_load_replica_updated after update on location_load referencing new table as changed
    for each statement execute function replica_load_changed();

-- ---- inbound_receipt: rows are written once; a bulk load names its locations
create function replica_inbound_inserted() returns trigger language plpgsql as $$
begin
    if (select count(*) from changed) > 1000 then
        insert into event_outbox (type, payload)
        select 'internal.inbound', jsonb_build_object('reload', jsonb_agg(distinct location_id)) from changed;
    else
        insert into event_outbox (type, payload)
        select 'internal.inbound', jsonb_build_object('rows', jsonb_agg(jsonb_build_array(
                   id, location_id, sku, qty, replica_micros(eta))))
        from changed having count(*) > 0;
    end if;
    return null;
end $$;

create trigger inbound_replica_inserted after insert on inbound_receipt referencing new table as changed
    for each statement execute function replica_inbound_inserted();

create function replica_inbound_deleted() returns trigger language plpgsql as $$
begin
    insert into event_outbox (type, payload)
    select 'internal.inbound', jsonb_build_object('deleted', jsonb_agg(jsonb_build_array(id, location_id)))
    from gone having count(*) > 0;
    return null;
end $$;

create trigger inbound_replica_deleted after delete on inbound_receipt referencing old table as gone
    for each statement execute function replica_inbound_deleted();

create index location_load_hour_idx on location_load (hour_start);
