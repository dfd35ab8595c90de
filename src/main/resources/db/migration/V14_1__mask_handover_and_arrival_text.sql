-- Erasure also masks the hand-over proof's collector name and a curbside arrival's vehicle
-- (docs/customers-and-consent.md).
create or replace function mask_contact(doc jsonb, secrets text[]) returns jsonb language plpgsql immutable as $$
declare
    masked jsonb;
    k text;
    v jsonb;
begin
    if doc is null then
        return null;
    elsif jsonb_typeof(doc) = 'object' then
        masked := '{}'::jsonb;
        for k, v in select * from jsonb_each(doc) loop
            if k in ('email', 'phone', 'name', 'line1', 'line2', 'city', 'postalCode', 'reason', 'note', 'comment',
                     'collectorName', 'vehicle')
                and jsonb_typeof(v) = 'string' then
                masked := masked || jsonb_build_object(k, '[erased]');
            else
                masked := masked || jsonb_build_object(k, mask_contact(v, secrets));
            end if;
        end loop;
        return masked;
    elsif jsonb_typeof(doc) = 'array' then
        return coalesce((select jsonb_agg(mask_contact(e, secrets) order by n)
                         from jsonb_array_elements(doc) with ordinality as x(e, n)), '[]'::jsonb);
    elsif jsonb_typeof(doc) = 'string'
        and exists (select 1 from unnest(secrets) s where s <> '' and strpos(doc #>> '{}', s) > 0) then
        return '"[erased]"'::jsonb;
    end if;
    return doc;
end $$;
