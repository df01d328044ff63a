-- 专项维修资金 (建设部、财政部令第165号): an account per compound, a ledger per house (分户账).
-- Money in fen. The account's balance is the sum of its house ledgers and each ledger's balance the
-- sum of its entries: every posting changes all three in one transaction, and the reconciliation
-- (FundReconciliation, nightly and in the tests) reports any difference.
create table fund_account (
    id          bigserial primary key,
    compound_id bigint not null unique references compound (id),
    balance_fen bigint not null default 0,
    opened_at   timestamptz not null,
    version     int not null default 0
);

-- every booking updates a ledger's balance, which no index covers: room on each page keeps those updates HOT
create table fund_ledger (
    house_id          bigint primary key references house (id),
    account_id        bigint not null references fund_account (id),
    first_deposit_fen bigint not null default 0 check (first_deposit_fen >= 0),
    balance_fen       bigint not null default 0
) with (fillfactor = 70);
create index fund_ledger_account on fund_ledger (account_id);

-- one movement of the account: a first deposit, a year's interest; its entries are the houses' parts
create table fund_posting (
    id             bigserial primary key,
    account_id     bigint not null references fund_account (id),
    kind           varchar(12) not null check (kind in ('DEPOSIT', 'INTEREST')),
    amount_fen     bigint not null,
    document       varchar(100) not null,
    note           varchar(500) not null default '',
    posted_at      timestamptz not null,
    posted_by      bigint not null,
    posted_by_name varchar(100) not null,
    -- the same bank reference (or voucher) is one movement, however often and to whichever compound it is sent
    constraint fund_posting_document unique (kind, document)
);

-- No foreign keys here, on purpose: an entry is written by the statement that updates its ledger
-- (Postings: the ledger's update returns the rows the entries are made of, under the posting just
-- inserted), postings and ledgers are never removed (the triggers below), and the reconciliation
-- reports any entry without its posting or ledger. The two keys' checks were 40 % of booking a
-- 20,000-house compound (550 of 1,475 ms).
create table fund_entry (
    id                bigserial primary key,
    posting_id        bigint not null,
    house_id          bigint not null,
    amount_fen        bigint not null,
    balance_after_fen bigint not null,
    -- who paid: the owner, the developer for a unit it still holds, or the fund itself (interest)
    payer             varchar(12) not null check (payer in ('OWNER', 'DEVELOPER', 'FUND')),
    -- what the amount was computed from: the area (1/100 m²) for a deposit, the balance (fen) for interest
    base              bigint not null
);
create index fund_entry_house on fund_entry (house_id, id);

-- the books are append-only: a wrong entry is corrected by another, never changed or removed
create function fund_append_only() returns trigger language plpgsql as $$
begin
    raise exception '维修资金账目只可追加，不可修改或删除（%）', tg_table_name;
end $$;
create trigger fund_posting_append_only before update or delete on fund_posting for each row execute function fund_append_only();
create trigger fund_entry_append_only before update or delete on fund_entry for each row execute function fund_append_only();
create trigger fund_posting_no_truncate before truncate on fund_posting for each statement execute function fund_append_only();
create trigger fund_entry_no_truncate before truncate on fund_entry for each statement execute function fund_append_only();
-- a ledger's balance changes with every booking, but a ledger is never removed
create trigger fund_ledger_kept before delete on fund_ledger for each row execute function fund_append_only();
create trigger fund_ledger_no_truncate before truncate on fund_ledger for each statement execute function fund_append_only();

-- what each nightly reconciliation found
create table fund_reconciliation (
    id          bigserial primary key,
    ran_at      timestamptz not null,
    accounts    int not null,
    differences int not null,
    detail      text not null default ''
);
