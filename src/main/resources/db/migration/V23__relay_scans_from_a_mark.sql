-- The relay pass found its unnumbered events through event_outbox_unsequenced_idx (id) where seq
-- is null, from its lowest id. Numbering leaves every old entry of that partial index behind until
-- vacuum, so each scan stepped over all entries numbered since: measured under 860 orders/s, 9.2 MB
-- of index for about 34 unnumbered events, 492 buffers and 5.6 ms per scan, twice per pass (the
-- exists check and the numbering), a third of the relay's time and its largest cost.
--
-- Now a pass scans from a mark: scan_from is the id the sequence had handed out at the previous
-- rotation, one to two seconds ago, so only the entries of the last seconds are stepped over. Every
-- event inserted since then has a larger id (the identity sequence is not cached per session, so
-- ids are handed out in order). A transaction that inserted its event before that and commits only
-- later would be skipped by those scans, so a pass that rotates the mark (at most one a second,
-- across instances) scans from the lowest id again: such an event waits at most one more second,
-- it is never lost.
alter table event_sequence
    add column scan_from bigint not null default 0,
    add column mark_id bigint not null default 0,
    add column mark_at timestamptz not null default '-infinity';

create or replace function omnigate_relay_pass(after_seq bigint, batch integer)
    returns table (seq bigint, type text, order_id text, fulfillment_id text, location_id text,
                   status text, previous_status text, payload text, at timestamptz)
    language plpgsql
as $$
#variable_conflict use_column
declare
    ids     bigint[];
    seqs    bigint[];
    from_id bigint;
begin
    update event_sequence q
       set scan_from = q.mark_id,
           mark_id = coalesce(pg_sequence_last_value('event_outbox_id_seq'::regclass), 0),
           mark_at = clock_timestamp()
     where q.mark_at <= clock_timestamp() - interval '1 second';
    if found then
        from_id := 0;
    else
        select q.scan_from into from_id from event_sequence q;
    end if;
    if exists (select 1 from event_outbox u where u.seq is null and u.id >= from_id) then
        perform pg_advisory_xact_lock(8029195109656523877); -- 0x6f6d6e6967617465, "omnigate"
        with b as (select x.id, row_number() over (order by x.id) as rn
                     from (select o.id from event_outbox o where o.seq is null and o.id >= from_id
                            order by o.id limit batch) x),
             n as (update event_sequence q set last_seq = q.last_seq + (select count(*) from b)
                     where exists (select 1 from b) returning q.last_seq),
             s as (update event_outbox e set seq = n.last_seq - (select count(*) from b) + b.rn
                     from b, n where e.id = b.id
                     returning e.id, e.seq, e.type, e.location_id, e.created_at),
             l as (insert into location_load_shard (location_id, hour_start, shard, assigned)
                     select s.location_id, date_trunc('hour', s.created_at), 0, count(*)
                       from s
                      where s.type = 'fulfillment.assigned' and s.location_id is not null
                      group by 1, 2
                      order by 1, 2
                   on conflict (location_id, hour_start, shard)
                   do update set assigned = location_load_shard.assigned + excluded.assigned)
        select array_agg(s.id order by s.seq), array_agg(s.seq order by s.seq) into ids, seqs from s;
        if ids is not null then
            update order_history hh set seq = seqs[array_position(ids, hh.event_id)]
             where hh.event_id = any(ids) and hh.seq is null;
            perform pg_notify('omnigate_events', seqs[cardinality(seqs)]::text);
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
