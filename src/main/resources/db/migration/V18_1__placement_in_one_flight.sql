-- A placement sent as one flight (BEGIN, its statements and COMMIT leave together, docs/orders.md)
-- cannot look at an answer before it commits, so every statement that can fall short aborts the
-- transaction itself: the guarded update when a claim found no stock (SQLSTATE OGS01, the short
-- SKUs as a JSON array in the detail), and a last check that every part of the order arrived
-- (OGP01). COMMIT on an aborted transaction rolls it back.
create function omnigate_require(ok boolean, code text, message text, detail text) returns void
language plpgsql as $$
begin
    if ok is not true then
        raise exception using errcode = code, message = message, detail = coalesce(detail, '');
    end if;
end $$;
