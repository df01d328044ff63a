-- 公告栏: a compound's notices, posted by the company, the committee or the community, or by the
-- platform on their behalf (a fund project's plan, a settlement, a price board, a quarter's common
-- income). A notice is never changed once posted: a correction is a new notice.
create table notice (
    id           bigserial primary key,
    compound_id  bigint not null references compound (id),
    -- the disclosure duty it fulfils (Civil Code Art. 943; 山东省物业管理条例), or GENERAL
    duty         varchar(16) not null check (duty in ('GENERAL', 'SERVICE', 'STAFF', 'FEES', 'PERFORMANCE', 'FUND_USE',
                                                      'COMMON_INCOME', 'COMPLAINT')),
    title        varchar(200) not null,
    body         text not null,
    posted_at    timestamptz not null,
    posted_until timestamptz not null check (posted_until > posted_at),
    author_kind  varchar(12) not null check (author_kind in ('COMPANY', 'COMMITTEE', 'COMMUNITY', 'BUREAU')),
    author_name  varchar(100) not null,
    posted_by    bigint,
    -- what the platform posted it for (e.g. fund_project 12 plan); a redelivered request posts once
    source       varchar(60) unique,
    read_count   int not null default 0
);
create index notice_compound on notice (compound_id, id desc);

create table notice_attachment (
    id        bigserial primary key,
    notice_id bigint not null references notice (id),
    file_key  varchar(200) not null,
    title     varchar(200) not null
);
create index notice_attachment_notice on notice_attachment (notice_id);

-- who opened a notice (once each): the read count is the number of these rows
create table notice_read (
    notice_id bigint not null references notice (id),
    user_id   bigint not null references app_user (id),
    read_at   timestamptz not null,
    primary key (notice_id, user_id)
);

-- the last posting of each disclosure duty per compound, kept with every notice, so that the
-- checklist of a city's compounds is one join and not a search through all their notices
create table disclosure_status (
    compound_id    bigint not null references compound (id),
    duty           varchar(16) not null,
    last_notice_id bigint not null references notice (id),
    last_posted_at timestamptz not null,
    primary key (compound_id, duty)
);

-- a duty found overdue, once per compound, duty and missed due date: the event a credit record is made from
create table disclosure_overdue (
    compound_id bigint not null references compound (id),
    duty        varchar(16) not null,
    due_on      date not null,
    company_id  bigint,
    found_at    timestamptz not null,
    primary key (compound_id, duty, due_on)
);
