-- Revoked token ids (jti), shared by every instance; a row can go once the token has expired.
create table revoked_token (
    jti        text primary key,
    revoked_at timestamptz not null default now()
);
