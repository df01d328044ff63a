create table app_user (
    id              bigserial primary key,
    username        varchar(60) not null constraint app_user_username_key unique,
    password_hash   varchar(200),
    display_name    varchar(60) not null,
    role            varchar(20) not null check (role in ('CITY', 'DISTRICT', 'STREET', 'COMMUNITY', 'COMPANY_ADMIN', 'STAFF', 'COMMITTEE', 'RESIDENT', 'ADMIN')),
    region_code     varchar(12) references region (code),
    company_id      bigint references property_company (id),
    staff_id        bigint references staff (id),
    compound_id     bigint references compound (id),
    phone           varchar(11) unique,
    enabled         boolean not null default true,
    failed_logins   int not null default 0,
    locked_until    timestamptz,
    version         int not null default 0,
    created_at      timestamptz not null default now(),
    -- the scope a role is bound to must be there, and only that one
    constraint app_user_scope check (
        (role in ('CITY', 'DISTRICT', 'STREET', 'COMMUNITY') and region_code is not null and company_id is null and staff_id is null and compound_id is null
            and length(region_code) = case role when 'CITY' then 4 when 'DISTRICT' then 6 when 'STREET' then 9 else 12 end)
        or (role = 'COMPANY_ADMIN' and company_id is not null and region_code is null and staff_id is null and compound_id is null)
        or (role = 'STAFF' and staff_id is not null and region_code is null and compound_id is null)
        or (role = 'COMMITTEE' and compound_id is not null and region_code is null and company_id is null and staff_id is null)
        or (role = 'RESIDENT' and phone is not null and region_code is null and company_id is null and staff_id is null and compound_id is null)
        or (role = 'ADMIN' and region_code is null and company_id is null and staff_id is null and compound_id is null))
);

create table api_token (
    id         bigserial primary key,
    token_hash char(64) not null unique,
    user_id    bigint not null references app_user (id),
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    revoked_at timestamptz
);
create index api_token_user on api_token (user_id);

create table sms_code (
    id         bigserial primary key,
    phone      varchar(11) not null,
    code_hash  char(64) not null,
    source_ip  varchar(64),
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    used_at    timestamptz,
    attempts   int not null default 0
);
create index sms_code_phone on sms_code (phone, created_at);
create index sms_code_ip on sms_code (source_ip, created_at);

create table resident_binding (
    id         bigserial primary key,
    user_id    bigint not null references app_user (id),
    house_id   bigint not null references house (id),
    relation   varchar(10) not null check (relation in ('OWNER', 'TENANT')),
    owner_id   bigint references owner (id),
    invited_by bigint references app_user (id),
    created_at timestamptz not null default now(),
    constraint resident_binding_key unique (user_id, house_id),
    constraint resident_binding_owner check ((relation = 'OWNER') = (owner_id is not null))
);
create index resident_binding_house on resident_binding (house_id);

create table binding_attempt (
    id        bigserial primary key,
    user_id   bigint not null references app_user (id),
    at        timestamptz not null default now(),
    succeeded boolean not null
);
create index binding_attempt_user on binding_attempt (user_id, at);

create table tenant_invitation (
    id            bigserial primary key,
    code_hash     char(64) not null unique,
    house_id      bigint not null references house (id),
    owner_user_id bigint not null references app_user (id),
    created_at    timestamptz not null default now(),
    expires_at    timestamptz not null,
    used_by       bigint references app_user (id),
    used_at       timestamptz
);

create table demo_data (
    name      varchar(40) primary key,
    loaded_at timestamptz not null default now()
);
