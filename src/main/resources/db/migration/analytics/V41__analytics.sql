-- 科学分析: the analytics module's read models of the appeal indicators, kept from the appeal
-- module's events (AppealFacts.SELECT is the one definition of a fact) and rebuilt from it by
-- --rebuild-analytics. Every counter is a sum of 0/1 facts, so a projection can always be
-- recomputed from the appeal table and compared.

-- the fact of each appeal as last projected: what the projections hold for it, so that a change is
-- applied as (new − old) and a repeated event changes nothing
create table analytics_appeal (
    appeal_id           bigint primary key,
    compound_id         bigint not null,
    company_id          bigint,
    community_code      varchar(12) not null,
    category            varchar(30) not null,
    kind                varchar(12) not null,
    day                 date not null,
    appeals             smallint not null,
    accept_judged       smallint not null,
    accepted_on_time    smallint not null,
    resolve_judged      smallint not null,
    resolved_on_time    smallint not null,
    rated               smallint not null,
    satisfied           smallint not null,
    solved              smallint not null,
    complaints          smallint not null,
    repeats             smallint not null,
    -- a judged clock still running: due (and late) once it passes, counted by the reader at its "now"
    accept_pending_due  timestamptz,
    resolve_pending_due timestamptz
);
-- only the appeals whose clocks still run are read one by one (they are few); the rest through the sums
create index analytics_appeal_running_region on analytics_appeal (community_code text_pattern_ops, day)
    where accept_pending_due is not null or resolve_pending_due is not null;
-- the fine units (a community, a compound, a company at a compound) have no day rows: their broken
-- months, hot spots and topics are read from the facts themselves, a few per unit and day
create index analytics_appeal_region_day on analytics_appeal (community_code text_pattern_ops, day);
create index analytics_appeal_compound_day on analytics_appeal (compound_id, day);
create index analytics_appeal_company_day on analytics_appeal (company_id, day);

-- the sums per unit × day × category, for the coarse units only: R a province, city, area or street
-- (its code) and C a company (its id). Finer units would be one row per appeal.
create table analytics_day (
    unit             char(1) not null check (unit in ('R', 'C')),
    unit_key         varchar(40) collate "C" not null,
    day              date not null,
    category         varchar(30) not null,
    appeals          int not null,
    accept_judged    int not null,
    accepted_on_time int not null,
    resolve_judged   int not null,
    resolved_on_time int not null,
    rated            int not null,
    satisfied        int not null,
    solved           int not null,
    complaints       int not null,
    repeats          int not null,
    primary key (unit, unit_key, day, category)
);

-- the sums per calendar month (month = its first day) for every unit: R a region at every level
-- down to the community, C a company, P a compound ("community code/compound id", so a region's
-- compounds are a key prefix), Q a company at one compound ("company id/community code/compound
-- id": a company's figures in a region for bulletins). A year is twelve rows per key and category;
-- the days of a period's broken months come from analytics_day or, for the fine units, the facts.
create table analytics_month (
    unit             char(1) not null check (unit in ('R', 'C', 'P', 'Q')),
    unit_key         varchar(40) collate "C" not null,
    month            date not null,
    category         varchar(30) not null,
    appeals          int not null,
    accept_judged    int not null,
    accepted_on_time int not null,
    resolve_judged   int not null,
    resolved_on_time int not null,
    rated            int not null,
    satisfied        int not null,
    solved           int not null,
    complaints       int not null,
    repeats          int not null,
    primary key (unit, unit_key, month, category)
);

-- appeals whose fact must be projected again: the event listener writes the id, the upkeep job
-- projects a batch and deletes it in one transaction
create table analytics_stale (
    appeal_id bigint primary key
);

-- whether the projections were ever built from the appeal table (an upgrade builds them on start)
create table analytics_state (
    id       int primary key check (id = 1),
    built_at timestamptz
);
insert into analytics_state (id) values (1);

-- hot spots found by the watch job: one row per episode, so the supervisors hear of each once; a hot
-- spot seen again within a window of its last sighting is the same episode
create table analytics_hotspot (
    id          bigserial primary key,
    unit        varchar(10) not null check (unit in ('COMPOUND', 'STREET')),
    unit_key    varchar(20) not null,
    region_code varchar(12) not null,
    category    varchar(30) not null,
    first_seen  date not null,
    last_seen   date not null,
    count       int not null,
    threshold   numeric(12, 2) not null
);
create index analytics_hotspot_key on analytics_hotspot (unit, unit_key, category, last_seen desc);
create index analytics_hotspot_region on analytics_hotspot (region_code text_pattern_ops, last_seen desc);

-- the weights a city gives the three rates in its monthly bulletins (月度通报); region '' is the default
create table analytics_bulletin_weights (
    region_code  varchar(12) primary key,
    response     int not null check (response between 0 and 100),
    resolution   int not null check (resolution between 0 and 100),
    satisfaction int not null check (satisfaction between 0 and 100),
    updated_by   varchar(100) not null default 'system',
    updated_at   timestamptz not null default now(),
    version      int not null default 0,
    constraint analytics_bulletin_weights_some check (response + resolution + satisfaction > 0)
);
insert into analytics_bulletin_weights (region_code, response, resolution, satisfaction) values ('', 30, 30, 40);
