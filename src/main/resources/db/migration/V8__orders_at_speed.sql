-- Store load without a hot row: every order used to upsert one (location, hour) row, and every
-- order to that location waited for the row lock until the previous one committed. The counter is
-- now split into shards, one per database session (pg_backend_pid() % 32): a session runs one
-- transaction at a time, so two orders wait for each other only when two sessions share a shard.
-- location_load keeps its old shape as a view (one row per location and hour), for every reader.
create table location_load_shard (
    location_id text not null references location (id),
    hour_start  timestamptz not null,
    shard       smallint not null,
    assigned    integer not null default 0 check (assigned >= 0),
    primary key (location_id, hour_start, shard)
);

insert into location_load_shard (location_id, hour_start, shard, assigned)
select location_id, hour_start, 0, assigned from location_load;

drop table location_load;

create view location_load as
select location_id, hour_start, sum(assigned)::integer as assigned
from location_load_shard
group by location_id, hour_start;

-- Writing a whole (location, hour) figure (tests, imports) lands in shard 0.
create rule location_load_insert as on insert to location_load do instead
insert into location_load_shard (location_id, hour_start, shard, assigned)
values (new.location_id, new.hour_start, 0, new.assigned);

-- Idempotency keys belong to a caller (the token's subject) and an operation: the same key from
-- another caller, or on another endpoint, is another request. The answer is kept as its status
-- and body text, so a business refusal (409) replays like a success.
alter table idempotency_key add column caller text not null default '';
alter table idempotency_key add column operation text not null default 'place-order';
alter table idempotency_key alter column response type text using response::text;
alter table idempotency_key drop constraint idempotency_key_pkey;
alter table idempotency_key add primary key (caller, operation, key);
alter table idempotency_key alter column caller drop default;
alter table idempotency_key alter column operation drop default;

-- A hold belongs to the caller that made it (or an admin).
alter table hold add column owner text;
