-- Ship-to-store: a PICKUP or CURBSIDE fulfillment reserved and prepared at a feeding location (a DC
-- or another store) and collected at the customer's pickup store. NULL for every other fulfillment.
alter table fulfillment add column transfer_to_location_id text references location (id);
