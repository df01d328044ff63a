-- 物业费: each compound's price board (明码标价), bills per house and period, payments with receipts.
-- Money in fen; a rate per m² per month in fen (¥1.35 → 135), areas in 1/100 m².
create table fee_item (
    id             bigserial primary key,
    compound_id    bigint not null references compound (id),
    name           varchar(100) not null,
    content        varchar(1000) not null,
    standard       varchar(1000) not null,
    billing        varchar(16) not null check (billing in ('AREA_MONTH', 'HOUSE_MONTH')),
    house_kind     varchar(12) check (house_kind in ('RESIDENTIAL', 'COMMERCIAL', 'PARKING', 'STALL')),
    rate_fen       bigint not null check (rate_fen > 0),
    pricing        varchar(12) not null check (pricing in ('GUIDED', 'MARKET')),
    -- government-guided: the base price and how far the actual rate may float from it
    base_rate_fen  bigint,
    float_percent  int check (float_percent between 0 and 100),
    basis          varchar(300) not null,
    starts_on      date not null,
    ends_on        date,
    version        int not null default 0,
    constraint fee_item_guided check ((pricing = 'GUIDED') = (base_rate_fen is not null and float_percent is not null))
);
create index fee_item_compound on fee_item (compound_id);

create table fee_bill (
    id          bigserial primary key,
    compound_id bigint not null references compound (id),
    house_id    bigint not null references house (id),
    period      date not null check (extract(day from period) = 1),
    amount_fen  bigint not null check (amount_fen >= 0),
    -- each item billed: name, basis and amount, as the house's bill shows them
    lines       text not null,
    paid_fen    bigint not null default 0 check (paid_fen >= 0),
    issued_at   timestamptz not null,
    version     int not null default 0,
    constraint fee_bill_once unique (house_id, period),
    constraint fee_bill_not_overpaid check (paid_fen <= amount_fen)
);
create index fee_bill_compound on fee_bill (compound_id, period);

create table fee_payment (
    id          bigserial primary key,
    compound_id bigint not null references compound (id),
    bill_id     bigint not null references fee_bill (id),
    amount_fen  bigint not null check (amount_fen > 0),
    method      varchar(10) not null check (method in ('CASH', 'TRANSFER', 'ONLINE')),
    -- the bank's or gateway's reference, or the receipt book's number for cash: one payment of the compound's, however
    -- often it is sent (per compound, so that one company cannot learn or block another's references)
    reference   varchar(100) not null,
    receipt_no  varchar(30) not null unique,
    paid_at     timestamptz not null,
    recorded_by varchar(100) not null,
    constraint fee_payment_reference unique (compound_id, reference)
);
create index fee_payment_bill on fee_payment (bill_id);
create sequence fee_receipt_seq;

-- 公共收益: income from common parts, per compound, a ledger of its own
create table common_income (
    id          bigserial primary key,
    compound_id bigint not null references compound (id),
    source      varchar(16) not null check (source in ('LIFT_AD', 'GATE_AD', 'PARKING', 'VENUE', 'OTHER')),
    description varchar(300) not null,
    gross_fen   bigint not null check (gross_fen >= 0),
    cost_fen    bigint not null check (cost_fen >= 0),
    contract_no varchar(100) not null,
    receipt_ref varchar(100) not null,
    received_on date not null,
    recorded_by varchar(100) not null,
    recorded_at timestamptz not null,
    constraint common_income_receipt unique (compound_id, receipt_ref)
);
create index common_income_compound on common_income (compound_id, received_on);
create trigger common_income_append_only before update or delete on common_income for each row execute function fund_append_only();

-- a quarter's disclosure of a compound's common income (posted ≥ 30 days on the notice board)
create table common_income_disclosure (
    compound_id bigint not null references compound (id),
    quarter     date not null,
    gross_fen   bigint not null,
    cost_fen    bigint not null,
    entries     int not null,
    posted_at   timestamptz not null,
    posted_by   varchar(100) not null,
    primary key (compound_id, quarter)
);

-- owners demanding an audit of the common income: 20 % of the area and 20 % of the heads
create table common_income_audit_demand (
    id          bigserial primary key,
    compound_id bigint not null references compound (id),
    reason      varchar(1000) not null,
    opened_by   bigint not null references app_user (id),
    opened_at   timestamptz not null,
    reached_at  timestamptz,
    answer      text,
    answered_by varchar(100),
    answered_at timestamptz,
    version     int not null default 0
);
create table common_income_audit_support (
    demand_id bigint not null references common_income_audit_demand (id),
    house_id  bigint not null references house (id),
    user_id   bigint not null references app_user (id),
    signed_at timestamptz not null,
    primary key (demand_id, house_id)
);
