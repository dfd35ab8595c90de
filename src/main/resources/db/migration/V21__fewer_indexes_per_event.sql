-- Every event is written twice: inserted by its transaction, then numbered by the relay, and the
-- numbering update cannot be a HOT update (seq is indexed), so each index of event_outbox and
-- order_history takes two entries per event. Two indexes served nothing a cheaper path does not:
--   event_outbox_created_idx: only the pruner read it; it now walks the primary key (EventStore.PRUNE).
--   order_history_order_idx (order_id, id): every read by order finds its rows through
--   order_history_order_seq_idx (order_id, seq) as well; an order has a handful of rows.
drop index if exists event_outbox_created_idx;
drop index if exists order_history_order_idx;
