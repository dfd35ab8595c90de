-- Store load is derived by the relay instead of written by every order (docs/events.md).
--
-- Until now each placement, re-route and change upserted its session's shard of
-- location_load_shard inside the request's transaction, and the shard's statement triggers
-- re-aggregated the whole location_load view for the ATP replica's notice: two aggregates and a
-- row lock per order. The relay's numbering pass numbers every committed event exactly once, so
-- it now counts the `fulfillment.assigned` events it numbers into shard 0 of their (location,
-- hour), in the same transaction as their numbers: one upsert per pass, whatever the number of
-- orders, and counted exactly once across crashes and instances (the numbering's advisory lock
-- makes the relay the only writer of shard 0). Shards 1..31 keep what sessions counted before.
--
-- Load is a ranking signal, not a guarded counter: it trails the order by one relay pass.

create or replace function replica_load_shard_changed() returns trigger language plpgsql as $$
begin
    insert into event_outbox (type, payload)
    select 'internal.load', jsonb_build_object('rows', jsonb_agg(jsonb_build_array(
               t.location_id, replica_micros(t.hour_start), t.assigned, t.replica_version)))
    from (select s.location_id, s.hour_start, sum(s.assigned)::integer as assigned,
                 max(s.replica_version) as replica_version
            from (select distinct location_id, hour_start from changed) c
            join location_load_shard s on s.location_id = c.location_id and s.hour_start = c.hour_start
           group by s.location_id, s.hour_start) t
    having count(*) > 0;
    return null;
end $$;

create or replace function omnigate_relay_pass(after_seq bigint, batch integer)
returns table (seq bigint, type text, order_id text, fulfillment_id text, location_id text, status text,
               previous_status text, payload text, at timestamptz)
language plpgsql
as $$
#variable_conflict use_column
declare
    numbered integer;
    last     bigint;
begin
    if exists (select 1 from event_outbox u where u.seq is null) then
        perform pg_advisory_xact_lock(8029195109656523877); -- 0x6f6d6e6967617465, "omnigate"
        with b as (select x.id, row_number() over (order by x.id) as rn
                     from (select o.id from event_outbox o where o.seq is null order by o.id limit batch) x),
             n as (update event_sequence q set last_seq = q.last_seq + (select count(*) from b)
                     where exists (select 1 from b) returning q.last_seq),
             s as (update event_outbox e set seq = n.last_seq - (select count(*) from b) + b.rn
                     from b, n where e.id = b.id
                     returning e.id, e.seq, e.type, e.location_id, e.created_at),
             h as (update order_history hh set seq = s.seq from s where hh.event_id = s.id and hh.seq is null),
             l as (insert into location_load_shard (location_id, hour_start, shard, assigned)
                     select s.location_id, date_trunc('hour', s.created_at), 0, count(*)
                       from s
                      where s.type = 'fulfillment.assigned' and s.location_id is not null
                      group by 1, 2
                      order by 1, 2
                   on conflict (location_id, hour_start, shard)
                   do update set assigned = location_load_shard.assigned + excluded.assigned)
        select count(*), max(s.seq) into numbered, last from s;
        if numbered > 0 then
            perform pg_notify('omnigate_events', last::text);
        end if;
    end if;
    return query
        select e.seq, e.type, e.order_id, e.fulfillment_id, e.location_id, e.status, e.previous_status,
               e.payload::text, e.created_at
          from event_outbox e
         where e.seq > after_seq
         order by e.seq
         limit batch;
end
$$;
