-- 你呼我应: appeals, their clocks, the supervision ladder, ratings, repeats, notifications, Open311 clients.

-- 诉求分类: the eight hot spots of city hotline data; extra questions (Open311 attributes) as JSON
create table appeal_category (
    code        varchar(30) primary key,
    name        varchar(40) not null unique,
    description varchar(200) not null,
    sort        int not null,
    attributes  jsonb not null default '[]'
);
insert into appeal_category (code, name, description, sort, attributes) values
 ('SERVICE',   '物业服务',       '物业服务态度、收费公示、服务标准', 1, '[]'),
 ('PARKING',   '停车',           '车位、乱停车、充电桩',             2, '[{"code":"plate","datatype":"string","required":false,"description":"车牌号（如涉及车辆）"}]'),
 ('SANITATION','环境卫生',       '垃圾清运、楼道卫生、化粪池',       3, '[]'),
 ('GREENING',  '绿化',           '绿地养护、树木修剪',               4, '[]'),
 ('FACILITY',  '设施设备/电梯',  '电梯、水电气暖、门禁、楼道灯',     5, '[{"code":"trapped","datatype":"singlevaluelist","required":true,"description":"是否有人被困在电梯内","values":[{"key":"yes","name":"有人被困"},{"key":"no","name":"无人被困"}]}]'),
 ('SAFETY',    '安全/消防通道',  '消防通道堵塞、消防设施、治安',     6, '[]'),
 ('NEIGHBOUR', '相邻关系/噪音',  '噪音、漏水、违章搭建',             7, '[]'),
 ('GOVERNANCE','业主大会/业委会','业主大会、业委会运作、公共收益',   8, '[]');

-- SlaPolicy: minutes per category × urgency. region_code '' is the national default (DOMAIN §3);
-- a city's row overrides it, a district's row overrides its city's. supervise = the clock of a
-- level that receives an escalation.
create table sla_policy (
    id               bigserial primary key,
    region_code      varchar(12) not null,
    category         varchar(30) not null references appeal_category (code),
    urgency          varchar(10) not null check (urgency in ('EMERGENCY', 'URGENT', 'NORMAL')),
    accept_minutes   int not null check (accept_minutes between 1 and 43200),
    resolve_minutes  int not null check (resolve_minutes between 1 and 525600),
    supervise_minutes int not null check (supervise_minutes between 1 and 525600),
    updated_by       varchar(100) not null default 'system',
    updated_at       timestamptz not null default now(),
    version          int not null default 0,
    constraint sla_policy_key unique (region_code, category, urgency),
    constraint sla_policy_region check (region_code = '' or length(region_code) in (4, 6))
);
insert into sla_policy (region_code, category, urgency, accept_minutes, resolve_minutes, supervise_minutes)
select '', c.code, u.urgency, u.accept_minutes, u.resolve_minutes, u.supervise_minutes
from appeal_category c cross join (values ('EMERGENCY', 30, 120, 60), ('URGENT', 120, 1440, 240), ('NORMAL', 1440, 10080, 1440))
    as u (urgency, accept_minutes, resolve_minutes, supervise_minutes);

create table appeal (
    id                  bigserial primary key,
    version             int not null default 0,
    compound_id         bigint not null references compound (id),
    community_code      varchar(12) not null,
    building_id         bigint references building (id),
    house_id            bigint references house (id),
    kind                varchar(12) not null check (kind in ('REPAIR', 'COMPLAINT', 'SUGGESTION', 'INQUIRY', 'PRAISE')),
    category            varchar(30) not null references appeal_category (code),
    urgency             varchar(10) not null check (urgency in ('EMERGENCY', 'URGENT', 'NORMAL')),
    body                varchar(2000) not null,
    terms               varchar(4000) not null default '',
    attributes          varchar(2000) not null default '{}',
    channel             varchar(8) not null check (channel in ('APP', 'PATROL', 'OPEN311', 'API')),
    raised_by           bigint,
    raised_by_role      varchar(16),
    open311_client      bigint,
    contact_phone       varchar(11),
    client_key          varchar(200),
    intake_token        uuid not null default gen_random_uuid() unique,
    status              varchar(16) not null check (status in ('SUBMITTED', 'ACCEPTED', 'IN_PROGRESS', 'RESOLVED', 'REOPENED', 'REJECTED_ROUTE', 'CLOSED')),
    handler_kind        varchar(10) not null check (handler_kind in ('COMPANY', 'COMMUNITY', 'EXTERNAL')),
    handler_company_id  bigint references property_company (id),
    external_handler    varchar(100),
    assignee_staff_id   bigint references staff (id),
    level               varchar(10) not null default 'HANDLER' check (level in ('HANDLER', 'COMMUNITY', 'STREET', 'DISTRICT', 'CITY')),
    accept_minutes      int not null,
    resolve_minutes     int not null,
    supervise_minutes   int not null,
    created_at          timestamptz not null default now(),
    accept_due_at       timestamptz not null,
    accepted_at         timestamptz,
    resolve_due_at      timestamptz,
    first_resolve_due_at timestamptz,
    paused_at           timestamptz,
    paused_reason       varchar(200),
    paused_seconds      bigint not null default 0,
    resolved_at         timestamptz,
    resolved_on_time    boolean,
    result              varchar(2000),
    supervise_due_at    timestamptz,
    next_escalation_at  timestamptz,
    escalations         int not null default 0,
    reopen_count        int not null default 0,
    rating              varchar(24) check (rating in ('SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED')),
    rating_reason       varchar(500),
    rated_at            timestamptz,
    confirmed_solved    boolean not null default false,
    closed_at           timestamptz,
    closed_reason       varchar(12) check (closed_reason in ('RATED', 'UNRATED', 'CONFIRMED')),
    repeat_of           bigint references appeal (id),
    repeat_reason       varchar(12) check (repeat_reason in ('SAME_PLACE', 'SIMILAR_TEXT')),
    repeat_similarity   real,
    supporters          int not null default 0,
    updated_at          timestamptz not null default now(),
    constraint appeal_handler check ((handler_kind = 'COMPANY') = (handler_company_id is not null)
        and (handler_kind = 'EXTERNAL') = (external_handler is not null)),
    constraint appeal_house_in_building check (house_id is null or building_id is not null)
);
-- the escalation sweep reads only the rows whose clock is running: a partial index, never the table
create index appeal_next_escalation on appeal (next_escalation_at) where next_escalation_at is not null;
create index appeal_compound_created on appeal (compound_id, created_at desc);
create index appeal_created on appeal (created_at desc);
create index appeal_community_created on appeal (community_code text_pattern_ops, created_at);
create index appeal_company_open on appeal (handler_company_id, status) where status <> 'CLOSED';
create index appeal_raised_by on appeal (raised_by, created_at desc);
create index appeal_repeat_of on appeal (repeat_of) where repeat_of is not null;
create unique index appeal_client_key on appeal (raised_by, client_key) where client_key is not null;
create unique index appeal_open311_key on appeal (open311_client, client_key) where client_key is not null and open311_client is not null;

-- the timeline: every transition with actor, time and note, kept forever
create table appeal_event (
    id          bigserial primary key,
    appeal_id   bigint not null references appeal (id),
    at          timestamptz not null default now(),
    action      varchar(24) not null,
    from_status varchar(16),
    to_status   varchar(16),
    level       varchar(10),
    actor_user  bigint,
    actor_name  varchar(100) not null,
    actor_role  varchar(16),
    note        varchar(2000),
    due_at      timestamptz
);
create index appeal_event_appeal on appeal_event (appeal_id, id);

create table appeal_photo (
    appeal_id   bigint not null references appeal (id),
    seq         int not null,
    stage       varchar(8) not null check (stage in ('INTAKE', 'RESULT')),
    storage_key varchar(100) not null,
    primary key (appeal_id, seq)
);

-- +1: residents who back an open appeal instead of filing the same one again
create table appeal_supporter (
    appeal_id bigint not null references appeal (id),
    user_id   bigint not null,
    at        timestamptz not null default now(),
    primary key (appeal_id, user_id)
);

-- every rating ever given (the appeal keeps the latest)
create table appeal_rating (
    id        bigserial primary key,
    appeal_id bigint not null references appeal (id),
    rating    varchar(24) not null,
    reason    varchar(500),
    at        timestamptz not null default now()
);

-- 站内信: each user's inbox
create table inbox_message (
    id         bigserial primary key,
    user_id    bigint not null references app_user (id),
    appeal_id  bigint,
    title      varchar(200) not null,
    body       varchar(1000) not null,
    created_at timestamptz not null default now(),
    read_at    timestamptz
);
create index inbox_user on inbox_message (user_id, id desc);
create index inbox_unread on inbox_message (user_id) where read_at is null;

-- Open311 API clients; the key is only stored as its SHA-256
create table open311_client (
    id         bigserial primary key,
    name       varchar(100) not null,
    key_hash   char(64) not null unique,
    key_hint   varchar(8) not null,
    created_by varchar(100) not null,
    created_at timestamptz not null default now(),
    revoked_at timestamptz
);
