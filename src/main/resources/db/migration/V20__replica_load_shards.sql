-- The ATP replica's load notices carry each shard row (location, hour, shard, assigned, version)
-- instead of the (location, hour) total seen by the writing transaction. Before V18 two orders
-- counted into two shards of one hour at once each saw the total without the other's uncommitted
-- unit, and the later version carried the smaller figure: the replica held units too few until
-- its reconciliation repaired them. Since V18 the relay pass is the only writer of new load, but a
-- total stays right only as long as one writer is guaranteed; a shard row is only changed under its
-- row lock, so its versions grow in commit order whoever writes, and the replica sums the newest
-- version of every shard (inventory/ReplicaLoad). Replaces V18's definition of the function.
create or replace function replica_load_shard_changed() returns trigger language plpgsql as $$
begin
    insert into event_outbox (type, payload)
    select 'internal.load', jsonb_build_object('shards', jsonb_agg(jsonb_build_array(
               location_id, replica_micros(hour_start), shard, assigned, replica_version)))
    from changed
    having count(*) > 0;
    return null;
end $$;
