-- 调整物业服务收费标准: the published steps of a fee change — the cost audit posted 30 days, the new
-- rates posted 30 days and reported, the owners' vote, the result posted at least 7 days, then in force
create table fee_change (
    id               bigserial primary key,
    compound_id      bigint not null references compound (id),
    status           varchar(14) not null check (status in ('AUDIT_POSTED', 'RATES_POSTED', 'VOTING', 'REJECTED', 'PASSED', 'RESULT_POSTED', 'IN_FORCE')),
    reason           text not null,
    audit            text not null,
    proposed_by_name varchar(100) not null,
    audit_posted_at  timestamptz not null,
    rates_posted_at  timestamptz,
    motion_id        bigint unique,
    vote_result      varchar(20),
    result_posted_at timestamptz,
    effective_on     date,
    version          int not null default 0
);
create index fee_change_compound on fee_change (compound_id, id desc);

create table fee_change_item (
    change_id    bigint not null references fee_change (id),
    item_id      bigint not null references fee_item (id),
    new_rate_fen bigint not null check (new_rate_fen > 0),
    primary key (change_id, item_id)
);
