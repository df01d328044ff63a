create extension if not exists btree_gist;

create table property_company (
    id          bigserial primary key,
    name        varchar(200) not null,
    credit_code char(18) not null constraint property_company_credit_code_key unique,
    party_org   varchar(12) not null check (party_org in ('INDEPENDENT', 'JOINT', 'NONE')),
    phone       varchar(20),
    address     varchar(300),
    version     int not null default 0,
    created_at  timestamptz not null default now()
);

create table compound (
    id                  bigserial primary key,
    name                varchar(100) not null,
    address             varchar(300),
    community_code      varchar(12) not null references region (code),
    latitude            numeric(9, 6) check (latitude between -90 and 90),
    longitude           numeric(9, 6) check (longitude between -180 and 180),
    households          int not null check (households >= 0),
    building_area_centi bigint not null default 0 check (building_area_centi >= 0),
    year_built          int check (year_built between 1900 and 2100),
    old_compound        boolean not null default false,
    service_mode        varchar(12) not null check (service_mode in ('PROFESSIONAL', 'TRUSTEE', 'QUASI', 'SELF', 'NONE')),
    version             int not null default 0,
    created_at          timestamptz not null default now(),
    constraint compound_name_community_key unique (community_code, name),
    constraint compound_community_level check (length(community_code) = 12)
);
-- scope filtering is a prefix match on the community code
create index compound_community on compound (community_code text_pattern_ops);
create index compound_name_search on compound (name text_pattern_ops);

create table building (
    id          bigserial primary key,
    compound_id bigint not null references compound (id),
    name        varchar(50) not null,
    floors      int check (floors between 1 and 200),
    version     int not null default 0,
    constraint building_name_key unique (compound_id, name)
);

create table house (
    id                   bigserial primary key,
    building_id          bigint not null references building (id),
    unit                 varchar(20) not null default '',
    number               varchar(20) not null,
    exclusive_area_centi bigint not null check (exclusive_area_centi > 0),
    area_source          varchar(10) not null check (area_source in ('REGISTRY', 'SURVEY', 'CONTRACT')),
    kind                 varchar(12) not null check (kind in ('RESIDENTIAL', 'COMMERCIAL', 'PARKING', 'STALL')),
    developer_held       boolean not null default false,
    certificate_no       varchar(50),
    version              int not null default 0,
    constraint house_number_key unique (building_id, unit, number)
);

-- ID numbers are kept only as keyed hashes (whole, and the last six characters used to bind a house)
-- and a masked form for display.
create table owner (
    id           bigserial primary key,
    name         varchar(50) not null,
    phone        varchar(11),
    id_hash      char(64) not null constraint owner_id_hash_key unique,
    id_tail_hash char(64) not null,
    id_masked    varchar(20) not null,
    version      int not null default 0
);

create table house_owner (
    house_id       bigint not null references house (id),
    owner_id       bigint not null references owner (id),
    representative boolean not null default false,
    primary key (house_id, owner_id)
);
create unique index house_owner_one_representative on house_owner (house_id) where representative;
create index house_owner_owner on house_owner (owner_id);

create table service_contract (
    id          bigserial primary key,
    compound_id bigint not null references compound (id),
    company_id  bigint not null references property_company (id),
    starts_on   date not null,
    ends_on     date not null,
    fee_fen     bigint check (fee_fen >= 0),
    version     int not null default 0,
    constraint service_contract_dates check (ends_on >= starts_on),
    -- at most one contract in force per compound on any day
    constraint service_contract_one_in_force exclude using gist (compound_id with =, daterange(starts_on, ends_on, '[]') with &&)
);
create index service_contract_company on service_contract (company_id);

create table staff (
    id           bigserial primary key,
    company_id   bigint not null references property_company (id),
    name         varchar(50) not null,
    phone        varchar(11),
    grid_worker  boolean not null default false,
    party_member boolean not null default false,
    version      int not null default 0
);
create index staff_company on staff (company_id);

create table staff_compound (
    staff_id    bigint not null references staff (id),
    compound_id bigint not null references compound (id),
    primary key (staff_id, compound_id)
);
create index staff_compound_compound on staff_compound (compound_id);

create table owners_assembly (
    compound_id             bigint primary key references compound (id),
    formed_on               date not null,
    parking_in_roll         boolean not null default false,
    follow_majority_enabled boolean not null default false,
    version                 int not null default 0
);

create table owners_committee (
    id           bigserial primary key,
    compound_id  bigint not null references compound (id),
    formed_on    date not null,
    term_ends_on date not null,
    filed_on     date,
    version      int not null default 0,
    constraint owners_committee_term check (term_ends_on > formed_on and term_ends_on <= formed_on + interval '5 years'),
    constraint owners_committee_one_in_term exclude using gist (compound_id with =, daterange(formed_on, term_ends_on, '[)') with &&)
);

create table committee_member (
    committee_id bigint not null references owners_committee (id),
    name         varchar(50) not null,
    position     varchar(10) not null check (position in ('DIRECTOR', 'DEPUTY', 'MEMBER')),
    owner_id     bigint references owner (id),
    primary key (committee_id, name)
);
