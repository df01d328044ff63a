-- The clocks an appeal is judged against (响应率, 按时办结率) are the ones it was raised with, whoever
-- holds it: a hand-over gives the new holder a fresh working accept clock (accept_due_at) but never
-- moves these. first_resolve_due_at now means the resolve deadline by those clocks, extended by every
-- pause (it used to be the first working deadline, with pauses added at query time).
alter table appeal add column first_accept_due_at timestamptz,
    add column first_accepted_at timestamptz,
    -- the community confirmed a 派单异议 by re-dispatching: not a valid complaint about the first handler
    add column wrongly_routed boolean not null default false;

update appeal set first_accept_due_at = accept_due_at,
    first_accepted_at = accepted_at,
    first_resolve_due_at = coalesce(first_resolve_due_at + paused_seconds * interval '1 second',
                                    accept_due_at + resolve_minutes * interval '1 minute');
update appeal a set wrongly_routed = true
where exists (select 1 from appeal_event e where e.appeal_id = a.id and e.action = 'REDISPATCHED');

alter table appeal alter column first_accept_due_at set not null,
    alter column first_resolve_due_at set not null;
