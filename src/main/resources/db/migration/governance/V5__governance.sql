-- 表决事项: a motion of a compound (or some of its buildings), convened, published (roll frozen), closed and counted.
create table motion (
    id               bigserial primary key,
    compound_id      bigint not null references compound (id),
    matter           smallint not null check (matter between 1 and 9),
    title            varchar(200) not null,
    body             text not null,
    seats            int check (seats between 1 and 21),
    building_ids     bigint[],
    opens_at         timestamptz not null,
    closes_at        timestamptz not null,
    convened_by      varchar(12) not null check (convened_by in ('COMMITTEE', 'COMMUNITY')),
    status           varchar(12) not null check (status in ('DRAFT', 'PUBLISHED', 'CLOSED')),
    include_parking  boolean not null default false,
    follow_majority  boolean not null default false,
    roll_area        bigint,
    roll_head        bigint,
    published_at     timestamptz,
    result           text,
    counted_at       timestamptz,
    objections_until timestamptz,
    last_hash        char(64),
    version          int not null default 0,
    constraint motion_times check (closes_at > opens_at),
    constraint motion_seats check ((matter = 3) = (seats is not null))
);
create index motion_compound on motion (compound_id);

-- the roll as frozen at publication: later changes of ownership do not touch it
create table roll_entry (
    motion_id      bigint not null references motion (id),
    house_id       bigint not null,
    kind           varchar(12) not null,
    area_centi     bigint not null,
    owner_ids      varchar(500) not null,
    developer_held boolean not null,
    primary key (motion_id, house_id)
);

-- 选票: every ballot ever cast is kept; one effective per voter; each chained to the previous by its hash
create table ballot (
    id            bigserial primary key,
    motion_id     bigint not null references motion (id),
    voter_id      varchar(40) not null,
    cast_by_owner varchar(40) not null,
    channel       varchar(8) not null check (channel in ('ONLINE', 'PAPER')),
    choice        varchar(8),
    candidates    varchar(500),
    proxy         boolean not null default false,
    attachment    varchar(300),
    cast_at       timestamptz not null default now(),
    effective     boolean not null default true,
    previous_hash char(64) not null,
    hash          char(64) not null unique
);
create unique index ballot_one_effective on ballot (motion_id, voter_id) where effective;
create index ballot_motion on ballot (motion_id, id);

-- 送达: voters the convener has served with the notice; under 从众 those who then do not vote follow the majority
create table motion_notice_served (
    motion_id bigint not null references motion (id),
    voter_id  varchar(40) not null,
    served_at timestamptz not null default now(),
    primary key (motion_id, voter_id)
);

-- 附件: documents attached to a motion before it is published (plans, quotes, contracts)
create table motion_attachment (
    id          bigserial primary key,
    motion_id   bigint not null references motion (id),
    file_key    varchar(300) not null,
    title       varchar(200) not null,
    uploaded_at timestamptz not null default now()
);
create index motion_attachment_motion on motion_attachment (motion_id);
