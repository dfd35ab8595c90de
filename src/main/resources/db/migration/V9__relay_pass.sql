-- One relay pass in one round trip (docs/events.md).
--
-- omnigate_relay_pass(after_seq, batch) numbers up to `batch` committed, still unnumbered events in
-- id order (under the sequencer's advisory lock, one numbering at a time across instances), gives
-- their history rows the same seq, pokes every instance on `omnigate_events` with the highest seq
-- it numbered, and returns the numbered events after `after_seq`, in order, at most `batch`.
--
-- The caller calls it outside any transaction: the function's statements run in the implicit
-- transaction of the call, and the client receives the rows when that transaction has committed.
-- The lock is only taken when something waits to be numbered, so instances that only read do not
-- queue behind each other. Without the lock a reader still never sees a gap that fills later: a
-- numbering commits before the next one can take the lock, so a snapshot that sees the later
-- numbering sees the earlier one too.
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
                     from b, n where e.id = b.id returning e.id, e.seq),
             h as (update order_history hh set seq = s.seq from s where hh.event_id = s.id and hh.seq is null)
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
