-- KPIs (docs/kpis.md) are queries over the fulfillment history: fulfillments by creation time,
-- their history rows by fulfillment.
create index fulfillment_created_idx on fulfillment (created_at);
create index order_history_fulfillment_idx on order_history (fulfillment_id, type) where fulfillment_id is not null;
