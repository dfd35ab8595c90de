-- Store load without a hot row: every order used to upsert one (location, hour) row, and every
-- order to that location waited for the row lock until the previous one committed. The counter is
-- now split into shards, one per database session (pg_backend_pid() % 32): a session runs one
-- transaction at a time, so two orders wait for each other only when two sessions share a shard.
-- location_load keeps its old shape as a view (one row per location and hour), for every reader.
-- The ATP replica's versions and notices (V7) move to the shards: the view's replica_version is
-- the newest of its shards', and a notice carries the (location, hour) total its transaction sees
-- (two orders committing at once may each miss the other's unit until the next notice or the
-- replica's reconciliation; load is a ranking signal, not a guarded counter).
create table location_load_shard (
    location_id     text not null references location (id),
    hour_start      timestamptz not null,
    shard           smallint not null,
    assigned        integer not null default 0 check (assigned >= 0),
    replica_version bigint not null default nextval('replica_version_seq'),
    primary key (location_id, hour_start, shard)
);

insert into location_load_shard (location_id, hour_start, shard, assigned)
select location_id, hour_start, 0, assigned from location_load;

drop table location_load;

create index location_load_shard_hour_idx on location_load_shard (hour_start);

create view location_load as
select location_id, hour_start, sum(assigned)::integer as assigned, max(replica_version) as replica_version
from location_load_shard
group by location_id, hour_start;

create trigger location_load_shard_replica_version before update on location_load_shard
    for each row execute function replica_bump_version();

create function replica_load_shard_changed() returns trigger language plpgsql as $$
begin
    insert into event_outbox (type, payload)
    select 'internal.load', jsonb_build_object('rows', jsonb_agg(jsonb_build_array(
               l.location_id, replica_micros(l.hour_start), l.assigned, l.replica_version)))
    from (select distinct location_id, hour_start from changed) c
    join location_load l on l.location_id = c.location_id and l.hour_start = c.hour_start
    having count(*) > 0;
    return null;
end $$;

create trigger location_load_shard_replica_inserted after insert on location_load_shard
    referencing new table as changed for each statement execute function replica_load_shard_changed();
create trigger location_load_shard_replica_updated after update on location_load_shard
    referencing new table as changed for each statement execute function replica_load_shard_changed();

-- Writing a whole (location, hour) figure (tests, imports) lands in shard 0.
create rule location_load_insert as on insert to location_load do instead
insert into location_load_shard (location_id, hour_start, shard, assigned)
values (new.location_id, new.hour_start, 0, new.assigned);

-- Idempotency keys belong to a caller (the token's subject) and an operation: the same key from
-- another caller, or on another endpoint, is another request. The answer is kept as its status
-- and body (JSON), so a business refusal (409) replays like a success.
alter table idempotency_key add column caller text not null default '';
alter table idempotency_key add column operation text not null default 'place-order';
alter table idempotency_key drop constraint idempotency_key_pkey;
alter table idempotency_key add primary key (caller, operation, key);
alter table idempotency_key alter column caller drop default;
alter table idempotency_key alter column operation drop default;

-- A hold belongs to the caller that made it (or an admin).
alter table hold add column owner text;
