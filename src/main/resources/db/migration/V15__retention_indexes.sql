-- Retention passes (platform/RetentionPasses) find finished rows by age without scanning tables.
-- Finished reservations by when they finished; a hold's reservations of any status by hold.
create index reservation_finished_idx on reservation (released_at) where status <> 'ACTIVE';
create index reservation_hold_any_idx on reservation (hold_id) where hold_id is not null;
create index hold_finished_idx on hold (expires_at) where status <> 'ACTIVE';
create index inventory_adjustment_applied_idx on inventory_adjustment (applied_at);
