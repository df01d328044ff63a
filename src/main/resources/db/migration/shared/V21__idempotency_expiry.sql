-- An idempotent answer belongs to one request (method, path and body, as SHA-256), expires after a
-- day, keeps its Location, and is not kept at all when it carried a secret (Cache-Control: no-store).
alter table idempotent_request
    add column request_hash char(64),
    add column location     varchar(500),
    add column secret       boolean not null default false,
    add column expires_at   timestamptz;
update idempotent_request set expires_at = created_at + interval '24 hours';
alter table idempotent_request alter column expires_at set not null;
delete from idempotent_request where expires_at < now();
-- answers to "issue an Open311 key" held the key in plain text: only the fact that it was issued stays
update idempotent_request set body = null, content_type = null, secret = true where path like '/api/v1/open311-clients%';
create index idempotent_request_expires on idempotent_request (expires_at);
