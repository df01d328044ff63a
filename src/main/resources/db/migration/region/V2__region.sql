-- National statistical division codes; the code's prefix is its parent chain.
create table region (
    code        varchar(12) primary key,
    name        varchar(100) not null,
    level       smallint not null check (level between 1 and 5),
    parent_code varchar(12) references region (code),
    -- village level only: an urban 社区居委会 (true) or a rural 村委会 (false)
    urban       boolean,
    constraint region_code_shape check (code ~ '^[0-9]+$' and length(code) in (2, 4, 6, 9, 12)),
    constraint region_parent_prefix check (parent_code is null or starts_with(code, parent_code))
);
create index region_parent on region (parent_code, code);
create index region_name on region (name);

create table region_import (
    id          bigserial primary key,
    started_at  timestamptz not null default now(),
    finished_at timestamptz,
    source      varchar(300) not null,
    inserted    int,
    updated     int,
    unchanged   int,
    actor_name  varchar(100)
);
