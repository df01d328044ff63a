-- Append-only audit trail: who, when, what, from where. Updates and deletes are refused by the database.
create table audit_log (
    id            bigserial primary key,
    at            timestamptz not null default now(),
    actor_user_id bigint,
    actor_name    varchar(100) not null,
    actor_role    varchar(20),
    source_ip     varchar(64),
    action        varchar(80) not null,
    subject_type  varchar(40) not null,
    subject_id    varchar(80),
    summary       varchar(1000)
);
create index audit_log_subject on audit_log (subject_type, subject_id);
create index audit_log_at on audit_log (at);

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only';
end $$;
create trigger audit_log_no_update before update or delete or truncate on audit_log
    for each statement execute function audit_log_append_only();

-- Replayable answers to POSTs carrying an Idempotency-Key, per user.
create table idempotent_request (
    user_key     varchar(120) not null,
    request_key  varchar(200) not null,
    method       varchar(10) not null,
    path         varchar(500) not null,
    status       int,
    content_type varchar(200),
    body         bytea,
    created_at   timestamptz not null default now(),
    primary key (user_key, request_key)
);
