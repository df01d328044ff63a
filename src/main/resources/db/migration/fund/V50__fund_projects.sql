-- 维修资金使用: repair projects paid from the fund, normal (plan posted, vote, approval) and emergency
-- (joint on-site confirmation, approval on a short clock); their payments are postings of kind USE,
-- each shared among the benefiting houses' ledgers by exclusive area.
alter table fund_posting drop constraint fund_posting_kind_check;
alter table fund_posting add constraint fund_posting_kind_check check (kind in ('DEPOSIT', 'INTEREST', 'USE'));
alter table fund_posting add column project_id bigint;

-- who approves the fund's use: the housing bureau, or the owners' committee once the fund has been handed to the assembly
alter table fund_account add column managed_by varchar(12) not null default 'BUREAU' check (managed_by in ('BUREAU', 'ASSEMBLY'));

create table fund_project (
    id                 bigserial primary key,
    account_id         bigint not null references fund_account (id),
    compound_id        bigint not null references compound (id),
    kind               varchar(10) not null check (kind in ('NORMAL', 'EMERGENCY')),
    title              varchar(200) not null,
    reason             text not null,
    hazard             varchar(16),
    scope_kind         varchar(10) not null check (scope_kind in ('COMPOUND', 'BUILDINGS', 'HOUSES')),
    building_ids       bigint[],
    budget_fen         bigint not null check (budget_fen > 0),
    quotes             text not null default '',
    -- 165号令 Art. 25: not a warranty defect, not a utility network's, not caused by a person
    not_excluded       boolean not null check (not_excluded),
    status             varchar(12) not null check (status in ('PLAN_POSTED', 'VOTING', 'REJECTED', 'PASSED', 'REPORTED', 'CONFIRMED',
                                                              'APPROVED', 'ACCEPTED', 'SETTLED')),
    proposed_by        bigint not null,
    proposed_by_name   varchar(100) not null,
    proposer_kind      varchar(10) not null check (proposer_kind in ('COMPANY', 'COMMITTEE')),
    proposed_at        timestamptz not null,
    plan_posted_until  timestamptz,
    appeal_id          bigint,
    confirmed_by_name  varchar(100),
    confirmed_at       timestamptz,
    affected_owners    varchar(500),
    approval_due       timestamptz,
    escalation_level   int not null default 0,
    motion_id          bigint,
    vote_result        varchar(20),
    approved_by_name   varchar(100),
    approved_at        timestamptz,
    advance_posting_id bigint,
    accepted_by_name   varchar(100),
    accepted_at        timestamptz,
    acceptance_note    text,
    settled_fen        bigint,
    final_posting_id   bigint,
    settled_at         timestamptz,
    version            int not null default 0,
    constraint fund_project_hazard check ((kind = 'EMERGENCY') = (hazard is not null))
);
create index fund_project_compound on fund_project (compound_id, id desc);
create unique index fund_project_motion on fund_project (motion_id) where motion_id is not null;
create index fund_project_awaiting on fund_project (approval_due) where status = 'CONFIRMED';

-- the benefiting houses, fixed at the proposal: the roll of the vote and the base of the cost's shares
create table fund_project_house (
    project_id     bigint not null references fund_project (id),
    house_id       bigint not null references house (id),
    area_centi     bigint not null,
    developer_held boolean not null,
    primary key (project_id, house_id)
);

-- quotes, on-site photos, the acceptance record
create table fund_project_file (
    id         bigserial primary key,
    project_id bigint not null references fund_project (id),
    purpose    varchar(12) not null check (purpose in ('QUOTE', 'PHOTO', 'ACCEPTANCE')),
    file_key   varchar(200) not null,
    title      varchar(200) not null
);
create index fund_project_file_project on fund_project_file (project_id);
